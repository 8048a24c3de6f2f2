import { grantActive } from '../core/grants.js';
import type { Lang } from '../core/messages.js';
import { ok, refuse } from '../core/result.js';
import type { Role } from '../core/roles.js';
import { matches } from '../core/search.js';
import { standingAt } from '../core/workflow.js';
import { loadActor, type Deps } from './deps.js';
import { refusedForRole } from './refusals.js';
import { addPerson, issueLinkCode, type Operator } from './people.js';
import type { GrantRecord, ItemRecord, PersonRecord, SiteRecord, SubmissionRecord } from './ports.js';

/** What a person may act on now: items at a step they stand at, and (for editors) submissions waiting for intake. */
export async function pendingFor(deps: Deps, personId: string): Promise<{ items: ItemRecord[]; submissions: SubmissionRecord[] }> {
  const now = deps.clock();
  const grants = (await deps.store.grantsOf(personId)).filter((g) => grantActive(g, now));
  const sites = new Set(grants.map((g) => g.siteId));
  const items: ItemRecord[] = [];
  for (const item of await deps.store.itemsInReview()) {
    if (!sites.has(item.siteId) || item.step === null) continue;
    if (standingAt(item, await loadActor(deps, personId, item.siteId), item.step, now)) items.push(item);
  }
  const editorSites = new Set(grants.filter((g) => g.role === 'editor').map((g) => g.siteId));
  const submissions = (await deps.store.receivedSubmissions()).filter((s) => editorSites.has(s.siteId) && s.senderPersonId !== personId);
  return { items, submissions };
}

/** Items whose code or title matches the words, with or without diacritics; newest first. */
export async function findItems(deps: Deps, text: string, limit = 10): Promise<ItemRecord[]> {
  const recent = await deps.store.recentItems(2000);
  return recent.filter((i) => matches(`${i.code} ${i.revision.title}`, text)).slice(0, limit);
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
