import { cleanName, NAME_MAX } from '../../core/names.js';
import { ok, refuse, type Outcome } from '../../core/result.js';
import type { Genre, RoyaltyFrame, SalaryPeriod, SiteKindRate, TaxPeriod } from '../../core/royalties/frame.js';
import type { Deps } from '../deps.js';
import { mayAdministerPortal, SITE_KINDS, type Operator } from '../people.js';
import { refusedForRole } from '../refusals.js';

export type FrameRefusal = 'not_admin' | 'royalty_bad_amount' | 'royalty_bad_percent' | 'royalty_bad_genre_key' | 'royalty_bad_range' | 'bad_name' | 'bad_site_kind';

/** The largest sum the frame takes as typed (a base salary, a threshold): a typo of extra zeros is refused. */
const MAX_AMOUNT = 1_000_000_000;
/** Coefficients in hundredths: at most 1,000 (the notes' frames stop at 50). */
const MAX_COEFFICIENT = 100_000;
const GENRE_KEY = /^[a-z0-9-]{2,40}$/;

const amountProblem = (field: string, value: number) => (Number.isSafeInteger(value) && value > 0 && value <= MAX_AMOUNT ? null : refuse('royalty_bad_amount', { field, value: String(value), max: String(MAX_AMOUNT) }));
const percentProblem = (field: string, value: number, min = 0) => (Number.isInteger(value) && value >= min && value <= 100 ? null : refuse('royalty_bad_percent', { field, value: String(value), min: String(min) }));

/** Operators at the terminal and the portal's admins change the frame; each change is audited with what it replaced. */
async function allowed(deps: Deps, op: Operator, action: string) {
  if (await mayAdministerPortal(deps, op)) return null;
  return op.kind === 'person' ? refusedForRole(deps, op.personId, action, refuse('not_admin')) : refuse('not_admin');
}

/** Who changed the frame, and when; each entry names its own action (the portal's change feed maps them). */
const by = (deps: Deps, op: Operator) => ({ at: deps.clock(), actorId: op.kind === 'person' ? op.personId : null, data: {} });

export function royaltyFrame(deps: Deps): Promise<RoyaltyFrame> {
  return deps.store.royaltyFrame();
}

export async function setSalary(deps: Deps, op: Operator, p: SalaryPeriod): Promise<Outcome<{ previous: SalaryPeriod | null }, FrameRefusal>> {
  const problem = (await allowed(deps, op, 'royalty.salary')) ?? amountProblem('base', p.baseSalary) ?? percentProblem('unit-percent', p.unitPercent, 1);
  if (problem) return problem;
  return ok(await deps.store.putSalary(p, { ...by(deps, op), action: 'royalty.salary', subjectType: 'royaltyFrame', subjectId: p.from }));
}

export async function setTax(deps: Deps, op: Operator, p: TaxPeriod): Promise<Outcome<{ previous: TaxPeriod | null }, FrameRefusal>> {
  const problem = (await allowed(deps, op, 'royalty.tax')) ?? amountProblem('threshold', p.threshold) ?? percentProblem('rate', p.ratePercent) ?? percentProblem('non-resident-rate', p.nonResidentRatePercent);
  if (problem) return problem;
  return ok(await deps.store.putTax(p, { ...by(deps, op), action: 'royalty.tax', subjectType: 'royaltyFrame', subjectId: p.from }));
}

export async function setGenre(deps: Deps, op: Operator, g: Genre): Promise<Outcome<{ previous: Genre | null }, FrameRefusal>> {
  const denied = await allowed(deps, op, 'royalty.genre');
  if (denied) return denied;
  if (!GENRE_KEY.test(g.key)) return refuse('royalty_bad_genre_key', { key: g.key });
  const nameVi = cleanName(g.nameVi);
  const nameEn = cleanName(g.nameEn);
  if (nameVi === null || nameEn === null) return refuse('bad_name', { max: String(NAME_MAX) });
  if (!(Number.isInteger(g.min) && Number.isInteger(g.max) && g.min > 0 && g.min <= g.max && g.max <= MAX_COEFFICIENT)) return refuse('royalty_bad_range', { min: String(g.min / 100), max: String(g.max / 100) });
  return ok(await deps.store.putGenre({ ...g, nameVi, nameEn }, { ...by(deps, op), action: 'royalty.genre', subjectType: 'royaltyFrame', subjectId: g.key }));
}

export async function setSiteRate(deps: Deps, op: Operator, r: SiteKindRate): Promise<Outcome<{ previous: SiteKindRate | null }, FrameRefusal>> {
  const denied = await allowed(deps, op, 'royalty.siteRate');
  if (denied) return denied;
  if (r.siteKind === 'province' || !(SITE_KINDS as readonly string[]).includes(r.siteKind)) return refuse('bad_site_kind', { kind: r.siteKind, kinds: SITE_KINDS.filter((k) => k !== 'province').join(', ') });
  const problem = percentProblem('percent', r.percent, 1);
  if (problem) return problem;
  return ok(await deps.store.putSiteRate(r, { ...by(deps, op), action: 'royalty.siteRate', subjectType: 'royaltyFrame', subjectId: `${r.siteKind}:${r.from}` }));
}
