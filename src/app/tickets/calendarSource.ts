import type { WorkingCalendar } from '../../core/tickets/calendar.js';
import type { Deps } from '../deps.js';

/**
 * FOUNDATION STUB (the calendar work fills it): the calendar as it stands — the shipped holiday file
 * (or CALENDAR_FILE) plus the operator's exceptions from the database.
 */
export function calendarSource(_deps: Deps, _file: string | null): () => Promise<WorkingCalendar> {
  return async () => ({ daysOff: new Set(), workdays: new Set() });
}
