import type { CalendarStore } from '../app/tickets/calendarPorts.js';
import type { AuditTrail } from './audit.js';
import type { Db } from './client.js';

/** FOUNDATION STUB: filled by its work. */
export function calendarStore(_db: Db, _trail: AuditTrail): CalendarStore {
  return {};
}
