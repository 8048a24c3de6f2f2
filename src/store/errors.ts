import { causeCode, NETWORK_CODES } from '../core/errorCause.js';
/** Prisma's code for a unique constraint that refused a row (a race lost to another writer). */
export function isUniqueViolation(error: unknown): boolean {
  return typeof error === 'object' && error !== null && 'code' in error && (error as { code: unknown }).code === 'P2002';
}

/** A unique constraint of one of `models` refused a row: only there does it mean a race lost. */
export function isUniqueViolationOn(error: unknown, models: readonly string[]): boolean {
  if (!isUniqueViolation(error)) return false;
  const meta = (error as { meta?: { modelName?: unknown } }).meta;
  return typeof meta?.modelName === 'string' && models.includes(meta.modelName);
}

/** Node's and PostgreSQL's codes for "the database is not there for us": not a bug, a setting or an outage. */
const UNREACHABLE = new Set([...NETWORK_CODES, '28P01', '28000', '3D000', 'P1001', 'P1000', 'P1003', 'SQLITE_CANTOPEN']);

/** The code saying the database could not be reached or opened, looked for along the error's causes; null for any other error. */
export const unreachableCode = (error: unknown): string | null => causeCode(error, UNREACHABLE);
