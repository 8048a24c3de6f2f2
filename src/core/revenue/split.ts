/**
 * Media-service revenue (seed Điều 15): what is left after tax is split 40 % to the people who worked on
 * the deal by their agreed shares, and 60 % to the centre — 30 % autonomy, 20 % portal technology, 10 %
 * the royalty fund. Whole đồng throughout; the parts always sum to the revenue exactly.
 */

/** The centre's accounts and the people's part, in percent of the revenue after tax (seed Điều 15.2). */
export const REVENUE_SPLIT = { people: 40, autonomy: 30, technology: 20, royaltyFund: 10 } as const;

export type RevenueAccount = 'people' | 'autonomy' | 'technology' | 'royaltyFund';
export const REVENUE_ACCOUNTS: readonly RevenueAccount[] = ['people', 'autonomy', 'technology', 'royaltyFund'];

export interface RevenueShare {
  personId: string;
  /** Of the people's 40 %, in whole percent; the shares of a contract sum to 100. */
  sharePercent: number;
}

/** One row of the split: an account of the centre, or one person's part of the 40 %. */
export interface RevenueLine {
  account: RevenueAccount;
  personId: string | null;
  amount: number;
}

/** A contract's value includes its tax: 110,000,000 at 10 % is 100,000,000 of revenue and 10,000,000 of tax. */
export function taxIncluded(amount: number, taxPercent: number): { tax: number; afterTax: number } {
  const afterTax = Math.round((amount * 100) / (100 + taxPercent));
  return { tax: amount - afterTax, afterTax };
}

/**
 * `total` split by integer weights in whole đồng that still sum to it: each gets the floor of its part,
 * the đồng left go one each to the largest remainders (the first listed on a tie).
 */
export function splitByWeights(total: number, weights: readonly number[]): number[] {
  const sum = weights.reduce((a, b) => a + b, 0);
  if (sum <= 0) throw new Error('weights must sum to more than 0');
  // BigInt keeps total × weight exact for any amount a contract can hold.
  const exact = weights.map((w) => ({ whole: Number((BigInt(total) * BigInt(w)) / BigInt(sum)), rest: Number((BigInt(total) * BigInt(w)) % BigInt(sum)) }));
  const parts = exact.map((e) => e.whole);
  let left = total - parts.reduce((a, b) => a + b, 0);
  const order = exact.map((e, i) => ({ i, rest: e.rest })).sort((a, b) => b.rest - a.rest || a.i - b.i);
  for (const { i } of order) {
    if (left <= 0) break;
    parts[i]! += 1;
    left -= 1;
  }
  return parts;
}

/** Whether a contract's shares can split the people's part: at least one person, each above 0, each once, summing to 100. */
export type SharesProblem = { kind: 'none' } | { kind: 'twice'; personId: string } | { kind: 'notWhole'; personId: string } | { kind: 'sum'; sum: number };

export function sharesProblem(shares: readonly RevenueShare[]): SharesProblem | null {
  if (shares.length === 0) return { kind: 'none' };
  const twice = shares.find((s, i) => shares.findIndex((t) => t.personId === s.personId) !== i);
  if (twice) return { kind: 'twice', personId: twice.personId };
  const notWhole = shares.find((s) => !Number.isInteger(s.sharePercent) || s.sharePercent <= 0);
  if (notWhole) return { kind: 'notWhole', personId: notWhole.personId };
  const sum = shares.reduce((a, s) => a + s.sharePercent, 0);
  return sum === 100 ? null : { kind: 'sum', sum };
}

/** The split of one payment's revenue after tax: the people by their shares, then the centre's three accounts. */
export function splitRevenue(afterTax: number, shares: readonly RevenueShare[]): RevenueLine[] {
  const weights = [...shares.map((s) => REVENUE_SPLIT.people * s.sharePercent), REVENUE_SPLIT.autonomy * 100, REVENUE_SPLIT.technology * 100, REVENUE_SPLIT.royaltyFund * 100];
  const parts = splitByWeights(afterTax, weights);
  return [
    ...shares.map((s, i): RevenueLine => ({ account: 'people', personId: s.personId, amount: parts[i]! })),
    { account: 'autonomy', personId: null, amount: parts[shares.length]! },
    { account: 'technology', personId: null, amount: parts[shares.length + 1]! },
    { account: 'royaltyFund', personId: null, amount: parts[shares.length + 2]! },
  ];
}

/** "2026-Q3" (or Q3/2026) → its first day and the first day after it, local days; null when it is not a quarter. */
export function quarterDays(text: string): { from: string; until: string; quarter: string } | null {
  const t = text.trim().toUpperCase();
  const yq = /^(\d{4})-?Q([1-4])$/.exec(t);
  const qy = /^Q([1-4])[/-](\d{4})$/.exec(t);
  const [year, q] = yq ? [Number(yq[1]), Number(yq[2])] : qy ? [Number(qy[2]), Number(qy[1])] : [0, 0];
  if (year < 2000 || year > 2999) return null;
  const start = (q - 1) * 3 + 1;
  const from = `${year}-${String(start).padStart(2, '0')}-01`;
  const until = q === 4 ? `${year + 1}-01-01` : `${year}-${String(start + 3).padStart(2, '0')}-01`;
  return { from, until, quarter: `${year}-Q${q}` };
}
