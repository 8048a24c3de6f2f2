import { randomUUID } from 'node:crypto';
import { localDay, shownDay } from '../../core/dates.js';
import { cleanText } from '../../core/names.js';
import { ok, refuse, type Outcome } from '../../core/result.js';
import { splitRevenue, taxIncluded } from '../../core/revenue/split.js';
import type { Deps } from '../deps.js';
import type { Operator } from '../people.js';
import { refusedForRole } from '../refusals.js';
import { AMOUNT_MAX, MONEY_DESK, deskContract, mayActOn, stateWords } from './contracts.js';
import type { FundTotals, NewFundEntry, PaymentRecord, RevenueTotals } from './ports.js';

const money = new Intl.NumberFormat('vi-VN');

export type PaymentRefusal =
  | 'service_unknown_contract' | 'service_not_desk' | 'service_not_approved' | 'service_bad_amount' | 'service_over_value' | 'service_bad_receipt'
  | 'service_unknown_payment' | 'service_already_reversed' | 'service_reverse_reversal' | 'unknown_site' | 'fund_note_needed'
  | 'service_receipt_differs' | 'service_bad_day';

const FIRST_DAY = '2000-01-01';

/** Money is entered on the day it came, never ahead of today nor in another century. */
function badDay(day: string, now: Date, timeZone: string) {
  const today = localDay(now, timeZone);
  return day < FIRST_DAY || day > today ? refuse('service_bad_day', { given: shownDay(day), today: shownDay(today) }) : null;
}

const actorOf = (op: Operator) => (op.kind === 'person' ? op.personId : null);
const RECEIPT = /^[\p{L}\p{N}./_-]{1,40}$/u;

/** A payment as recorded, and whether it was on file already (the same receipt entered again). */
export interface Recorded {
  payment: PaymentRecord;
  duplicate: boolean;
}

/**
 * Money received on an approved contract, tax included: its revenue after tax split 40/30/20/10 (the
 * people by their shares) and the fund's 10 % entered, all in one transaction. The same receipt entered
 * twice is recorded once; more than the contract's value is refused.
 */
export async function recordPayment(deps: Deps, op: Operator, input: { code: string; amount: number; day: string; receipt: string; note?: string }): Promise<Outcome<Recorded, PaymentRefusal>> {
  const desk = await deskContract(deps, op, input.code, 'service.payment');
  if (!desk.ok) return desk;
  const { contract, site, now } = desk.value;
  if (contract.state !== 'approved') return refuse('service_not_approved', { code: contract.code, ...stateWords(contract.state) });
  if (!Number.isInteger(input.amount) || input.amount <= 0 || input.amount > AMOUNT_MAX) return refuse('service_bad_amount', { given: String(input.amount), max: money.format(AMOUNT_MAX) });
  const receipt = input.receipt.trim();
  if (!RECEIPT.test(receipt)) return refuse('service_bad_receipt', { given: receipt });
  const dayRefused = badDay(input.day, now, deps.timeZone);
  if (dayRefused) return dayRefused;
  const same = (on: PaymentRecord): Outcome<Recorded, PaymentRefusal> =>
    on.amount === input.amount
      ? ok({ payment: on, duplicate: true })
      : refuse('service_receipt_differs', { code: contract.code, receipt, recorded: money.format(on.amount), given: money.format(input.amount) });
  const all = await deps.store.payments(contract.id);
  const reversed = new Set(all.flatMap((p) => (p.reverses === null ? [] : [p.reverses])));
  const on = all.find((p) => p.receipt === receipt && !reversed.has(p.id));
  if (on) return same(on);
  if (contract.received + input.amount > contract.value) return refuse('service_over_value', { code: contract.code, value: money.format(contract.value), received: money.format(contract.received) });
  const { tax, afterTax } = taxIncluded(input.amount, contract.taxPercent);
  const lines = splitRevenue(afterTax, contract.shares);
  const id = randomUUID();
  const actor = actorOf(op);
  const note = input.note === undefined ? null : cleanText(input.note, 300);
  const toFund = lines.find((l) => l.account === 'royaltyFund')?.amount ?? 0;
  const fund: NewFundEntry = { siteId: site.id, day: input.day, source: 'media', amount: toFund, ref: `payment:${id}`, note: `${contract.code} ${receipt}`, createdById: actor, createdAt: now };
  const r = await deps.store.recordPayment(
    { id, contractId: contract.id, siteId: site.id, day: input.day, receipt, amount: input.amount, tax, afterTax, reverses: null, note, recordedById: actor, recordedAt: now, lines },
    fund,
    { at: now, actorId: actor, action: 'service.paymentRecorded', subjectType: 'revenuePayment', subjectId: '', data: { code: contract.code, receipt, amount: input.amount, tax, afterTax, lines } },
    contract.value,
  );
  if ('alreadyReversed' in r) throw new Error('a new payment cannot reverse anything');
  if ('overCap' in r) return refuse('service_over_value', { code: contract.code, value: money.format(contract.value), received: money.format(r.overCap.received) });
  return 'duplicate' in r ? same(r.duplicate) : ok({ payment: r.recorded, duplicate: false });
}

/** A payment entered by mistake: a reversing payment with every amount negated (its fund share too); the ledger keeps both. */
export async function reversePayment(deps: Deps, op: Operator, paymentId: string, reason: string): Promise<Outcome<PaymentRecord, PaymentRefusal>> {
  const original = await deps.store.paymentById(paymentId.trim());
  if (!original) return refuse('service_unknown_payment', { id: paymentId });
  if (original.reverses !== null) return refuse('service_reverse_reversal', { id: original.id });
  const site = await deps.store.siteById(original.siteId);
  if (!site) throw new Error(`payment ${original.id} names a site that is gone`);
  const now = deps.clock();
  if (!(await mayActOn(deps, op, site, MONEY_DESK, now))) return refusedForRole(deps, actorOf(op) ?? '', 'service.reverse', refuse('service_not_desk'));
  const said = cleanText(reason, 300);
  if (said === null) return refuse('fund_note_needed', { max: '300' });
  const id = randomUUID();
  const actor = actorOf(op);
  const day = localDay(now, deps.timeZone);
  const lines = original.lines.map((l) => ({ ...l, amount: -l.amount }));
  const toFund = lines.find((l) => l.account === 'royaltyFund')?.amount ?? 0;
  const fund: NewFundEntry = { siteId: site.id, day, source: 'media', amount: toFund, ref: `reversal:${original.id}`, note: `${original.contractCode} − ${original.receipt ?? ''}`, createdById: actor, createdAt: now };
  const r = await deps.store.recordPayment(
    { id, contractId: original.contractId, siteId: site.id, day, receipt: null, amount: -original.amount, tax: -original.tax, afterTax: -original.afterTax, reverses: original.id, note: said, recordedById: actor, recordedAt: now, lines },
    fund,
    { at: now, actorId: actor, action: 'service.paymentReversed', subjectType: 'revenuePayment', subjectId: '', data: { code: original.contractCode, reverses: original.id, amount: -original.amount, reason: said } },
    null,
  );
  if ('recorded' in r) return ok(r.recorded);
  if ('overCap' in r || 'duplicate' in r) throw new Error('a reversal has no receipt and no cap');
  return refuse('service_already_reversed', { id: original.id });
}

/** The site's media money over [from, until) and its royalty fund, every figure a sum of ledger rows. */
export async function moneyStatement(deps: Deps, siteKey: string, from: string, until: string): Promise<Outcome<{ revenue: RevenueTotals & { people: { personId: string; name: string; amount: number }[] }; fund: FundTotals }, 'unknown_site'>> {
  const site = await deps.store.siteByKey(siteKey);
  if (!site) return refuse('unknown_site', { site: siteKey });
  const revenue = await deps.store.revenueTotals(site.id, from, until);
  const people = [];
  for (const p of revenue.people) people.push({ ...p, name: (await deps.store.personById(p.personId))?.displayName ?? p.personId });
  return ok({ revenue: { ...revenue, people }, fund: await deps.store.fundTotals(site.id, from, until) });
}

/** A budget allocation to the royalty fund, entered by staff; a negative amount corrects an earlier one and needs its note. */
export async function addFundAllocation(deps: Deps, op: Operator, input: { site: string; amount: number; day: string; note?: string }): Promise<Outcome<NewFundEntry, PaymentRefusal>> {
  const site = await deps.store.siteByKey(input.site);
  if (!site) return refuse('unknown_site', { site: input.site });
  const now = deps.clock();
  if (!(await mayActOn(deps, op, site, MONEY_DESK, now))) return refusedForRole(deps, actorOf(op) ?? '', 'fund.add', refuse('service_not_desk'));
  if (!Number.isInteger(input.amount) || input.amount === 0 || Math.abs(input.amount) > AMOUNT_MAX) return refuse('service_bad_amount', { given: String(input.amount), max: money.format(AMOUNT_MAX) });
  const note = input.note === undefined ? null : cleanText(input.note, 300);
  if (input.amount < 0 && note === null) return refuse('fund_note_needed', { max: '300' });
  const dayRefused = badDay(input.day, now, deps.timeZone);
  if (dayRefused) return dayRefused;
  const entry: NewFundEntry = { siteId: site.id, day: input.day, source: input.amount > 0 ? 'budget' : 'correction', amount: input.amount, ref: null, note, createdById: actorOf(op), createdAt: now };
  await deps.store.addFundEntry(entry, { at: now, actorId: actorOf(op), action: 'fund.entryAdded', subjectType: 'royaltyFundEntry', subjectId: '', data: { site: site.key, day: input.day, amount: input.amount, note } });
  return ok(entry);
}
