import { inForce, sitePercent, unitValue, type RoyaltyFrame } from './frame.js';
import type { FeeRole, WorkFee } from './work.js';
import { dongInWords } from './words.js';

/** One published work as the sheet pays it: who wrote it, at what coefficient, on which site. */
export interface PaidWork {
  itemId: string;
  code: string;
  title: string;
  genreKey: string;
  /** Confirmed by whoever published it, in hundredths. */
  coefficient: number;
  /** Extra royalty for the work, in percent of it (+30 for a work written in a minority language, say). */
  encouragementPercent: number;
  siteKind: string;
  /** The day that picks the unit value (publication or payment, by the site's policy), "yyyy-mm-dd". */
  rateDay: string;
  /** Co-authors and their shares in percent; the shares sum to 100. */
  authors: { personId: string; sharePercent: number; penName?: string | null }[];
  /** Fees for those who worked on it (editing, photos, supplying it): each paid whole, without encouragement. */
  fees: readonly WorkFee[];
}

/** What one person is paid: residency and a written commitment (cam kết) change the tax. */
export interface Payee {
  personId: string;
  name: string;
  nonResident: boolean;
  /** A signed commitment that this year's income stays under the taxable level: nothing is withheld. */
  taxWaiver: boolean;
}

/** An author's royalty, or a fee for work on the piece (then `feeRole` says what for). */
export type SheetRowKind = 'author' | 'fee';

export interface SheetRow {
  itemId: string;
  personId: string;
  kind: SheetRowKind;
  feeRole: FeeRole | null;
  penName: string | null;
  code: string;
  title: string;
  genreKey: string;
  coefficient: number;
  unitValue: number;
  sitePercent: number;
  encouragementPercent: number;
  sharePercent: number;
  amount: number;
  /**
   * What earlier sheets already paid this person for this work. Not 0: the row is an adjustment (the
   * terms changed after a sheet was approved), and `amount` is the difference, never the whole again.
   */
  prior: number;
}

export interface PayeeTotal {
  personId: string;
  name: string;
  gross: number;
  tax: number;
  net: number;
}

export interface RoyaltySheet {
  rows: SheetRow[];
  payees: PayeeTotal[];
  gross: number;
  tax: number;
  net: number;
  /** The net total in Vietnamese words, for the footer. */
  netInWords: string;
  /** The tax rule the sheet used, by its first day. */
  taxRuleFrom: string;
}

export type SheetProblem = { kind: 'no_salary'; day: string } | { kind: 'no_tax_rule'; day: string } | { kind: 'shares_not_100'; code: string; sum: number } | { kind: 'unknown_payee'; personId: string };

/**
 * A work's royalty in whole đồng: coefficient × unit value × the site's share of the portal's rates ×
 * (100 + encouragement) %, rounded once, at the end, half up.
 */
export function workRoyalty(coefficient: number, unit: number, percentOfPortal: number, encouragementPercent: number): number {
  // Integers throughout: hundredths × đồng × percent × percent, one division.
  return Math.round((coefficient * unit * percentOfPortal * (100 + encouragementPercent)) / 1_000_000);
}

/**
 * `total` split by shares in whole đồng that still sum to it: each gets the floor of its share, and
 * the đồng left go one each to the largest remainders (the first listed on a tie).
 */
export function splitByShares(total: number, sharesPercent: readonly number[]): number[] {
  const exact = sharesPercent.map((s) => (total * s) / 100);
  const parts = exact.map(Math.floor);
  let left = total - parts.reduce((a, b) => a + b, 0);
  const order = exact.map((e, i) => ({ i, rest: e - Math.floor(e) })).sort((a, b) => b.rest - a.rest || a.i - b.i);
  for (const { i } of order) {
    if (left <= 0) break;
    parts[i]! += 1;
    left -= 1;
  }
  return parts;
}

/** Tax withheld from one payment under the rule in force on the payment day. */
export function withheld(gross: number, payee: Pick<Payee, 'nonResident' | 'taxWaiver'>, rule: { threshold: number; ratePercent: number; nonResidentRatePercent: number }): number {
  if (payee.nonResident) return Math.round((gross * rule.nonResidentRatePercent) / 100);
  if (payee.taxWaiver || gross < rule.threshold) return 0;
  return Math.round((gross * rule.ratePercent) / 100);
}

/** The key `prior` amounts are kept under: one work, one person, as author or for a fee of one kind. */
export const priorKey = (itemId: string, personId: string, fee: FeeRole | null = null) => JSON.stringify([itemId, fee, personId]);
/** The work, the person and the fee's kind (null for an author's royalty) a priorKey names. */
export function priorKeyParts(key: string): { itemId: string; personId: string; fee: FeeRole | null } {
  const [itemId, fee, personId] = JSON.parse(key) as [string, FeeRole | null, string];
  return { itemId, fee, personId };
}

/** The share of the tax withheld on an earlier payment that a take-back of part of it returns, in whole đồng. */
function taxBack(row: Pick<SheetRow, 'amount' | 'prior'>, taxOnPrior: number): number {
  if (row.prior <= 0 || taxOnPrior <= 0) return 0;
  return Math.min(taxOnPrior, Math.round((taxOnPrior * -row.amount) / row.prior));
}

/**
 * The month's sheet: one row per author per work, each person's total taxed as one payment on
 * `paymentDay`, the net in words. `prior` holds what approved sheets paid before (by priorKey): a work
 * already paid in full gives no row, one whose terms changed since gives an adjustment row for the
 * difference (an author taken off, or a fee removed, gets the negative of what they had). Fees are rows
 * of their own, paid to the same person's total and taxed with it. A take-back returns the tax withheld on
 * what it takes back (`priorTax`), so a person's tax on a sheet can be below nothing. Refused (a problem, not a
 * throw) when the frame cannot price a work.
 */
export function buildSheet(
  frame: RoyaltyFrame,
  works: readonly PaidWork[],
  payees: readonly Payee[],
  paymentDay: string,
  prior: ReadonlyMap<string, number> = new Map(),
  /** The tax earlier sheets withheld on what `prior` holds, by the same keys (each sheet's tax on a person shared over their rows). */
  priorTax: ReadonlyMap<string, number> = new Map(),
): { ok: true; sheet: RoyaltySheet } | { ok: false; problem: SheetProblem } {
  const rule = inForce(frame.taxes, paymentDay);
  if (!rule) return { ok: false, problem: { kind: 'no_tax_rule', day: paymentDay } };
  const byId = new Map(payees.map((p) => [p.personId, p]));
  const rows: SheetRow[] = [];
  for (const w of works) {
    const sum = w.authors.reduce((a, b) => a + b.sharePercent, 0);
    if (sum !== 100) return { ok: false, problem: { kind: 'shares_not_100', code: w.code, sum } };
    const unit = unitValue(frame, w.rateDay);
    if (unit === null) return { ok: false, problem: { kind: 'no_salary', day: w.rateDay } };
    const percent = sitePercent(frame, w.siteKind, w.rateDay);
    const total = workRoyalty(w.coefficient, unit, percent, w.encouragementPercent);
    const parts = splitByShares(total, w.authors.map((a) => a.sharePercent));
    const base = { itemId: w.itemId, code: w.code, title: w.title, genreKey: w.genreKey, unitValue: unit, sitePercent: percent };
    const due = new Map<string, { kind: SheetRowKind; feeRole: FeeRole | null; coefficient: number; encouragement: number; share: number; amount: number; penName: string | null }>();
    w.authors.forEach((a, i) =>
      due.set(priorKey(w.itemId, a.personId), { kind: 'author', feeRole: null, coefficient: w.coefficient, encouragement: w.encouragementPercent, share: a.sharePercent, amount: parts[i]!, penName: a.penName ?? null }),
    );
    for (const fee of w.fees) {
      due.set(priorKey(w.itemId, fee.personId, fee.role), { kind: 'fee', feeRole: fee.role, coefficient: fee.coefficient, encouragement: 0, share: 100, amount: workRoyalty(fee.coefficient, unit, percent, 0), penName: null });
    }
    // People paid before and no longer on the work (an author taken off, a fee removed): what they had comes back.
    for (const [key, paid] of prior) {
      const was = priorKeyParts(key);
      if (was.itemId !== w.itemId || due.has(key) || paid === 0) continue;
      const author = was.fee === null;
      due.set(key, { kind: author ? 'author' : 'fee', feeRole: was.fee, coefficient: author ? w.coefficient : 0, encouragement: author ? w.encouragementPercent : 0, share: 0, amount: 0, penName: null });
    }
    for (const [key, d] of due) {
      const before = prior.get(key) ?? 0;
      if (d.amount === before) continue;
      const { personId } = priorKeyParts(key);
      rows.push({
        ...base, personId, kind: d.kind, feeRole: d.feeRole, penName: d.penName, coefficient: d.coefficient, encouragementPercent: d.encouragement, sharePercent: d.share,
        amount: d.amount - before, prior: before,
      });
    }
  }
  const totals: PayeeTotal[] = [];
  for (const personId of [...new Set(rows.map((r) => r.personId))]) {
    const payee = byId.get(personId);
    if (!payee) return { ok: false, problem: { kind: 'unknown_payee', personId } };
    const own = rows.filter((r) => r.personId === personId);
    const gross = own.reduce((a, r) => a + r.amount, 0);
    // What is paid this month is taxed as one payment; what is taken back gives back the tax withheld on it, so
    // the person repays what they received, never the tax they never had.
    const paid = own.reduce((a, r) => a + Math.max(0, r.amount), 0);
    const givenBack = own.reduce((a, r) => a + (r.amount < 0 ? taxBack(r, priorTax.get(priorKey(r.itemId, r.personId, r.feeRole)) ?? 0) : 0), 0);
    const tax = withheld(paid, payee, rule) - givenBack;
    totals.push({ personId, name: payee.name, gross, tax, net: gross - tax });
  }
  const gross = totals.reduce((a, t) => a + t.gross, 0);
  const tax = totals.reduce((a, t) => a + t.tax, 0);
  return { ok: true, sheet: { rows, payees: totals, gross, tax, net: gross - tax, netInWords: dongInWords(gross - tax), taxRuleFrom: rule.from } };
}
