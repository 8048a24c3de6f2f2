import { closedPeriods, type Period } from './period.js';
import { addDays } from '../tickets/calendar.js';

/** The kinds of period the regulation asks reports for (seed Điều 19.4, 20.3). */
export const REPORT_KINDS = ['quarter', 'half', 'year'] as const;

/** The hour (the province's) from which a period's report is due on its day. */
export const REPORT_HOUR = 8;

/** The local day a period's report is due: `afterDays` days after its last day. */
export const reportDueDay = (p: Period, afterDays: number): string => addDays(p.toDay, afterDays);

/** Periods of one kind looked back on: two years of quarters (a service down longer is a matter for the operator). */
const LOOK_BACK = 8;

/**
 * The reports the calendar owes at a local day and hour: every period of each kind whose due day (and hour) has come
 * and that closed on or after `sinceDay` (the day the portal began: a new install owes nothing for the periods
 * before it), oldest first. A period missed while the service was down is among them until its report is made; the
 * caller skips those already made.
 */
export function owedPeriods(today: string, hour: number, afterDays: number, sinceDay: string): Period[] {
  const owed: Period[] = [];
  for (const kind of REPORT_KINDS) {
    for (const p of closedPeriods(kind, today, LOOK_BACK)) {
      const day = reportDueDay(p, afterDays);
      if ((day < today || (day === today && hour >= REPORT_HOUR)) && p.toDay >= sinceDay) owed.push(p);
    }
  }
  return owed.sort((a, b) => a.toDay.localeCompare(b.toDay) || a.fromDay.localeCompare(b.fromDay) * -1);
}
