import type { AuditEntry } from '../ports.js';

/** A day the operator set against the calendar file: a make-up working day or an extra day off. */
export interface CalendarDayRecord {
  /** YYYY-MM-DD in the province's zone. */
  date: string;
  kind: 'workday' | 'dayoff';
  note: string;
  createdById: string | null;
  createdAt: Date;
}

/**
 * The operator's working-day exceptions; each change audited with the row it writes. The audit entry is
 * whole (the CLI's store stamps every entry it sees with the operator); the store adds what it replaced.
 */
export interface CalendarStore {
  /** Every exception, in date order (a few a year: read whole). */
  calendarDays(): Promise<CalendarDayRecord[]>;
  /** Sets the day (replacing an exception on the same date); the one it replaced, if any. */
  putCalendarDay(day: CalendarDayRecord, audit: AuditEntry): Promise<{ previous: CalendarDayRecord | null }>;
  /** Removes the exception; null when there was none on that date. */
  removeCalendarDay(date: string, audit: AuditEntry): Promise<CalendarDayRecord | null>;
}
