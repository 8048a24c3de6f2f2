import { message } from '../../core/messages.js';
import { ok, refuse, type Outcome } from '../../core/result.js';
import { addDays, isWorkingDay, localDay, parseDay, weekdayOf, withExceptions, workingDayAfter, type WorkingCalendar } from '../../core/tickets/calendar.js';
import { fileCalendar, type CalendarEntry, type CalendarFile } from '../../core/tickets/calendarFile.js';
import type { Deps } from '../deps.js';
import type { CalendarDayRecord } from './calendarPorts.js';

/** The operator's side of the calendar: exceptions added and removed, the year listed, a deadline worked out. */

export type CalendarRefusal = 'calendar_bad_date' | 'calendar_bad_kind' | 'calendar_note_required' | 'calendar_note_too_long' | 'calendar_no_change' | 'calendar_no_such_day' | 'calendar_bad_days';

export const MAX_NOTE_CHARS = 500;

const kindName = (kind: 'workday' | 'dayoff') => `${message('vi', `calendar_kind_${kind}`)} / ${message('en', `calendar_kind_${kind}`)}`;

/**
 * A make-up working day or an extra day off, set by the operator; it wins over the calendar file both
 * ways. One that would change nothing (a working Tuesday made a working day) is refused, so a typo in
 * the date shows instead of passing silently. Audited with the exception it replaced.
 */
export async function addCalendarDay(
  deps: Deps,
  file: CalendarFile,
  input: { date: string; kind: string; note: string; actorId?: string | null },
): Promise<Outcome<{ day: CalendarDayRecord; previous: CalendarDayRecord | null }, CalendarRefusal>> {
  const date = parseDay(input.date);
  if (!date) return refuse('calendar_bad_date', { date: input.date });
  if (input.kind !== 'workday' && input.kind !== 'dayoff') return refuse('calendar_bad_kind', { kind: input.kind });
  const note = input.note.trim().replace(/\s+/g, ' ');
  if (note === '') return refuse('calendar_note_required');
  if (note.length > MAX_NOTE_CHARS) return refuse('calendar_note_too_long', { max: String(MAX_NOTE_CHARS) });
  const exceptions = await deps.store.calendarDays();
  const current = withExceptions(fileCalendar(file), exceptions);
  const existing = exceptions.find((e) => e.date === date);
  if (isWorkingDay(date, current) === (input.kind === 'workday') && existing?.kind !== input.kind) return refuse('calendar_no_change', { date, kind: kindName(input.kind) });
  const at = deps.clock();
  const day: CalendarDayRecord = { date, kind: input.kind, note, createdById: input.actorId ?? null, createdAt: at };
  const { previous } = await deps.store.putCalendarDay(day, { at, actorId: input.actorId ?? null, action: 'calendar_day_set', subjectType: 'calendar_day', subjectId: date, data: {} });
  return ok({ day, previous });
}

/** The operator's exception on that date taken back: the day follows the calendar file again. Audited. */
export async function removeCalendarDay(deps: Deps, input: { date: string; actorId?: string | null }): Promise<Outcome<CalendarDayRecord, CalendarRefusal>> {
  const date = parseDay(input.date);
  if (!date) return refuse('calendar_bad_date', { date: input.date });
  const removed = await deps.store.removeCalendarDay(date, { at: deps.clock(), actorId: input.actorId ?? null, action: 'calendar_day_removed', subjectType: 'calendar_day', subjectId: date, data: {} });
  return removed ? ok(removed) : refuse('calendar_no_such_day', { date });
}

/** One line of `calendar list`: a day of the file or of the operator, and whether an exception overrides it. */
export interface ListedDay {
  date: string;
  kind: 'workday' | 'dayoff';
  origin: 'file' | 'operator';
  name: string;
  note: string;
  source: string | null;
  confirmed: boolean;
  /** A file day the operator set the other way. */
  overridden: boolean;
}

/** The file's days and the operator's, in date order; one year, or all. */
export async function listCalendar(deps: Deps, file: CalendarFile, year: number | null): Promise<ListedDay[]> {
  const exceptions = await deps.store.calendarDays();
  const inYear = (date: string) => year === null || date.startsWith(`${year}-`);
  const fromFile = file.entries.filter((e) => inYear(e.date)).map((e): ListedDay => {
    const mine = exceptions.find((x) => x.date === e.date);
    return { date: e.date, kind: e.kind, origin: 'file', name: e.name, note: e.note, source: e.source, confirmed: e.confirmed, overridden: mine !== undefined && mine.kind !== e.kind };
  });
  const fromOperator = exceptions.filter((x) => inYear(x.date)).map((x): ListedDay => ({ date: x.date, kind: x.kind, origin: 'operator', name: x.note, note: x.note, source: null, confirmed: true, overridden: false }));
  return [...fromFile, ...fromOperator].sort((a, b) => (a.date === b.date ? (a.origin === 'file' ? -1 : 1) : a.date < b.date ? -1 : 1));
}

/** A deadline as a person works it out from the calendar, with the days that moved it. */
export interface DueWorking {
  from: string;
  days: number;
  due: string;
  /** Weekdays off between the day of receipt and the due day (holidays, bridge days). */
  skipped: string[];
  /** Weekend days worked in that span (make-up days) that counted. */
  madeUp: string[];
  /** Days of the file marked unconfirmed in that span: the deadline is as good as they are. */
  unconfirmed: string[];
}

/** The due day of a receipt on `from` (a day, or a local date-time whose day is taken), `days` working days on. */
export function workOutDue(calendar: WorkingCalendar, file: CalendarFile, from: string, days: number): DueWorking {
  const due = workingDayAfter(from, days, calendar);
  const skipped: string[] = [];
  const madeUp: string[] = [];
  for (let d = addDays(from, 1); d <= due; d = addDays(d, 1)) {
    const weekend = weekdayOf(d) === 0 || weekdayOf(d) === 6;
    if (!weekend && !isWorkingDay(d, calendar)) skipped.push(d);
    if (weekend && isWorkingDay(d, calendar)) madeUp.push(d);
  }
  const unconfirmed = file.entries.filter((e) => !e.confirmed && e.date > from && e.date <= due).map((e) => e.date);
  return { from, days, due, skipped, madeUp, unconfirmed };
}

/** The file's unconfirmed days in the year of `now` and the next: what the operator should check. */
export function unconfirmedAhead(file: CalendarFile, now: Date, timeZone: string): CalendarEntry[] {
  const year = Number(localDay(now, timeZone).slice(0, 4));
  return file.entries.filter((e) => !e.confirmed && (e.date.startsWith(`${year}-`) || e.date.startsWith(`${year + 1}-`)));
}
