/**
 * The holiday calendar kept as data (calendar/vn.json, or the operator's CALENDAR_FILE): read and checked
 * here, purely. Every problem is collected, so that one start tells the operator everything to fix.
 */
import { message } from '../messages.js';
import { parseDay, weekdayOf, type WorkingCalendar } from './calendar.js';

export type CalendarDayKind = 'dayoff' | 'workday';

/** One day of the file: a day off (holiday, bridge day) or a make-up working day. */
export interface CalendarEntry {
  date: string;
  kind: CalendarDayKind;
  /** What the day is, e.g. "Tết Nguyên đán (mùng 1)". */
  name: string;
  /** Why it is off or on, in a sentence people can check. */
  note: string;
  /** The law or announcement it comes from, as far as known; never made up. */
  source: string;
  /** False: the date is a projection or not checked against the announcement; the operator should verify it. */
  confirmed: boolean;
}

/** A change the file knows may come, not applied (e.g. a holiday decided in principle, not yet in law). */
export interface PendingNote {
  note: string;
  source: string;
}

export interface CalendarFile {
  entries: CalendarEntry[];
  pending: PendingNote[];
  /** The years the file lists, even one with no day off: outside them only weekends are days off. */
  years: number[];
}

/**
 * The years a calendar should cover by `today` (a local YYYY-MM-DD) and does not: this year, and from October the
 * next, since answer dates from mid-December run into it and the operator needs the time to enter its holidays.
 */
export function yearsNotCovered(years: readonly number[], today: string): number[] {
  const year = Number(today.slice(0, 4));
  return yearsMissing(years, year, Number(today.slice(5, 7)) >= 10 ? year + 1 : year);
}

/** The years from `first` to `last` (both included) a calendar does not list. */
export function yearsMissing(years: readonly number[], first: number, last: number): number[] {
  const missing: number[] = [];
  for (let y = first; y <= last; y += 1) if (!years.includes(y)) missing.push(y);
  return missing;
}

/** A problem in the file: a message key of the catalogue and what fills it. */
export interface FileProblem {
  key: string;
  detail: Record<string, string>;
}

const ENTRY_FIELDS = ['date', 'name', 'note', 'source', 'confirmed'] as const;
const TOP_FIELDS = new Set(['$comment', 'about', 'pending', 'years']);
const YEAR_FIELDS = new Set(['daysOff', 'workdays']);

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

export type ParsedFile = { ok: true; value: CalendarFile } | { ok: false; problems: FileProblem[] };

/** Reads the file's text; the entries in date order. */
export function parseCalendarFile(text: string): ParsedFile {
  const problems: FileProblem[] = [];
  const problem = (key: string, detail: Record<string, string>) => problems.push({ key, detail });
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    problem('calendar_file_not_json', { error: error instanceof Error ? error.message : String(error) });
    return { ok: false, problems };
  }
  if (!isRecord(data)) {
    problem('calendar_file_shape', { path: '(tệp / file)', expected: '{ "years": { … } }' });
    return { ok: false, problems };
  }
  for (const key of Object.keys(data)) if (!TOP_FIELDS.has(key)) problem('calendar_file_unknown_field', { path: key });

  const pending: PendingNote[] = [];
  if (data.pending !== undefined) {
    if (!Array.isArray(data.pending)) problem('calendar_file_shape', { path: 'pending', expected: '[ { "note", "source" } ]' });
    else
      data.pending.forEach((p: unknown, i) => {
        const note = isRecord(p) ? p.note : undefined;
        const source = isRecord(p) ? p.source : undefined;
        if (typeof note !== 'string' || note.trim() === '' || typeof source !== 'string' || source.trim() === '') problem('calendar_file_shape', { path: `pending[${i}]`, expected: '{ "note": "…", "source": "…" }' });
        else pending.push({ note, source });
      });
  }

  const entries: CalendarEntry[] = [];
  if (!isRecord(data.years) || Object.keys(data.years).length === 0) {
    problem('calendar_file_no_years', {});
  } else {
    for (const [year, days] of Object.entries(data.years)) {
      if (!/^\d{4}$/.test(year)) problem('calendar_file_bad_year', { path: `years.${year}` });
      if (!isRecord(days)) {
        problem('calendar_file_shape', { path: `years.${year}`, expected: '{ "daysOff": [ … ], "workdays": [ … ] }' });
        continue;
      }
      for (const key of Object.keys(days)) if (!YEAR_FIELDS.has(key)) problem('calendar_file_unknown_field', { path: `years.${year}.${key}` });
      for (const [field, kind] of [['daysOff', 'dayoff'], ['workdays', 'workday']] as const) {
        const list = days[field] ?? [];
        if (!Array.isArray(list)) {
          problem('calendar_file_shape', { path: `years.${year}.${field}`, expected: '[ { "date", "name", "note", "source", "confirmed" } ]' });
          continue;
        }
        list.forEach((raw: unknown, i) => {
          const entry = readEntry(raw, `years.${year}.${field}[${i}]`, year, kind, problem);
          if (entry) entries.push(entry);
        });
      }
    }
  }

  const seen = new Map<string, CalendarEntry>();
  for (const e of entries) {
    const before = seen.get(e.date);
    if (before) problem(before.kind === e.kind ? 'calendar_file_duplicate' : 'calendar_file_both', { date: e.date });
    else seen.set(e.date, e);
  }
  if (problems.length > 0) return { ok: false, problems };
  const years = Object.keys(isRecord(data.years) ? data.years : {}).map(Number).sort((a, b) => a - b);
  return { ok: true, value: { entries: entries.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0)), pending, years } };
}

function readEntry(raw: unknown, path: string, year: string, kind: CalendarDayKind, problem: (key: string, detail: Record<string, string>) => void): CalendarEntry | null {
  if (!isRecord(raw)) {
    problem('calendar_file_shape', { path, expected: '{ "date", "name", "note", "source", "confirmed" }' });
    return null;
  }
  let sound = true;
  for (const key of Object.keys(raw)) {
    if (!(ENTRY_FIELDS as readonly string[]).includes(key)) {
      problem('calendar_file_unknown_field', { path: `${path}.${key}` });
      sound = false;
    }
  }
  const date = typeof raw.date === 'string' ? raw.date : '';
  const day = /^\d{4}-\d{2}-\d{2}$/.test(date) ? parseDay(date) : null;
  if (!day) {
    problem('calendar_file_bad_date', { path: `${path}.date`, value: String(raw.date) });
    sound = false;
  } else if (day.slice(0, 4) !== year) {
    problem('calendar_file_wrong_year', { path: `${path}.date`, date: day, year });
    sound = false;
  } else if (kind === 'workday' && weekdayOf(day) !== 0 && weekdayOf(day) !== 6) {
    // A weekday is a working day already: a "make-up" one there is a typo for another date.
    problem('calendar_file_workday_weekday', { path: `${path}.date`, date: day });
    sound = false;
  }
  for (const field of ['name', 'note', 'source'] as const) {
    const value = raw[field];
    if (typeof value !== 'string' || value.trim() === '') {
      problem('calendar_file_text_required', { path: `${path}.${field}` });
      sound = false;
    }
  }
  if (typeof raw.confirmed !== 'boolean') {
    problem('calendar_file_confirmed_required', { path: `${path}.confirmed` });
    sound = false;
  }
  if (!sound || !day) return null;
  return { date: day, kind, name: String(raw.name), note: String(raw.note), source: String(raw.source), confirmed: raw.confirmed === true };
}

/** The days the file lists, as the deadline rules read them. */
export function fileCalendar(file: CalendarFile): WorkingCalendar {
  return {
    daysOff: new Set(file.entries.filter((e) => e.kind === 'dayoff').map((e) => e.date)),
    workdays: new Set(file.entries.filter((e) => e.kind === 'workday').map((e) => e.date)),
  };
}

/** Every problem of a refused file, one per line, Vietnamese then English. */
export function describeProblems(file: string, problems: readonly FileProblem[]): string {
  const head = `${message('vi', 'calendar_file_invalid', { file, count: String(problems.length) })} / ${message('en', 'calendar_file_invalid', { file, count: String(problems.length) })}`;
  return [head, ...problems.map((p) => `- ${message('vi', p.key, p.detail)} / ${message('en', p.key, p.detail)}`)].join('\n');
}
