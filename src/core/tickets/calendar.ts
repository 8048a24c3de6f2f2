/**
 * Working days in the province (Luật Lao động Điều 112; notes/regulation.md §3.3): weekends and public
 * holidays off, make-up working days on. Pure: the calendar is data passed in.
 *
 * FOUNDATION STUB — the calendar helper replaces the body (holiday data, make-up days, tests); the
 * signatures below are what the ticket use cases call.
 */
import { endOfDay } from '../dates.js';

/** Days as YYYY-MM-DD in the province's zone. */
export interface WorkingCalendar {
  /** Public holidays and extra days off (the year's Tết, Hùng Kings, 30/4–1/5, 2/9, …). */
  daysOff: ReadonlySet<string>;
  /** Make-up working days (a Saturday worked in exchange for a bridge day off). */
  workdays: ReadonlySet<string>;
}

const isoDay = (d: Date) => d.toISOString().slice(0, 10);

/** The local calendar day of an instant, YYYY-MM-DD. */
export function localDay(instant: Date, timeZone: string): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(instant);
}

export function isWorkingDay(day: string, cal: WorkingCalendar): boolean {
  if (cal.workdays.has(day)) return true;
  if (cal.daysOff.has(day)) return false;
  const weekday = new Date(`${day}T00:00:00Z`).getUTCDay();
  return weekday !== 0 && weekday !== 6;
}

/**
 * The answer deadline: the end (in the province's zone) of the `days`-th working day after the day of
 * receipt. The day of receipt does not count.
 */
export function dueAfterWorkingDays(receivedAt: Date, days: number, cal: WorkingCalendar, timeZone: string): Date {
  let day = new Date(`${localDay(receivedAt, timeZone)}T00:00:00Z`);
  let left = days;
  while (left > 0) {
    day = new Date(day.getTime() + 86_400_000);
    if (isWorkingDay(isoDay(day), cal)) left -= 1;
  }
  return endOfDay(isoDay(day), timeZone)!;
}
