import type { ConsultationStore } from '../app/consultations/ports.js';
import type { AuditTrail } from './audit.js';
import type { Db } from './client.js';

/** FOUNDATION STUB: filled by its work. */
export function consultationStore(_db: Db, _trail: AuditTrail): ConsultationStore {
  return {};
}
