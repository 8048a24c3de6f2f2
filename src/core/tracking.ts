/** Human tracking codes shown in every message, e.g. BP-2026-00042. */
export function trackingCode(prefix: string, year: number, sequence: number): string {
  return `${prefix}-${year}-${String(sequence).padStart(5, '0')}`;
}

const CODE = /^([A-Z]{1,6})-(\d{4})-(\d{5,})$/;

export function parseTrackingCode(text: string): { prefix: string; year: number; sequence: number } | null {
  const m = CODE.exec(text.trim().toUpperCase());
  if (!m) return null;
  return { prefix: m[1]!, year: Number(m[2]), sequence: Number(m[3]) };
}
