import { randomUUID } from 'node:crypto';
import { localDay, shownDay } from '../../core/dates.js';
import { holdsRole } from '../../core/grants.js';
import { message } from '../../core/messages.js';
import { cleanText } from '../../core/names.js';
import { ok, refuse, type Outcome } from '../../core/result.js';
import type { Role } from '../../core/roles.js';
import { priceDeviation, type PriceDeviation } from '../../core/revenue/prices.js';
import { sharesProblem, type RevenueShare, type SharesProblem } from '../../core/revenue/split.js';
import type { Deps } from '../deps.js';
import type { Operator } from '../people.js';
import type { SiteRecord } from '../ports.js';
import { refusedForRole } from '../refusals.js';
import { isServiceKind, type ContractRecord, type PartnerRecord } from './ports.js';

/** Who files partners, contracts and payments: the site's desk (the centre's staff), or the operator. */
export const MONEY_DESK: readonly Role[] = ['secretary', 'deputy', 'head', 'admin'];
/** Who approves a media service (seed Điều 14.1): the head or the standing deputy head. */
export const APPROVERS: readonly Role[] = ['deputy', 'head'];
/** PostgreSQL's Int holds 2,147,483,647: amounts stop well short of it. */
export const AMOUNT_MAX = 2_000_000_000;
const TEXT_MAX = 300;

export type ContractRefusal =
  | 'unknown_site' | 'service_not_desk' | 'service_bad_name' | 'service_bad_tax_number' | 'service_partner_taken' | 'service_unknown_partner'
  | 'service_bad_kind' | 'service_bad_amount' | 'service_bad_tax' | 'service_bad_days' | 'service_bad_shares' | 'unknown_person'
  | 'service_shares_none' | 'service_shares_twice' | 'service_share_not_whole' | 'service_bad_contact'
  | 'service_unknown_contract' | 'service_decide_role' | 'service_not_proposed' | 'service_decided_first' | 'service_reason_needed' | 'service_price_deviation';

/** A deviation from the price list in each language, for the card and refusals. */
export function deviationWords(d: PriceDeviation): { deviationVi: string; deviationEn: string } {
  const money = new Intl.NumberFormat('vi-VN');
  const detail: Record<string, string> = d.kind === 'below' ? { list: d.list, listed: money.format(d.listed), lowest: money.format(d.lowest) } : { list: d.list };
  return { deviationVi: message('vi', `price_deviation_${d.kind}`, detail), deviationEn: message('en', `price_deviation_${d.kind}`, detail) };
}

/** A contract's state in each language, for refusals that name it. */
export const stateWords = (state: string) => ({ stateVi: message('vi', `state_${state}`), stateEn: message('en', `state_${state}`) });

const actorOf = (op: Operator) => (op.kind === 'person' ? op.personId : null);

/** Whether the operator, or a person holding one of `roles` on the site, may act. */
export async function mayActOn(deps: Deps, op: Operator, site: SiteRecord, roles: readonly Role[], now: Date): Promise<boolean> {
  if (op.kind === 'operator') return true;
  const grants = await deps.store.grantsOnSite(site.id);
  return roles.some((role) => holdsRole(grants, op.personId, site.id, role, now));
}

/**
 * The contract `code` names and its site, for an operator who may act on it as the site's desk (`action` names the
 * attempt in the trail when they may not).
 */
export async function deskContract(
  deps: Deps, op: Operator, code: string, action: string,
): Promise<Outcome<{ contract: ContractRecord; site: SiteRecord; now: Date }, 'service_unknown_contract' | 'service_not_desk'>> {
  const contract = await deps.store.contractByCode(code);
  if (!contract) return refuse('service_unknown_contract', { code: code.trim().toUpperCase() });
  const site = await deps.store.siteById(contract.siteId);
  if (!site) throw new Error(`contract ${contract.code} names a site that is gone`);
  const now = deps.clock();
  if (!(await mayActOn(deps, op, site, MONEY_DESK, now))) return refusedForRole(deps, actorOf(op) ?? '', action, refuse('service_not_desk'));
  return ok({ contract, site, now });
}

/** Vietnamese tax numbers: 10 digits, or 10 and a 3-digit branch suffix. */
const TAX_NUMBER = /^\d{10}(-\d{3})?$/;

export async function addPartner(deps: Deps, op: Operator, input: { name: string; taxNumber?: string; contact?: string }): Promise<Outcome<PartnerRecord, ContractRefusal>> {
  const name = cleanText(input.name, 200);
  if (name === null) return refuse('service_bad_name', { max: '200' });
  const taxNumber = input.taxNumber?.trim() || null;
  if (taxNumber !== null && !TAX_NUMBER.test(taxNumber)) return refuse('service_bad_tax_number', { given: taxNumber });
  const contact = input.contact === undefined ? null : cleanText(input.contact, 200);
  if (input.contact !== undefined && contact === null) return refuse('service_bad_contact', { max: '200' });
  const now = deps.clock();
  const partner = { id: randomUUID(), name, taxNumber, contact, createdAt: now };
  const r = await deps.store.addPartner(partner, { at: now, actorId: actorOf(op), action: 'service.partnerAdded', subjectType: 'partner', subjectId: '', data: { name, taxNumber } });
  if ('taken' in r) return refuse('service_partner_taken', { taxNumber: taxNumber ?? '', name: r.taken.name });
  return ok(r.added);
}

export interface ContractInput {
  site: string;
  partner: string;
  kind: string;
  title: string;
  value: number;
  taxPercent: number;
  startDay: string;
  endDay: string;
  /** People by id or e-mail, with their shares of the people's 40 %. */
  shares: { person: string; sharePercent: number }[];
}

/** What is wrong with the shares, naming the person as they were typed. */
function sharesRefusal(problem: SharesProblem, typed: ContractInput['shares'], shares: readonly RevenueShare[]) {
  if (problem.kind === 'none') return refuse('service_shares_none');
  if (problem.kind === 'sum') return refuse('service_bad_shares', { sum: String(problem.sum) });
  const person = typed[shares.findIndex((s) => s.personId === problem.personId)]?.person ?? problem.personId;
  return refuse(problem.kind === 'twice' ? 'service_shares_twice' : 'service_share_not_whole', { person });
}

/** Files a media-service contract as proposed: nothing about it is live until the head or the standing deputy head approves it. */
export async function proposeContract(deps: Deps, op: Operator, input: ContractInput): Promise<Outcome<ContractRecord, ContractRefusal>> {
  const site = await deps.store.siteByKey(input.site);
  if (!site) return refuse('unknown_site', { site: input.site });
  const now = deps.clock();
  if (!(await mayActOn(deps, op, site, MONEY_DESK, now))) return refusedForRole(deps, actorOf(op) ?? '', 'service.propose', refuse('service_not_desk'));
  const partner = await deps.store.partnerByRef(input.partner.trim());
  if (!partner) return refuse('service_unknown_partner', { partner: input.partner });
  if (!isServiceKind(input.kind)) return refuse('service_bad_kind', { kind: input.kind });
  const title = cleanText(input.title, TEXT_MAX);
  if (title === null) return refuse('service_bad_name', { max: String(TEXT_MAX) });
  if (!Number.isInteger(input.value) || input.value <= 0 || input.value > AMOUNT_MAX) return refuse('service_bad_amount', { given: String(input.value), max: new Intl.NumberFormat('vi-VN').format(AMOUNT_MAX) });
  if (!Number.isInteger(input.taxPercent) || input.taxPercent < 0 || input.taxPercent > 20) return refuse('service_bad_tax', { given: String(input.taxPercent) });
  if (input.startDay > input.endDay) return refuse('service_bad_days', { start: shownDay(input.startDay), end: shownDay(input.endDay) });
  const shares: RevenueShare[] = [];
  for (const s of input.shares) {
    const person = (await deps.store.personById(s.person)) ?? (await deps.store.personByEmail(s.person));
    if (!person) return refuse('unknown_person', { person: s.person });
    shares.push({ personId: person.id, sharePercent: s.sharePercent });
  }
  const problem = sharesProblem(shares);
  if (problem) return sharesRefusal(problem, input.shares, shares);
  const actor = actorOf(op);
  // Checked against the price list in force for the year it starts in; with none in force there is nothing to deviate from.
  const list = await deps.store.priceListInForce(site.id, Number(input.startDay.slice(0, 4)));
  const deviation = list ? priceDeviation(list, { kind: input.kind, value: input.value, startDay: input.startDay, endDay: input.endDay }) : null;
  const contract = await deps.store.proposeContract(
    { siteId: site.id, partnerId: partner.id, kind: input.kind, title, value: input.value, taxPercent: input.taxPercent, startDay: input.startDay, endDay: input.endDay, state: 'proposed', reason: null, proposedById: actor, proposedAt: now, decidedById: null, decidedAt: null, shares, priceDeviation: deviation },
    Number(localDay(now, deps.timeZone).slice(0, 4)),
    { at: now, actorId: actor, action: 'service.proposed', subjectType: 'serviceContract', subjectId: '', data: { site: site.key, partner: partner.name, kind: input.kind, value: input.value, taxPercent: input.taxPercent, shares, priceDeviation: deviation } },
  );
  return ok(contract);
}

/**
 * The head or the standing deputy head approves or refuses a proposed contract (seed Điều 14.1): a
 * person's signature, never the terminal's; decided once — a second decision is told who came first.
 */
export async function decideContract(deps: Deps, op: Operator, code: string, decision: 'approved' | 'refused', reason: string | null, version?: number, acceptPrice = false): Promise<Outcome<ContractRecord, ContractRefusal>> {
  const contract = await deps.store.contractByCode(code);
  if (!contract) return refuse('service_unknown_contract', { code: code.trim().toUpperCase() });
  const site = await deps.store.siteById(contract.siteId);
  if (!site) throw new Error(`contract ${contract.code} names a site that is gone`);
  const now = deps.clock();
  if (op.kind !== 'person') return refuse('service_decide_role');
  if (!(await mayActOn(deps, op, site, APPROVERS, now))) return refusedForRole(deps, op.personId, 'service.decide', refuse('service_decide_role'));
  if (contract.state !== 'proposed' || (version !== undefined && version !== contract.version)) return refuse('service_not_proposed', { code: contract.code, ...stateWords(contract.state) });
  // Off the price list: approving it approves the deviation, which the approver must say they accept.
  const deviation = contract.priceDeviation;
  if (decision === 'approved' && deviation && !acceptPrice) return refuse('service_price_deviation', { code: contract.code, ...deviationWords(deviation) });
  const said = reason === null ? null : cleanText(reason, 500);
  if (reason !== null && said === null) return refuse('service_reason_needed', { max: '500' });
  const change = { state: decision, reason: said, decidedById: op.personId, decidedAt: now };
  const audit = { at: now, actorId: op.personId, action: 'service.decided', subjectType: 'serviceContract', subjectId: contract.id, data: { code: contract.code, decision, reason: said, ...(decision === 'approved' && deviation ? { priceDeviationAccepted: deviation } : {}) } };
  if (!(await deps.store.decideContract(contract.id, contract.version, change, audit))) return refuse('service_decided_first', { code: contract.code });
  return ok({ ...contract, ...change, version: contract.version + 1 });
}
