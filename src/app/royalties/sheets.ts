import { endOfDay, localDay } from '../../core/dates.js';
import { holdsRole } from '../../core/grants.js';
import { message } from '../../core/messages.js';
import { ok, refuse, type Outcome } from '../../core/result.js';
import type { Role } from '../../core/roles.js';
import { buildSheet, priorKeyParts, type PaidWork, type Payee } from '../../core/royalties/money.js';
import { lastDayOf, monthAfter, monthBefore, shownMonth } from '../../core/royalties/months.js';
import { termsConfirmed, workFate } from '../../core/royalties/work.js';
import type { Deps } from '../deps.js';
import type { Operator } from '../people.js';
import type { SiteRecord } from '../ports.js';
import { refusedForRole } from '../refusals.js';
import type { SheetDocument, SheetRecord, SheetState } from './ports.js';

/** Who builds a sheet and marks it paid: the site's desk (seed Điều 8.3: the secretary pays royalties). */
const DESK: readonly Role[] = ['secretary', 'deputy', 'head', 'admin'];

/** Each step of a sheet: the state it leaves, the one it reaches, who may take it. */
const STEPS = {
  check: { from: 'draft', to: 'checked', roles: ['secretary'] },
  approve: { from: 'checked', to: 'approved', roles: ['deputy', 'head'] },
  paid: { from: 'approved', to: 'paid', roles: ['secretary', 'deputy', 'head', 'admin'] },
} as const satisfies Record<string, { from: SheetState; to: SheetState; roles: readonly Role[] }>;
export type SheetStep = keyof typeof STEPS;

export type SheetRefusal = 'royalty_month_far' | 'unknown_site' | 'royalty_sheet_locked' | 'royalty_unpriced' | 'royalty_not_desk' | 'royalty_sheet_none' | 'royalty_sheet_not_at' | 'royalty_sheet_raced' | `royalty_sheet_role_${SheetStep}`;

/** A sheet's state as each language names it, for a refusal's two lines: { stateVi: 'thư ký đã kiểm tra', stateEn: 'checked by the secretary' }. */
const stateWords = (name: string, state: SheetState) => ({ [`${name}Vi`]: message('vi', `royalty_state_${state}`), [`${name}En`]: message('en', `royalty_state_${state}`) });

const actorOf = (op: Operator) => (op.kind === 'person' ? op.personId : null);

async function mayAct(deps: Deps, op: Operator, site: SiteRecord, roles: readonly Role[], now: Date): Promise<boolean> {
  if (op.kind === 'operator') return true;
  const grants = await deps.store.grantsOnSite(site.id);
  return roles.some((role) => holdsRole(grants, op.personId, site.id, role, now));
}

/** A sheet as built: the works held back (taken down before payment) are named, never dropped unseen. */
export interface BuiltSheet {
  sheet: SheetRecord;
  held: string[];
}

/**
 * Builds (or rebuilds) a site's draft sheet for a month: every work with confirmed terms published before
 * the month ended and not yet paid in full on another sheet, priced by the frame of its publication day,
 * each person taxed once on the month's last day. A sheet the secretary has checked is never rebuilt:
 * the attempt is refused and recorded.
 */
export async function buildMonthSheet(deps: Deps, op: Operator, siteKey: string, month: string): Promise<Outcome<BuiltSheet, SheetRefusal>> {
  const site = await deps.store.siteByKey(siteKey);
  if (!site) return refuse('unknown_site', { site: siteKey });
  const now = deps.clock();
  if (!(await mayAct(deps, op, site, DESK, now))) return refusedForRole(deps, actorOf(op) ?? '', 'royalty.sheet', refuse('royalty_not_desk'));
  // Next month's draft may be built ahead (works published so far); a month further on is a slip of the finger.
  const latest = monthAfter(localDay(now, deps.timeZone).slice(0, 7));
  if (month > latest) return refuse('royalty_month_far', { month: shownMonth(month), latest: shownMonth(latest) });
  const existing = await deps.store.royaltySheet(site.id, month);
  if (existing && existing.state !== 'draft') return lockedRefusal(deps, op, site, month, existing.state, now);
  const paymentDay = lastDayOf(month);
  const { held, skipped, payable, onSheets } = await monthWorks(deps, site.id, month, existing?.id ?? null);
  const payableIds = new Set(payable.map((w) => w.itemId));
  const before = [...onSheets].filter(([key]) => payableIds.has(priorKeyParts(key).itemId));
  const prior = new Map(before.map(([key, p]) => [key, p.amount]));
  const priorTax = new Map(before.map(([key, p]) => [key, p.tax]));
  const paid: PaidWork[] = payable.map((w) => ({
    itemId: w.itemId,
    code: w.code,
    title: w.title,
    genreKey: w.royalty.genreKey,
    coefficient: w.royalty.coefficient,
    encouragementPercent: w.royalty.encouragementPercent,
    siteKind: site.kind,
    rateDay: localDay(w.publishedAt, deps.timeZone),
    authors: w.royalty.authors,
    fees: w.royalty.fees,
  }));
  const personIds = [
    ...new Set([...paid.flatMap((w) => [...w.authors.map((a) => a.personId), ...w.fees.map((f) => f.personId)]), ...[...prior.keys()].map((k) => priorKeyParts(k).personId)]),
  ];
  const facts = await deps.store.payeeTaxFacts(personIds);
  const year = Number(paymentDay.slice(0, 4));
  const payees: Payee[] = [];
  for (const id of personIds) {
    const person = await deps.store.personById(id);
    const f = facts.get(id);
    payees.push({ personId: id, name: person?.displayName ?? id, nonResident: f?.nonResident ?? false, taxWaiver: f?.waiverYear === year });
  }
  const built = buildSheet(await deps.store.royaltyFrame(), paid, payees, paymentDay, prior, priorTax);
  if (!built.ok) return refuse('royalty_unpriced', { month: shownMonth(month), problem: JSON.stringify(built.problem) });
  const { rows, payees: totals, gross, tax, net, taxRuleFrom } = built.sheet;
  const actor = actorOf(op);
  const written = await deps.store.putDraftSheet(
    {
      siteId: site.id, month, state: 'draft', paymentDay, taxRuleFrom, gross, tax, net, builtAt: now, builtById: actor,
      checkedById: null, checkedAt: null, approvedById: null, approvedAt: null, paidById: null, paidAt: null, rows, payees: totals,
    },
    { at: now, actorId: actor, action: 'royalty.sheetBuilt', subjectType: 'royaltySheet', subjectId: '', data: { site: site.key, month, rows: rows.length, gross, tax, net, held: held.map((w) => w.code), skipped: skipped.map((w) => w.code) } },
  );
  if ('locked' in written) return lockedRefusal(deps, op, site, month, written.locked, now);
  // A later month's draft may hold works this month now pays: it is built again, so no work is on two open sheets.
  for (const later of (await deps.store.unpaidSheets()).filter((x) => x.siteId === site.id && x.state === 'draft' && x.month > month).sort((a, b) => a.month.localeCompare(b.month))) {
    await buildMonthSheet(deps, op, site.key, later.month);
  }
  return ok({ sheet: written.written, held: held.map((w) => w.code) });
}

/**
 * The works a month's sheet is about, sorted by fate: payable, skipped by decision, or held — taken down
 * before payment and not yet decided, listed, never paid or dropped silently. A work some other sheet
 * already paid is not held again (later changes to it are adjustments).
 */
async function monthWorks(deps: Deps, siteId: string, month: string, sheetId: string | null) {
  const before = endOfDay(lastDayOf(month), deps.timeZone);
  if (!before) throw new Error(`not a month: ${month}`);
  const works = (await deps.store.worksToPay(siteId, before)).filter((w) => termsConfirmed(w.royalty, w.shownFrom));
  const onSheets = await deps.store.paidOnSheets(works.map((w) => w.itemId), sheetId, month);
  const paidBefore = new Set([...onSheets.keys()].map((key) => priorKeyParts(key).itemId));
  return {
    held: works.filter((w) => workFate(w) === 'held' && !paidBefore.has(w.itemId)),
    skipped: works.filter((w) => workFate(w) === 'skipped'),
    payable: works.filter((w) => workFate(w) === 'payable'),
    onSheets,
  };
}

/** The codes held for a decision as a sheet is read now (show, the chat card, the spreadsheet); a work on its own rows is paid by it, not held. */
export async function heldForSheet(deps: Deps, sheet: Pick<SheetRecord, 'id' | 'siteId' | 'month' | 'rows'>): Promise<string[]> {
  const own = new Set(sheet.rows.map((r) => r.itemId));
  return (await monthWorks(deps, sheet.siteId, sheet.month, sheet.id)).held.filter((w) => !own.has(w.itemId)).map((w) => w.code);
}

/** An attempt on a sheet past draft: refused, and the attempt kept in the trail (who tried to change a signed sheet). */
async function lockedRefusal(deps: Deps, op: Operator, site: SiteRecord, month: string, state: SheetState, now: Date): Promise<Outcome<never, 'royalty_sheet_locked'>> {
  await deps.store.recordAudit([{ at: now, actorId: actorOf(op), action: 'royalty.sheetLocked', subjectType: 'royaltySheet', subjectId: `${site.key}:${month}`, data: { site: site.key, month, state } }]);
  return refuse('royalty_sheet_locked', { month: shownMonth(month), state, ...stateWords('state', state) });
}

/** The secretary checks, the head or a deputy head approves, the desk marks it paid: one step at a time, in that order. */
export async function stepMonthSheet(deps: Deps, op: Operator, siteKey: string, month: string, step: SheetStep): Promise<Outcome<SheetRecord, SheetRefusal>> {
  const site = await deps.store.siteByKey(siteKey);
  if (!site) return refuse('unknown_site', { site: siteKey });
  const sheet = await deps.store.royaltySheet(site.id, month);
  if (!sheet) return refuse('royalty_sheet_none', { month: shownMonth(month), site: site.key });
  const rule = STEPS[step];
  if (sheet.state !== rule.from) return refuse('royalty_sheet_not_at', { month: shownMonth(month), state: sheet.state, needed: rule.from, ...stateWords('state', sheet.state), ...stateWords('needed', rule.from) });
  const now = deps.clock();
  // Checking and approving are people's signatures: the operator at the terminal signs nothing for them.
  if ((step !== 'paid' && op.kind === 'operator') || !(await mayAct(deps, op, site, rule.roles, now))) {
    return refusedForRole(deps, actorOf(op) ?? '', `royalty.sheet.${step}`, refuse(`royalty_sheet_role_${step}`));
  }
  const actor = actorOf(op);
  const change =
    step === 'check' ? { state: rule.to, checkedById: actor, checkedAt: now } : step === 'approve' ? { state: rule.to, approvedById: actor, approvedAt: now } : { state: rule.to, paidById: actor, paidAt: now };
  const audit = { at: now, actorId: actor, action: 'royalty.sheetStep', subjectType: 'royaltySheet', subjectId: sheet.id, data: { site: site.key, month, step, net: sheet.net } };
  // The fund pays the sheet's whole (tax withheld included) from the day it is approved.
  const fund = step === 'approve' ? { siteId: site.id, day: localDay(now, deps.timeZone), source: 'sheet' as const, amount: -sheet.gross, ref: `sheet:${sheet.id}`, note: `${site.key} ${shownMonth(month)}`, createdById: actor, createdAt: now } : null;
  const monthEnd = endOfDay(lastDayOf(month), deps.timeZone);
  if (!monthEnd) throw new Error(`not a month: ${month}`);
  const settle = step === 'approve' ? { before: monthEnd } : null;
  if (!(await deps.store.stepSheet(sheet.id, sheet.version, change, audit, fund, settle))) return refuse('royalty_sheet_raced', { month: shownMonth(month) });
  return ok({ ...sheet, ...change, version: sheet.version + 1 });
}

/** The sheet with the names people sign and read: authors, genres, and who built, checked and approved it. */
export async function sheetDocument(deps: Deps, site: SiteRecord, sheet: SheetRecord): Promise<SheetDocument> {
  const names = new Map<string, string>();
  const nameOf = async (id: string | null) => {
    if (id === null) return null;
    if (!names.has(id)) names.set(id, (await deps.store.personById(id))?.displayName ?? id);
    return names.get(id) ?? id;
  };
  const genres = new Map((await deps.store.royaltyFrame()).genres.map((g) => [g.key, g.nameVi]));
  const rows = [];
  for (const r of sheet.rows) rows.push({ ...r, name: (await nameOf(r.personId)) ?? r.personId, genreName: genres.get(r.genreKey) ?? r.genreKey });
  return {
    siteName: site.nameVi, held: await heldForSheet(deps, sheet), month: sheet.month, state: sheet.state, paymentDay: sheet.paymentDay, taxRuleFrom: sheet.taxRuleFrom, gross: sheet.gross, tax: sheet.tax, net: sheet.net,
    rows, payees: sheet.payees, builtBy: await nameOf(sheet.builtById), checkedBy: await nameOf(sheet.checkedById), approvedBy: await nameOf(sheet.approvedById),
  };
}

/**
 * The month-end job: once a month has ended, each site with works to pay gets that month's draft, built
 * as the operator's (the secretary checks it). A sheet already there, in any state, is left as it is.
 */
export async function buildDueSheets(deps: Deps): Promise<string[]> {
  const now = deps.clock();
  const month = monthBefore(localDay(now, deps.timeZone).slice(0, 7));
  const before = endOfDay(lastDayOf(month), deps.timeZone);
  if (!before) throw new Error(`not a month: ${month}`);
  const built: string[] = [];
  for (const site of await deps.store.sites()) {
    if (await deps.store.royaltySheet(site.id, month)) continue;
    if (!(await deps.store.worksToPay(site.id, before)).some((w) => termsConfirmed(w.royalty, w.shownFrom))) continue;
    const r = await buildMonthSheet(deps, { kind: 'operator' }, site.key, month);
    if (r.ok) built.push(`${site.key}:${month}`);
  }
  return built;
}
