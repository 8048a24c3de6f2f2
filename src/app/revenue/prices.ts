import { AD_ZONES } from '../../core/ads/rules.js';
import { ok, refuse, type Outcome } from '../../core/result.js';
import { priceRowProblem, type PriceRowTerms } from '../../core/revenue/prices.js';
import { cleanText } from '../../core/names.js';
import type { Deps } from '../deps.js';
import type { Operator } from '../people.js';
import { refusedForRole } from '../refusals.js';
import { APPROVERS, MONEY_DESK, mayActOn, stateWords } from './contracts.js';
import { SERVICE_KINDS, type PriceListRecord } from './ports.js';

export type PriceListRefusal = 'unknown_site' | 'service_not_desk' | 'price_bad_year' | 'price_no_rows' | 'price_bad_row' | 'price_unknown' | 'service_decide_role' | 'price_not_proposed' | 'service_decided_first' | 'service_reason_needed';

const actorOf = (op: Operator) => (op.kind === 'person' ? op.personId : null);
const ROWS_MAX = 200;

/** Files a year's price list as proposed; in force once the head or the standing deputy head approves it. */
export async function proposePriceList(deps: Deps, op: Operator, siteKey: string, year: number, rows: readonly PriceRowTerms[]): Promise<Outcome<PriceListRecord, PriceListRefusal>> {
  const site = await deps.store.siteByKey(siteKey);
  if (!site) return refuse('unknown_site', { site: siteKey });
  const now = deps.clock();
  if (!(await mayActOn(deps, op, site, MONEY_DESK, now))) return refusedForRole(deps, actorOf(op) ?? '', 'price.propose', refuse('service_not_desk'));
  if (!Number.isInteger(year) || year < 2000 || year > 2999) return refuse('price_bad_year', { given: String(year) });
  if (rows.length === 0 || rows.length > ROWS_MAX) return refuse('price_no_rows', { max: String(ROWS_MAX) });
  for (const [i, row] of rows.entries()) {
    const problem = priceRowProblem(row, SERVICE_KINDS, AD_ZONES);
    if (problem) return refuse('price_bad_row', { row: String(i + 1), field: problem });
  }
  const actor = actorOf(op);
  const list = await deps.store.proposePriceList(
    { siteId: site.id, year, state: 'proposed', reason: null, proposedById: actor, proposedAt: now, decidedById: null, decidedAt: null, rows: [...rows] },
    { at: now, actorId: actor, action: 'service.priceListProposed', subjectType: 'priceList', subjectId: '', data: { site: site.key, year, rows } },
  );
  return ok(list);
}

/** The head or the standing deputy head approves or refuses a proposed price list, once, in their own name. */
export async function decidePriceList(deps: Deps, op: Operator, code: string, decision: 'approved' | 'refused', reason: string | null, version?: number): Promise<Outcome<PriceListRecord, PriceListRefusal>> {
  const list = await deps.store.priceListByCode(code);
  if (!list) return refuse('price_unknown', { code: code.trim().toUpperCase() });
  const site = await deps.store.siteById(list.siteId);
  if (!site) throw new Error(`price list ${list.code} names a site that is gone`);
  const now = deps.clock();
  if (op.kind !== 'person') return refuse('service_decide_role');
  if (!(await mayActOn(deps, op, site, APPROVERS, now))) return refusedForRole(deps, op.personId, 'price.decide', refuse('service_decide_role'));
  if (list.state !== 'proposed' || (version !== undefined && version !== list.version)) return refuse('price_not_proposed', { code: list.code, ...stateWords(list.state) });
  const said = reason === null ? null : cleanText(reason, 500);
  if (reason !== null && said === null) return refuse('service_reason_needed', { max: '500' });
  const change = { state: decision, reason: said, decidedById: op.personId, decidedAt: now };
  const audit = { at: now, actorId: op.personId, action: 'service.priceListDecided', subjectType: 'priceList', subjectId: list.id, data: { code: list.code, decision, reason: said } };
  if (!(await deps.store.decidePriceList(list.id, list.version, change, audit))) return refuse('service_decided_first', { code: list.code });
  return ok({ ...list, ...change, version: list.version + 1 });
}
