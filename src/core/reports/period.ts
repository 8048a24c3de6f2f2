import { addDays } from '../tickets/calendar.js';

/**
 * Report periods (seed Điều 19.4, 20.3): a quarter `2026-Q3`, a half-year `2026-H1`, a year `2026`, or any days
 * `2026-07-01..2026-09-30`; days in the province's calendar, both ends included.
 */
export interface Period {
  /** As typed back in file names and messages: 2026-Q3. */
  key: string;
  kind: 'quarter' | 'half' | 'year' | 'range';
  fromDay: string;
  toDay: string;
}

const pad = (n: number) => String(n).padStart(2, '0');
const lastDayOf = (year: number, month: number) => new Date(Date.UTC(year, month, 0)).getUTCDate();
const dayOf = (year: number, month: number, day: number) => `${year}-${pad(month)}-${pad(day)}`;
const validDay = (day: string) => {
  const t = Date.parse(`${day}T00:00:00Z`);
  return !Number.isNaN(t) && new Date(t).toISOString().slice(0, 10) === day;
};

/** The period a text names; null when it names none (or runs backwards, or outside the years 2000–2100). */
export function parsePeriod(text: string): Period | null {
  const t = text.trim().toUpperCase();
  const quarter = /^(\d{4})-Q([1-4])$/.exec(t);
  const half = /^(\d{4})-H([12])$/.exec(t);
  const year = /^(\d{4})$/.exec(t);
  const range = /^(\d{4}-\d{2}-\d{2})\.\.(\d{4}-\d{2}-\d{2})$/.exec(t);
  const y = Number((quarter ?? half ?? year ?? range)?.[1]?.slice(0, 4));
  if (!(y >= 2000 && y <= 2100)) return null;
  if (quarter) {
    const q = Number(quarter[2]);
    return { key: `${y}-Q${q}`, kind: 'quarter', fromDay: dayOf(y, q * 3 - 2, 1), toDay: dayOf(y, q * 3, lastDayOf(y, q * 3)) };
  }
  if (half) {
    const h = Number(half[2]);
    return { key: `${y}-H${h}`, kind: 'half', fromDay: dayOf(y, h * 6 - 5, 1), toDay: dayOf(y, h * 6, lastDayOf(y, h * 6)) };
  }
  if (year) return { key: `${y}`, kind: 'year', fromDay: dayOf(y, 1, 1), toDay: dayOf(y, 12, 31) };
  if (range && range[1] && range[2] && validDay(range[1]) && validDay(range[2]) && range[1] <= range[2] && Number(range[2].slice(0, 4)) <= 2100) {
    const asked: Period = { key: `${range[1]}..${range[2]}`, kind: 'range', fromDay: range[1], toDay: range[2] };
    // A year at most, as the longest named period: a century's range held the service's one thread for 50 s.
    return daysIn(asked) <= RANGE_MAX_DAYS ? asked : null;
  }
  return null;
}

/** The longest range of days a report is made for: a leap year. */
export const RANGE_MAX_DAYS = 366;

function daysIn(p: Pick<Period, 'fromDay' | 'toDay'>): number {
  return Math.round((Date.parse(p.toDay) - Date.parse(p.fromDay)) / 86_400_000) + 1;
}

/** The period just before, of the same kind and length (the quarter before, the year before; a range of as many days). */
export function previousPeriod(p: Period): Period {
  const y = Number(p.fromDay.slice(0, 4));
  const month = Number(p.fromDay.slice(5, 7));
  if (p.kind === 'quarter') return parsePeriod(month === 1 ? `${y - 1}-Q4` : `${y}-Q${(month + 2) / 3 - 1}`)!;
  if (p.kind === 'half') return parsePeriod(month === 1 ? `${y - 1}-H2` : `${y}-H1`)!;
  if (p.kind === 'year') return parsePeriod(`${y - 1}`)!;
  const toDay = addDays(p.fromDay, -1);
  const fromDay = addDays(toDay, -(daysIn(p) - 1));
  return { key: `${fromDay}..${toDay}`, kind: 'range', fromDay, toDay };
}

/** The same days a year earlier (29 February falls back to the 28th). */
export function sameLastYear(p: Period): Period {
  const back = (day: string) => {
    const y = Number(day.slice(0, 4)) - 1;
    const m = Number(day.slice(5, 7));
    return dayOf(y, m, Math.min(Number(day.slice(8, 10)), lastDayOf(y, m)));
  };
  const fromDay = back(p.fromDay);
  const toDay = back(p.toDay);
  const key = p.kind === 'range' ? `${fromDay}..${toDay}` : p.key.replace(/^\d{4}/, String(Number(p.key.slice(0, 4)) - 1));
  return { key, kind: p.kind, fromDay, toDay };
}

/** The periods of a kind that closed by `today` (a day), newest first, `count` of them: what the calendar job owes. */
export function closedPeriods(kind: 'quarter' | 'half' | 'year', today: string, count: number): Period[] {
  const y = Number(today.slice(0, 4));
  const candidates = kind === 'quarter' ? [4, 3, 2, 1].flatMap((q) => [`${y}-Q${q}`, `${y - 1}-Q${q}`]) : kind === 'half' ? [`${y}-H2`, `${y}-H1`, `${y - 1}-H2`, `${y - 1}-H1`] : [`${y}`, `${y - 1}`, `${y - 2}`];
  return candidates
    .map((k) => parsePeriod(k)!)
    .filter((p) => p.toDay < today)
    .sort((a, b) => b.toDay.localeCompare(a.toDay))
    .slice(0, count);
}
