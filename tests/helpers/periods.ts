/**
 * Report periods around today in the province's zone (UTC+7, no daylight saving), for journeys that start the
 * real service today and then move its clock across a quarter's end. Written out here, not taken from
 * src/core/reports, so a mistake there cannot agree with itself.
 */
const ZONE_MS = 7 * 3_600_000;
const pad = (n: number) => String(n).padStart(2, '0');

interface Quarter {
  year: number;
  quarter: number;
}
const after = ({ year, quarter }: Quarter): Quarter => (quarter === 4 ? { year: year + 1, quarter: 1 } : { year, quarter: quarter + 1 });
const before = ({ year, quarter }: Quarter): Quarter => (quarter === 1 ? { year: year - 1, quarter: 4 } : { year, quarter: quarter - 1 });
const label = ({ year, quarter }: Quarter) => `${year}-Q${quarter}`;
const firstMonth = ({ quarter }: Quarter) => 3 * (quarter - 1) + 1;
/** The reports owed when a quarter closes, in the order the calendar makes them: the quarter's, its half's, its year's. */
const closing = (q: Quarter) => [label(q), ...(q.quarter === 2 ? [`${q.year}-H1`] : q.quarter === 4 ? [`${q.year}-H2`, String(q.year)] : [])];
/** A local instant on a quarter's first month, as the service's CLOCK_START reads it. */
const at = (q: Quarter, day: number, time: string) => `${q.year}-${pad(firstMonth(q))}-${pad(day)}T${time}+07:00`;

export interface QuarterAround {
  /** This quarter, e.g. "2026-Q4". */
  current: string;
  /** The quarter before it: closed before a portal started today began. */
  previous: string;
  /** The reports owed once this quarter closes, e.g. ["2026-Q4", "2026-H2", "2026"]. */
  closing: string[];
  /** Today's local month and year as the reports write dates ("12/2026"). */
  monthYear: string;
  /** The next quarter's first day as the reports write it ("01/01/2027"). */
  nextStartDay: string;
  /** Day `day` of the next quarter at `time` (local), e.g. "2027-01-06T09:00:00+07:00". */
  nextQuarterAt: (day: number, time: string) => string;
  /** The next quarter and the reports owed when it closes. */
  next: { label: string; closing: string[] };
  /** Day `day` of the quarter after the next at `time` (local). */
  quarterAfterNextAt: (day: number, time: string) => string;
  quarterAfterNext: string;
}

export function quarterAround(now: Date = new Date()): QuarterAround {
  const local = new Date(now.getTime() + ZONE_MS);
  const current: Quarter = { year: local.getUTCFullYear(), quarter: Math.floor(local.getUTCMonth() / 3) + 1 };
  const next = after(current);
  const third = after(next);
  return {
    current: label(current),
    previous: label(before(current)),
    closing: closing(current),
    monthYear: `${pad(local.getUTCMonth() + 1)}/${local.getUTCFullYear()}`,
    nextStartDay: `01/${pad(firstMonth(next))}/${next.year}`,
    nextQuarterAt: (day, time) => at(next, day, time),
    next: { label: label(next), closing: closing(next) },
    quarterAfterNextAt: (day, time) => at(third, day, time),
    quarterAfterNext: label(third),
  };
}
