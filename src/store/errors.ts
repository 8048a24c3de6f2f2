import { MigrationRefused } from './migrate.js';
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

/** SQLite's codes for a file that is not a database, or one whose pages are damaged. */
const NOT_A_DATABASE = new Set(['SQLITE_NOTADB', 'SQLITE_CORRUPT']);
const NO_SUCH_DATABASE = new Set(['3D000']);

/** A database that could not be used, said as what the operator does about it. */
export interface DatabaseRefusal {
  key: 'database_absent' | 'database_damaged' | 'cli_database_unreachable' | 'database_foreign' | 'database_newer';
  detail: Record<string, string>;
}

/** `createdb` with the URL's own host, port, user and name: the step PostgreSQL needs before `init`. */
function createdbLine(url: string): string {
  const u = new URL(url);
  const name = decodeURIComponent(u.pathname.replace(/^\//, '')) || 'portal_hub';
  const parts = ['createdb', u.hostname ? `-h ${u.hostname}` : '', u.port ? `-p ${u.port}` : '', u.username ? `-U ${decodeURIComponent(u.username)}` : '', name];
  return parts.filter((p) => p !== '').join(' ');
}

/** PostgreSQL answered but has no database of that name. */
export const absentDatabase = (url: string, where: string): DatabaseRefusal => ({ key: 'database_absent', detail: { where, createdb: createdbLine(url) } });

/** Why the database at `url` (shown as `where`, without its password) could not be used, or null for any other error. */
export function databaseRefusal(error: unknown, url: string, where: string): DatabaseRefusal | null {
  if (error instanceof MigrationRefused) return { key: error.code === 'HUB_FOREIGN_DATABASE' ? 'database_foreign' : 'database_newer', detail: { where, names: error.names.join(', ') } };
  if (causeCode(error, NO_SUCH_DATABASE)) return absentDatabase(url, where);
  if (causeCode(error, NOT_A_DATABASE)) return { key: 'database_damaged', detail: { where } };
  const code = unreachableCode(error);
  return code === null ? null : { key: 'cli_database_unreachable', detail: { where, code } };
}
