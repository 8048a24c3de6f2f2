import { closedPeriods, type Period } from './period.js';
import { addDays } from '../tickets/calendar.js';

/** The kinds of period the regulation asks reports for (seed Điều 19.4, 20.3). */
export const REPORT_KINDS = ['quarter', 'half', 'year'] as const;

/** The hour (the province's) from which a period's report is due on its day. */
export const REPORT_HOUR = 8;

/** The local day a period's report is due: `afterDays` days after its last day. */
export const reportDueDay = (p: Period, afterDays: number): string => addDays(p.toDay, afterDays);

/**
 * The reports the calendar owes at a local day and hour: for each kind, the newest period that closed, whose due
 * day (and hour) has come, and that closed on or after `sinceDay` (the day the portal began: a new install owes
 * nothing for the quarters before it). Only the newest of each kind: a service down for half a year catches up on
 * the last quarter, not on every one it slept through (those are made on demand).
 */
export function owedPeriods(today: string, hour: number, afterDays: number, sinceDay: string): Period[] {
  const owed: Period[] = [];
  for (const kind of REPORT_KINDS) {
    const due = closedPeriods(kind, today, 3).find((p) => {
      const day = reportDueDay(p, afterDays);
      return day < today || (day === today && hour >= REPORT_HOUR);
    });
    if (due && due.toDay >= sinceDay) owed.push(due);
  }
  return owed;
}
