/**
 * File sizes as a refusal shows them, in one form both languages read alike: whole numbers only, since "1.1 MB"
 * reads wrongly in Vietnamese (and "1,1 MB" in English). A size and its limit share one unit, the size rounded up
 * and the limit down, so a file over the limit never shows as equal to it ("2.0 MB, over the 2.0 MB limit" was
 * what a file of 2 MB and a byte read before).
 */
const KB = 1024;
const MB = 1024 * 1024;

function inUnit(bytes: number, unit: 'MB' | 'KB', round: 'up' | 'down'): string {
  const per = unit === 'MB' ? MB : KB;
  return `${round === 'up' ? Math.ceil(bytes / per) : Math.floor(bytes / per)} ${unit}`;
}

/** A limit on its own: "20 MB", "1536 KB". */
export function limitText(limit: number): string {
  return inUnit(limit, limit >= 10 * MB || (limit >= MB && limit % MB === 0) ? 'MB' : 'KB', 'down');
}

/** A refused size and the limit it went over, in one unit; `size` null when only "more than the limit" is known. */
export function sizeAgainstLimit(size: number | null, limit: number): { size: string; limit: string } {
  if (size === null) return { size: `> ${limitText(limit)}`, limit: limitText(limit) };
  // Below 10 MB a megabyte is too coarse (a 1.1 MB file would read "2 MB"), unless both are whole megabytes.
  const unit = limit >= 10 * MB || (limit >= MB && limit % MB === 0 && size % MB === 0) ? 'MB' : 'KB';
  return { size: inUnit(size, unit, 'up'), limit: inUnit(limit, unit, 'down') };
}
