import { grantActive } from '../core/grants.js';
import type { Lang } from '../core/messages.js';
import { ok, refuse } from '../core/result.js';
import { STEPS, type Role, type Step } from '../core/roles.js';
import { matches } from '../core/search.js';
import { deskSites, maySeeItem, maySeeSubmission, type Viewer } from '../core/visibility.js';
import { standingAt } from '../core/workflow.js';
import { loadActor, type Deps } from './deps.js';
import { refusedForRole } from './refusals.js';
import { addPerson, issueLinkCode, type Operator } from './people.js';
import type { DeskCounts, GrantRecord, ItemRecord, PendingPage, PendingScope, PersonRecord, SiteRecord, SubmissionRecord } from './ports.js';

/**
 * Where a desk command is asked: null in a private chat or the editorial chat (everything the person works on), or
 * the sites a site's own desk chat serves (that site and those under it) — its members read the answer too.
 */
export type DeskScope = ReadonlySet<string> | null;
const inScope = (within: DeskScope, siteId: string) => within === null || within.has(siteId);

/**
 * What waits for a person, as the database can select it: submissions waiting for intake on the sites
 * where they are editor (not their own), and, per step, the sites where they may decide at it now
 * (their role there, or a secretary's delegation to publish). One actor is read per site, not per item.
 */
export async function pendingScope(deps: Deps, personId: string, within: DeskScope = null): Promise<PendingScope> {
  const now = deps.clock();
  const grants = (await deps.store.grantsOf(personId)).filter((g) => grantActive(g, now) && inScope(within, g.siteId));
  const steps = new Map<Step, string[]>(STEPS.map((s) => [s, []]));
  for (const siteId of new Set(grants.map((g) => g.siteId))) {
    const actor = await loadActor(deps, personId, siteId);
    for (const step of STEPS) if (standingAt({ siteId }, actor, step, now)) steps.get(step)!.push(siteId);
  }
  return {
    intakeSiteIds: [...new Set(grants.filter((g) => g.role === 'editor').map((g) => g.siteId))],
    notSentBy: personId,
    steps: [...steps].map(([step, siteIds]) => ({ step, siteIds })),
  };
}

/** One page (from 1) of what the person may act on now: submissions first, then items, oldest first; `perPage` rows. */
export async function pendingFor(deps: Deps, personId: string, page = 1, perPage = 50, within: DeskScope = null): Promise<PendingPage> {
  return deps.store.pending(await pendingScope(deps, personId, within), (page - 1) * perPage, perPage);
}

async function viewer(deps: Deps, personId: string): Promise<Viewer> {
  return { personId, grants: await deps.store.grantsOf(personId) };
}

/**
 * What `/status CODE` may show the person: the item or submission, or null alike when the code
 * does not exist and when it is not theirs to see, so codes cannot be probed one by one.
 */
export async function lookUpCode(deps: Deps, personId: string, code: string, within: DeskScope = null): Promise<{ item: ItemRecord } | { submission: SubmissionRecord } | null> {
  const who = await viewer(deps, personId);
  const now = deps.clock();
  const item = await deps.store.itemByCode(code);
  if (item) return maySeeItem(who, item, now) && inScope(within, item.siteId) ? { item } : null;
  const submission = await deps.store.submissionByCode(code);
  return submission && maySeeSubmission(who, submission, now) && inScope(within, submission.siteId) ? { submission } : null;
}

/** Items the person may see whose code or title matches the words, with or without diacritics; newest first. */
export async function findItems(deps: Deps, personId: string, text: string, limit = 10, within: DeskScope = null): Promise<ItemRecord[]> {
  const who = await viewer(deps, personId);
  const now = deps.clock();
  const sites = [...deskSites(who, now)].filter((id) => inScope(within, id));
  // The database keeps only what the person may see, so the window is theirs, not everyone's newest.
  const recent = await deps.store.recentItems(2000, { siteIds: sites, personId });
  return recent.filter((i) => maySeeItem(who, i, now) && inScope(within, i.siteId) && matches(`${i.code} ${i.revision.title}`, text)).slice(0, limit);
}

/** The desk's counts over the sites the person works on; null for someone who works on none. */
export async function deskCounts(deps: Deps, personId: string, within: DeskScope = null): Promise<DeskCounts | null> {
  const sites = [...deskSites(await viewer(deps, personId), deps.clock())].filter((id) => inScope(within, id));
  return sites.length === 0 ? null : deps.store.counts(sites);
}

export async function whoIs(deps: Deps, personId: string): Promise<{ person: PersonRecord; roles: { role: Role; site: SiteRecord }[] } | null> {
  const person = await deps.store.personById(personId);
  if (!person) return null;
  const now = deps.clock();
  const roles = [];
  for (const g of (await deps.store.grantsOf(personId)).filter((x: GrantRecord) => grantActive(x, now))) {
    const site = await deps.store.siteById(g.siteId);
    if (site) roles.push({ role: g.role, site });
  }
  return { person, roles };
}

export async function setLanguage(deps: Deps, personId: string, lang: Lang): Promise<void> {
  await deps.store.setPersonLang(personId, lang, { at: deps.clock(), actorId: personId, action: 'person.lang', subjectType: 'person', subjectId: personId, data: { lang } });
}

/** An admin in chat brings a new person in: the person is created and gets a one-time link code. */
export async function invite(deps: Deps, op: Operator & { kind: 'person' }, siteKey: string, displayName: string) {
  const site = await deps.store.siteByKey(siteKey);
  if (!site) return refuse('unknown_site', { site: siteKey });
  const now = deps.clock();
  const grants = await deps.store.grantsOf(op.personId);
  if (!grants.some((g) => g.role === 'admin' && grantActive(g, now))) return refusedForRole(deps, op.personId, 'person.invite', refuse('not_admin'));
  const person = await addPerson(deps, { displayName }, op);
  const code = await issueLinkCode(deps, op, person.id);
  if (!code.ok) throw new Error('a person just created was not found');
  return ok({ person, ...code.value });
}
