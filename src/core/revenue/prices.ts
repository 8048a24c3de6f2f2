/**
 * The yearly price list of media services (seed Điều 14.4.c): a contract's value is checked against the
 * list in force for its first day's year; below the lowest price the list allows, or not priced by it at
 * all, the contract deviates and its approval must accept that in so many words.
 */

export interface PriceRowTerms {
  kind: string;
  /** An ad zone, or "any". */
  zone: string;
  days: number;
  /** Tax included, whole đồng. */
  price: number;
  /** The largest discount the desk may give on it, in percent. */
  discountPercent: number;
}

export type PriceDeviation = { kind: 'below'; listed: number; lowest: number; list: string } | { kind: 'unpriced'; list: string };

/** The days a contract runs, both ends included. */
export const daysBetween = (startDay: string, endDay: string): number => Math.round((Date.parse(`${endDay}T00:00:00Z`) - Date.parse(`${startDay}T00:00:00Z`)) / 86_400_000) + 1;

/** The lowest value a row allows: its price less the largest discount, rounded up to the đồng. */
export const lowestAllowed = (row: Pick<PriceRowTerms, 'price' | 'discountPercent'>): number => Math.ceil((row.price * (100 - row.discountPercent)) / 100);

/**
 * The row that prices a contract: its kind, the shortest duration that covers its days, and of those the
 * lowest it allows (a contract names no zone: the most lenient reading is the fair one). Null when none does.
 */
export function pricingRow<T extends PriceRowTerms>(rows: readonly T[], kind: string, days: number): T | null {
  const fits = rows.filter((r) => r.kind === kind && r.days >= days);
  if (fits.length === 0) return null;
  const shortest = Math.min(...fits.map((r) => r.days));
  return fits.filter((r) => r.days === shortest).sort((a, b) => lowestAllowed(a) - lowestAllowed(b))[0] ?? null;
}

/** How a contract stands against the list in force (`list` its code): null when within it. */
export function priceDeviation(list: { code: string; rows: readonly PriceRowTerms[] }, contract: { kind: string; value: number; startDay: string; endDay: string }): PriceDeviation | null {
  const row = pricingRow(list.rows, contract.kind, daysBetween(contract.startDay, contract.endDay));
  if (!row) return { kind: 'unpriced', list: list.code };
  const lowest = lowestAllowed(row);
  return contract.value < lowest ? { kind: 'below', listed: row.price, lowest, list: list.code } : null;
}

/** A row's problem, if any: a known kind, a zone or "any", 1–366 days, a price above 0, a discount 0–100. */
export function priceRowProblem(row: PriceRowTerms, kinds: readonly string[], zones: readonly string[]): string | null {
  if (!kinds.includes(row.kind)) return 'kind';
  if (row.zone !== 'any' && !zones.includes(row.zone)) return 'zone';
  if (!Number.isInteger(row.days) || row.days < 1 || row.days > 366) return 'days';
  if (!Number.isInteger(row.price) || row.price <= 0 || row.price > 2_000_000_000) return 'price';
  if (!Number.isInteger(row.discountPercent) || row.discountPercent < 0 || row.discountPercent > 100) return 'discount';
  return null;
}
