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
const UNREACHABLE = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'ECONNRESET', '28P01', '28000', '3D000', 'P1001', 'P1000', 'P1003', 'SQLITE_CANTOPEN']);

/** The code saying the database could not be reached or opened, looked for along the error's causes; null for any other error. */
export function unreachableCode(error: unknown): string | null {
  for (let e: unknown = error, depth = 0; typeof e === 'object' && e !== null && depth < 5; e = (e as { cause?: unknown }).cause, depth += 1) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && UNREACHABLE.has(code)) return code;
  }
  return null;
}
