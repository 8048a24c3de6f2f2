import { readFileSync } from 'node:fs';
import { withExceptions, type WorkingCalendar } from '../../core/tickets/calendar.js';
import { describeProblems, fileCalendar, parseCalendarFile, type CalendarFile } from '../../core/tickets/calendarFile.js';
import { bilingual } from '../../core/messages.js';
import type { Deps } from '../deps.js';
import { projectPath } from '../../projectRoot.js';

/** The calendar shipped with the code: Việt Nam's holidays for public servants (docs/features.md, "Working days"). */
export const SHIPPED_CALENDAR = projectPath('calendar', 'vn.json');

/** A calendar file the service cannot use: the message names every problem, in both languages. */
export class CalendarFileRefused extends Error {
  override readonly name = 'CalendarFileRefused';
}

/** Where the calendar is read from: CALENDAR_FILE, or the shipped one. */
export const calendarFilePath = (file: string | null): string => file ?? SHIPPED_CALENDAR;

/** The file (CALENDAR_FILE, or the shipped one) read and checked; a bad one throws, naming every problem. */
export function loadCalendarFile(file: string | null): CalendarFile {
  const path = calendarFilePath(file);
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new CalendarFileRefused(bilingual('calendar_file_unreadable', { file: path, error: error instanceof Error ? error.message : String(error) }));
  }
  const parsed = parseCalendarFile(text);
  if (!parsed.ok) throw new CalendarFileRefused(describeProblems(path, parsed.problems));
  return parsed.value;
}

export interface CalendarSourceOptions {
  /** How long the operator's exceptions are kept before they are read again (default 30 s). */
  refreshMs?: number;
  /** A clock that only moves forward, for the refresh. */
  monotonicMs?: () => number;
}

/**
 * The calendar as it stands: the holiday file (read once, here, so that a bad file stops the service at
 * start) plus the operator's exceptions from the database. The exceptions are read at most every
 * `refreshMs`, whatever the number of calls — a `portal-hub calendar add` reaches a running service within
 * that time (well inside the minute promised) without a query per ticket.
 */
export function calendarSource(deps: Deps, file: string | null, options: CalendarSourceOptions = {}): () => Promise<WorkingCalendar> {
  const base = fileCalendar(loadCalendarFile(file));
  const refreshMs = options.refreshMs ?? 30_000;
  const now = options.monotonicMs ?? (() => performance.now());
  let kept: { calendar: WorkingCalendar; readAt: number } | null = null;
  let reading: Promise<WorkingCalendar> | null = null;
  return async () => {
    if (kept && now() - kept.readAt < refreshMs) return kept.calendar;
    reading ??= (async () => {
      try {
        const startedAt = now();
        const calendar = withExceptions(base, await deps.store.calendarDays());
        kept = { calendar, readAt: startedAt };
        return calendar;
      } finally {
        reading = null;
      }
    })();
    return reading;
  };
}
