/**
 * Working days in the province (Bộ luật Lao động 2019 Điều 111–112; notes/regulation.md §3.3): Saturdays,
 * Sundays and public holidays off, announced make-up working days on. Pure: the calendar is data passed in,
 * days are `YYYY-MM-DD` in the province's time zone, and nothing here reads a clock.
 *
 * How a deadline of N working days is counted (the rule people apply by hand, Bộ luật Dân sự Điều 147:
 * the day of the event does not count):
 * - the day of receipt never counts, whatever time it arrived, and whether it is a working day or not;
 * - counting starts on the next working day after it: a receipt on a Saturday, a holiday or during Tết
 *   has the first working day after the break as its day 1 — the same day 1 as a receipt on the last
 *   working day before the break;
 * - the day of receipt is the day on the province's clock: a mail at 00:30 local time belongs to that
 *   day, though in UTC (seven hours behind Việt Nam) it is still the day before;
 * - the deadline is the END of the Nth working day there: the first instant of the next local day
 *   (like `endOfDay` in src/core/dates.ts), so an answer sent at 23:59 that day is on time.
 */
import { endOfDay, localDay, shownDay, typedDay } from '../dates.js';

/** Days as YYYY-MM-DD in the province's zone. */
export interface WorkingCalendar {
  /** Public holidays and extra days off (the year's Tết, Hùng Kings, 30/4–1/5, 2/9, bridge days, …). */
  daysOff: ReadonlySet<string>;
  /** Make-up working days (a Saturday worked in exchange for a bridge day off); they win over `daysOff` and weekends. */
  workdays: ReadonlySet<string>;
}

const DAY_MS = 86_400_000;

// One reading of days for the whole hub (src/core/dates.ts), under the names this module's callers use.
export { localDay };
export const parseDay = typedDay;
export const formatDay = shownDay;

/** The day `n` calendar days after `day` (before, when negative). */
export function addDays(day: string, n: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + n * DAY_MS).toISOString().slice(0, 10);
}

/** 0 Sunday … 6 Saturday. */
export const weekdayOf = (day: string): number => new Date(`${day}T00:00:00Z`).getUTCDay();

/** dd/mm/yyyy, as the province reads a day. */

export function isWorkingDay(day: string, cal: WorkingCalendar): boolean {
  if (cal.workdays.has(day)) return true;
  if (cal.daysOff.has(day)) return false;
  const weekday = weekdayOf(day);
  return weekday !== 0 && weekday !== 6;
}

function wholeDays(days: number): void {
  // A count of working days comes from configuration checked at start; anything else here is a bug.
  if (!Number.isInteger(days) || days < 0) throw new Error(`a number of working days must be a whole number ≥ 0, got ${days}`);
}

/** The `days`-th working day after `day` (`day` itself never counts); `day` itself when `days` is 0. */
export function workingDayAfter(day: string, days: number, cal: WorkingCalendar): string {
  wholeDays(days);
  let current = day;
  for (let left = days; left > 0; ) {
    current = addDays(current, 1);
    if (isWorkingDay(current, cal)) left -= 1;
  }
  return current;
}

/**
 * The answer deadline: the end (in the province's zone) of the `days`-th working day after the day of
 * receipt (see the rules at the top of this file).
 */
export function dueAfterWorkingDays(receivedAt: Date, days: number, cal: WorkingCalendar, timeZone: string): Date {
  return endOfDay(workingDayAfter(localDay(receivedAt, timeZone), days, cal), timeZone)!;
}

/** The last day of a deadline: the local day that ends at `dueAt`. */
export const dueDayOf = (dueAt: Date, timeZone: string): string => localDay(new Date(dueAt.getTime() - 1), timeZone);

/** Working days after `from` up to and including `to` (both YYYY-MM-DD); negative when `to` is earlier. */
export function workingDaysBetween(from: string, to: string, cal: WorkingCalendar): number {
  if (to < from) return -workingDaysBetween(to, from, cal);
  let n = 0;
  for (let day = addDays(from, 1); day <= to; day = addDays(day, 1)) if (isWorkingDay(day, cal)) n += 1;
  return n;
}

/**
 * Working days left before a deadline, today not counted: 0 on the last day, 1 the working day before,
 * negative once the deadline has passed: −1 until the end of the first working day after the last day,
 * then −2, and so on.
 */
export function workingDaysLeft(now: Date, dueAt: Date, cal: WorkingCalendar, timeZone: string): number {
  const today = localDay(now, timeZone);
  const last = dueDayOf(dueAt, timeZone);
  if (now.getTime() < dueAt.getTime()) return workingDaysBetween(today, last, cal);
  // Past the end of the last day: count the working days since, today included when it is one.
  return -Math.max(1, workingDaysBetween(last, today, cal));
}

/**
 * The instant from which a reminder is due: the start of the working day from which `days` working days
 * (today not counted) are left before the deadline. `days` 0: the start of the last day itself. The
 * caller decides what to do when that instant is before the receipt (a deadline shorter than the notice).
 */
export function remindFrom(dueAt: Date, days: number, cal: WorkingCalendar, timeZone: string): Date {
  wholeDays(days);
  let day = dueDayOf(dueAt, timeZone);
  for (let left = days; left > 0; ) {
    day = addDays(day, -1);
    if (isWorkingDay(day, cal)) left -= 1;
  }
  return endOfDay(addDays(day, -1), timeZone)!;
}

/** The shipped calendar and the operator's exceptions as one: an operator's day wins over the file's, both ways. */
export function withExceptions(base: WorkingCalendar, exceptions: readonly { date: string; kind: 'workday' | 'dayoff' }[]): WorkingCalendar {
  const daysOff = new Set(base.daysOff);
  const workdays = new Set(base.workdays);
  for (const e of exceptions) {
    if (e.kind === 'workday') {
      workdays.add(e.date);
      daysOff.delete(e.date);
    } else {
      daysOff.add(e.date);
      workdays.delete(e.date);
    }
  }
  return { daysOff, workdays };
}
