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
