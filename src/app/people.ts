import { createHash, randomInt } from 'node:crypto';
import { hostNamesOf } from '../core/portal/hosts.js';
import { domainToASCII } from 'node:url';
import { formatLocal } from '../core/dates.js';
import { endedByRoleLoss } from '../core/delegation.js';
import { checkGrant, grantActive, holdsRole, type GrantRefusal } from '../core/grants.js';
import { ok, refuse, type Outcome, type Refused } from '../core/result.js';
import { cleanName, NAME_MAX } from '../core/names.js';
import type { Role } from '../core/roles.js';
import type { Deps } from './deps.js';
import type { GrantRecord, PersonRecord, SiteRecord } from './ports.js';
import { refusedForRole } from './refusals.js';

/** The server operator at a terminal (CLI); people in chat act as themselves. */
export type Operator = { kind: 'operator' } | { kind: 'person'; personId: string };
export const OPERATOR: Operator = { kind: 'operator' };
const actorIdOf = (op: Operator) => (op.kind === 'person' ? op.personId : null);

export interface SiteInput {
  key: string;
  kind: string;
  nameVi: string;
  nameEn: string;
  codePrefix: string;
  parentKey?: string | null;
  domain?: string | null;
}

export type SiteRefusal = 'already_initialised' | 'site_exists' | 'prefix_taken' | 'bad_name' | 'unknown_site' | 'bad_prefix' | 'bad_key' | 'bad_site_kind' | 'bad_domain' | 'domain_taken';

/** Organisation levels are data: a province portal and its component sites (NĐ 224/2026 Đ11.4). */
export const SITE_KINDS = ['province', 'department', 'district', 'commune', 'ward', 'agency'] as const;

const SITE_KEY = /^[a-z0-9-]{2,40}$/;
/** A host name as a browser sends it: letters, digits and dashes per label, at least one dot, no scheme, port or path. */
const HOST_NAME = /^(?=.{4,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z][a-z0-9-]{0,61}[a-z0-9]$/;

/** Host names one site answers to at most (its name, a www. name, an older name kept while links to it live on). */
const HOST_NAMES_MAX = 5;

/**
 * Host names as typed (any case, a trailing dot; several separated by commas, the first the one its addresses use) in
 * the form they are stored, or the refusal; sites never share one.
 */
async function domainProblem(deps: Deps, domain: string | null | undefined, siteId: string | null): Promise<Refused<'bad_domain' | 'domain_taken'> | { domain: string | null }> {
  if (domain === null || domain === undefined || domain.trim() === '') return { domain: null };
  const typed = domain.split(',').map((d) => d.trim()).filter((d) => d !== '');
  const hosts = [...new Set(typed.map(asciiHost))];
  const bad = typed.find((d) => !HOST_NAME.test(asciiHost(d)));
  if (bad !== undefined || hosts.length === 0 || hosts.length > HOST_NAMES_MAX) return refuse('bad_domain', { domain: bad ?? domain });
  const sites = await deps.store.sites();
  for (const host of hosts) {
    const holder = sites.find((s) => s.id !== siteId && hostNamesOf(s).includes(host));
    if (holder) return refuse('domain_taken', { domain: host, site: holder.key });
  }
  return { domain: hosts.join(',') };
}
const CODE_PREFIX = /^[A-Z]{1,6}$/;

/**
 * A domain as browsers send it in the Host header: lower case, no trailing dot, and a Vietnamese name
 * (cổngtỉnh.vn) in its ASCII form (xn--cngtnh-zk8brd.vn); '' when it cannot be one.
 */
function asciiHost(domain: string): string {
  const typed = domain.trim().toLowerCase().replace(/\.$/, '');
  return /^[\x00-\x7f]*$/.test(typed) ? typed : domainToASCII(typed);
}

/** One answer of `init --interactive`, checked as initialise will check it: the refusal to show, or null. */
export function initAnswerProblem(field: 'key' | 'prefix' | 'name' | 'email' | 'domain', value: string): Refused<'bad_key' | 'bad_prefix' | 'bad_name' | 'bad_email' | 'bad_domain'> | null {
  if (field === 'domain') return value === '' || HOST_NAME.test(asciiHost(value)) ? null : refuse('bad_domain', { domain: value });
  if (field === 'key') return SITE_KEY.test(value) ? null : refuse('bad_key', { key: value });
  if (field === 'prefix') return CODE_PREFIX.test(value) ? null : refuse('bad_prefix', { prefix: value });
  if (field === 'name') return cleanName(value) === null ? refuse('bad_name', { max: String(NAME_MAX) }) : null;
  return value === '' || EMAIL.test(normalEmail(value)) ? null : refuse('bad_email', { email: value });
}

async function addSite(deps: Deps, input: SiteInput, op: Operator): Promise<Outcome<SiteRecord, SiteRefusal>> {
  if (!SITE_KEY.test(input.key)) return refuse('bad_key', { key: input.key });
  if (!CODE_PREFIX.test(input.codePrefix)) return refuse('bad_prefix', { prefix: input.codePrefix });
  if (!(SITE_KINDS as readonly string[]).includes(input.kind)) return refuse('bad_site_kind', { kind: input.kind, kinds: SITE_KINDS.join(', ') });
  const nameVi = cleanName(input.nameVi);
  const nameEn = cleanName(input.nameEn);
  if (nameVi === null || nameEn === null) return refuse('bad_name', { max: String(NAME_MAX) });
  if (await deps.store.siteByKey(input.key)) return refuse('site_exists', { site: input.key });
  const holder = (await deps.store.sites()).find((s) => s.codePrefix === input.codePrefix);
  if (holder) return refuse('prefix_taken', { prefix: input.codePrefix, site: holder.key });
  const parent = input.parentKey ? await deps.store.siteByKey(input.parentKey) : null;
  if (input.parentKey && !parent) return refuse('unknown_site', { site: input.parentKey });
  const checked = await domainProblem(deps, input.domain, null);
  if ('ok' in checked) return checked;
  const now = deps.clock();
  const site = await deps.store.createSite(
    { key: input.key, kind: input.kind, nameVi, nameEn, domain: checked.domain, codePrefix: input.codePrefix, parentId: parent?.id ?? null, maxEditors: 5, maxTechAdmins: 3 },
    { at: now, actorId: actorIdOf(op), action: 'site.create', subjectType: 'site', subjectId: '', data: { key: input.key, prefix: input.codePrefix } },
  );
  return ok(site);
}

/** First run: the province site and its first administrator, before any chat exists. */
export async function initialise(deps: Deps, site: SiteInput, admin: { displayName: string; email?: string | null }) {
  if ((await deps.store.siteCount()) > 0) return refuse('already_initialised');
  // The admin is checked before the site is written: a refused init leaves nothing half made.
  const adminProblem = personProblem(admin);
  if (adminProblem) return adminProblem;
  const created = await addSite(deps, site, OPERATOR);
  if (!created.ok) return created;
  const registered = await registerPerson(deps, admin, OPERATOR);
  if (!registered.ok) return registered;
  const person = registered.value;
  const granted = await grant(deps, OPERATOR, { personId: person.id, siteKey: site.key, role: 'admin' });
  if (!granted.ok) throw new Error(`first admin grant refused: ${granted.reason}`);
  return ok({ site: created.value, admin: person });
}

export function createSite(deps: Deps, site: SiteInput) {
  return addSite(deps, site, OPERATOR);
}

/**
 * Điều 8.2 sets 5 editors and 3 technical admins; a site may set other limits. Lowering a cap
 * below the current team is allowed (nobody loses a role) but no new grant passes until it fits.
 */
export async function setTeamCaps(deps: Deps, siteKey: string, caps: { maxEditors: number; maxTechAdmins: number }): Promise<Outcome<SiteRecord, 'unknown_site'>> {
  const site = await deps.store.siteByKey(siteKey);
  if (!site) return refuse('unknown_site', { site: siteKey });
  const now = deps.clock();
  const updated = await deps.store.setTeamCaps(site.id, caps, {
    at: now, actorId: null, action: 'site.caps', subjectType: 'site', subjectId: site.id, data: { from: { editors: site.maxEditors, tech: site.maxTechAdmins }, to: caps },
  });
  return ok(updated);
}

/** A site's names or domain corrected from the terminal ("" clears the domain); the same checks as adding it. */
export async function editSite(deps: Deps, siteKey: string, changes: { nameVi?: string; nameEn?: string; domain?: string }): Promise<Outcome<SiteRecord, SiteRefusal | 'nothing_to_change'>> {
  const site = await deps.store.siteByKey(siteKey);
  if (!site) return refuse('unknown_site', { site: siteKey });
  const next: { nameVi?: string; nameEn?: string; domain?: string | null } = {};
  for (const field of ['nameVi', 'nameEn'] as const) {
    const typed = changes[field];
    if (typed === undefined) continue;
    const name = cleanName(typed);
    if (name === null) return refuse('bad_name', { max: String(NAME_MAX) });
    next[field] = name;
  }
  if (changes.domain !== undefined) {
    const checked = await domainProblem(deps, changes.domain, site.id);
    if ('ok' in checked) return checked;
    next.domain = checked.domain;
  }
  const changed = (Object.keys(next) as (keyof typeof next)[]).filter((k) => next[k] !== site[k]);
  if (changed.length === 0) return refuse('nothing_to_change', { site: siteKey });
  const updated = await deps.store.editSite(site.id, next, {
    at: deps.clock(), actorId: null, action: 'site.edit', subjectType: 'site', subjectId: site.id,
    data: Object.fromEntries(changed.map((k) => [k, { from: site[k], to: next[k] ?? null }])),
  });
  return ok(updated);
}

/** E-mail addresses are kept as people type them to each other: trimmed, lower case (one person, one address). */
/** NFKC: a full-width ｂ typed on a phone keyboard is the b of the same address, not a second person. */
export const normalEmail = (email: string) => email.normalize('NFKC').trim().toLowerCase();

/** Enough to catch a name typed where the address goes; the mail server has the last word. */
const EMAIL = /^(?=.{3,254}$)(?=[^@]{1,64}@)[^\s@.\p{Cc}\p{Cf}]+(?:\.[^\s@.\p{Cc}\p{Cf}]+)*@[^\s@.\p{Cc}\p{Cf}]+(?:\.[^\s@.\p{Cc}\p{Cf}]+)+$/u;

/** What is wrong with a person's name or e-mail as typed, before any database is asked. */
function personProblem(input: { displayName: string; email?: string | null }): Refused<'bad_name' | 'bad_email'> | null {
  if (cleanName(input.displayName) === null) return refuse('bad_name', { max: String(NAME_MAX) });
  if (input.email && !EMAIL.test(normalEmail(input.email))) return refuse('bad_email', { email: input.email });
  return null;
}

/** A person added from the terminal: a printable name, a well-formed e-mail no one else has, whatever its case. */
export async function registerPerson(deps: Deps, input: { displayName: string; email?: string | null }, op: Operator): Promise<Outcome<PersonRecord, 'bad_email' | 'email_taken' | 'bad_name'>> {
  const problem = personProblem(input);
  if (problem) return problem;
  const email = input.email ? normalEmail(input.email) : null;
  if (email !== null) {
    const holder = (await deps.store.peopleByEmail(email))[0];
    if (holder) return refuse('email_taken', { email, person: holder.displayName, id: holder.id });
  }
  const person = await filePerson(deps, { displayName: cleanName(input.displayName) ?? input.displayName, email }, op);
  return person === 'email_taken' ? takenRefusal(deps, email ?? '') : ok(person);
}

/** A name or address corrected from the terminal: the same rules as adding, the person's own address aside. */
export async function editPerson(
  deps: Deps,
  op: Operator,
  id: string,
  changes: { displayName?: string; email?: string | null },
): Promise<Outcome<{ person: PersonRecord; changed: boolean }, 'unknown_person' | 'bad_email' | 'email_taken' | 'bad_name'>> {
  const person = await deps.store.personById(id);
  if (!person) return refuse('unknown_person', { person: id });
  const next: { displayName?: string; email?: string | null } = {};
  if (changes.displayName !== undefined) {
    const name = cleanName(changes.displayName);
    if (name === null) return refuse('bad_name', { max: String(NAME_MAX) });
    next.displayName = name;
  }
  if (changes.email !== undefined) {
    const email = changes.email === null || changes.email.trim() === '' ? null : normalEmail(changes.email);
    if (email !== null) {
      if (!EMAIL.test(email)) return refuse('bad_email', { email: changes.email ?? '' });
      const holder = (await deps.store.peopleByEmail(email)).find((p) => p.id !== id);
      if (holder) return refuse('email_taken', { email, person: holder.displayName, id: holder.id });
    }
    next.email = email;
  }
  // The same name or address typed again changes nothing: no audit row says it did.
  if (next.displayName === person.displayName) delete next.displayName;
  if (next.email === person.email) delete next.email;
  if (next.displayName === undefined && next.email === undefined) return ok({ person, changed: false });
  const updated = await deps.store.updatePerson(id, next, {
    at: deps.clock(), actorId: actorIdOf(op), action: 'person.edit', subjectType: 'person', subjectId: id,
    data: { ...(next.displayName !== undefined ? { name: { from: person.displayName, to: next.displayName } } : {}), ...(next.email !== undefined ? { email: { from: person.email, to: next.email } } : {}) },
  });
  if (updated === 'email_taken') return takenRefusal(deps, next.email ?? '');
  return ok({ person: updated, changed: true });
}

/** Someone who left: refused, naming them as `person reactivate` takes them. */
const leftRefusal = (deps: Deps, person: PersonRecord, at: Date) =>
  refuse('person_is_deactivated', { person: person.displayName, day: formatLocal(at, deps.timeZone), ref: person.email ?? person.id });

/** Another person holds the address (checked first, or taken by someone added at the same instant). */
async function takenRefusal(deps: Deps, email: string): Promise<Outcome<never, 'email_taken'>> {
  const holder = (await deps.store.peopleByEmail(email))[0];
  return refuse('email_taken', { email, person: holder?.displayName ?? '—', id: holder?.id ?? '—' });
}

function filePerson(deps: Deps, input: { displayName: string; email?: string | null }, op: Operator): Promise<PersonRecord | 'email_taken'> {
  return deps.store.createPerson(
    { displayName: input.displayName.trim(), email: input.email ? normalEmail(input.email) : null, lang: 'vi' },
    { at: deps.clock(), actorId: actorIdOf(op), action: 'person.create', subjectType: 'person', subjectId: '', data: { name: input.displayName.trim() } },
  );
}

/** Files a person whose address nobody else holds (a chat join has none; registerPerson checks one first). */
export async function addPerson(deps: Deps, input: { displayName: string; email?: string | null }, op: Operator): Promise<PersonRecord> {
  const person = await filePerson(deps, input, op);
  if (person === 'email_taken') throw new Error(`address already held: ${input.email ?? ''} (use registerPerson for addresses people type)`);
  return person;
}

export type GrantUseRefusal = GrantRefusal | 'unknown_site' | 'unknown_person' | 'grant_already_ended' | 'person_is_deactivated';

/** An admin of the site or of a site above it may grant and revoke; the operator at the terminal always may. */
async function mayAdminister(deps: Deps, op: Operator, site: SiteRecord, now: Date): Promise<boolean> {
  if (op.kind === 'operator') return true;
  const grants = await deps.store.grantsOf(op.personId);
  for (let s: SiteRecord | null = site; s; s = s.parentId ? await deps.store.siteById(s.parentId) : null) {
    if (holdsRole(grants, op.personId, s.id, 'admin', now)) return true;
  }
  return false;
}

/** Channels and mirrors belong to the whole portal: the province site's admins run them. */
export async function mayAdministerPortal(deps: Deps, op: Operator): Promise<boolean> {
  const province = (await deps.store.sites())[0];
  return province ? mayAdminister(deps, op, province, deps.clock()) : op.kind === 'operator';
}

export async function grant(
  deps: Deps,
  op: Operator,
  request: { personId: string; siteKey: string; role: Role; validTo?: Date | null },
): Promise<Outcome<GrantRecord, GrantUseRefusal>> {
  const site = await deps.store.siteByKey(request.siteKey);
  if (!site) return refuse('unknown_site', { site: request.siteKey });
  const person = await deps.store.personById(request.personId);
  if (!person) return refuse('unknown_person', { person: request.personId });
  if (person.deactivatedAt) return leftRefusal(deps, person, person.deactivatedAt);
  const now = deps.clock();
  // A grant that ends before it starts was accepted once and did nothing: said so instead.
  if (request.validTo && request.validTo <= now) return refuse('grant_already_ended', { until: formatLocal(request.validTo, deps.timeZone) });
  if (!(await mayAdminister(deps, op, site, now))) return refusedForRole(deps, actorIdOf(op) ?? '', 'role.grant', refuse('not_admin'));
  const result = await deps.store.addGrant(
    { personId: person.id, siteId: site.id, role: request.role, validFrom: now, validTo: request.validTo ?? null, revokedAt: null, grantedById: actorIdOf(op) },
    (existing) => {
      const verdict = checkGrant(existing, { personId: person.id, siteId: site.id, role: request.role }, site, now);
      return verdict.ok ? null : { reason: verdict.reason, limit: verdict.limit };
    },
    { at: now, actorId: actorIdOf(op), action: 'role.grant', subjectType: 'grant', subjectId: '', data: { person: person.id, site: site.key, role: request.role } },
  );
  if (result.ok) return ok(result.grant);
  const detail = result.refusal.limit === undefined ? undefined : { limit: String(result.refusal.limit), role: request.role };
  return refuse(result.refusal.reason, detail);
}

/**
 * Someone who left: every role ended (active and future ones, each with its audit row and the powers lent
 * under it), their chat accounts unlinked and unused link codes voided. Their name stays on every past
 * decision; the audit trail keeps who they were.
 */
export async function deactivatePerson(
  deps: Deps,
  op: Operator,
  personId: string,
): Promise<Outcome<{ roles: string[]; chats: string[]; codes: number; adminless: string[] }, 'unknown_person' | 'not_admin' | 'person_is_deactivated'>> {
  const person = await deps.store.personById(personId);
  if (!person) return refuse('unknown_person', { person: personId });
  if (person.deactivatedAt) return leftRefusal(deps, person, person.deactivatedAt);
  const now = deps.clock();
  const sites = new Map((await deps.store.sites()).map((s) => [s.id, s]));
  const ended: string[] = [];
  for (const g of await deps.store.grantsOf(personId)) {
    if (g.revokedAt !== null || (g.validTo !== null && g.validTo <= now)) continue;
    const site = sites.get(g.siteId);
    if (!site) continue;
    const r = await endGrant(deps, op, site, g, now);
    if (!r.ok) return r;
    ended.push(`${site.key}:${g.role}`);
  }
  const closed = await deps.store.closeAccess(personId, now, (c) => ({ at: now, actorId: actorIdOf(op), action: 'person.deactivate', subjectType: 'person', subjectId: personId, data: { roles: ended, chats: c.chats, codes: c.codes } }));
  return ok({ roles: ended, ...closed, adminless: await sitesWithoutAdmin(deps, ended, now) });
}

/** Of the sites where `ended` (site:role) took an admin role, those left with no admin in force: nobody there can grant roles from chat. */
async function sitesWithoutAdmin(deps: Deps, ended: readonly string[], now: Date): Promise<string[]> {
  const keys = ended.filter((r) => r.endsWith(':admin')).map((r) => r.slice(0, -':admin'.length));
  const left: string[] = [];
  for (const key of keys) {
    const site = await deps.store.siteByKey(key);
    if (site && !(await deps.store.grantsOnSite(site.id)).some((g) => g.role === 'admin' && grantActive(g, now))) left.push(key);
  }
  return left;
}

/** Someone who came back: may be given roles and link codes again (roles are granted anew, one by one). */
export async function reactivatePerson(deps: Deps, op: Operator, personId: string): Promise<Outcome<PersonRecord, 'unknown_person' | 'person_not_deactivated'>> {
  const person = await deps.store.personById(personId);
  if (!person) return refuse('unknown_person', { person: personId });
  if (!person.deactivatedAt) return refuse('person_not_deactivated', { person: person.displayName });
  const updated = await deps.store.updatePerson(personId, { deactivatedAt: null }, {
    at: deps.clock(), actorId: actorIdOf(op), action: 'person.reactivate', subjectType: 'person', subjectId: personId, data: { deactivatedAt: person.deactivatedAt.toISOString() },
  });
  if (updated === 'email_taken') throw new Error('the address was not changed, yet its key refused the row');
  return ok(updated);
}

export async function revoke(
  deps: Deps,
  op: Operator,
  request: { personId: string; siteKey: string; role: Role },
): Promise<Outcome<GrantRecord, 'unknown_site' | 'not_admin' | 'no_such_grant'>> {
  const site = await deps.store.siteByKey(request.siteKey);
  if (!site) return refuse('unknown_site', { site: request.siteKey });
  const now = deps.clock();
  if (!(await mayAdminister(deps, op, site, now))) return refusedForRole(deps, actorIdOf(op) ?? '', 'role.revoke', refuse('not_admin'));
  const active = (await deps.store.grantsOf(request.personId)).find((g) => g.siteId === site.id && g.role === request.role && grantActive(g, now));
  if (!active) return refuse('no_such_grant');
  return endGrant(deps, op, site, active, now);
}

/** Ends one grant, in force or still to come, with its audit row; powers lent under it end in the same write. */
async function endGrant(deps: Deps, op: Operator, site: SiteRecord, g: GrantRecord, now: Date): Promise<Outcome<GrantRecord, 'not_admin'>> {
  if (!(await mayAdminister(deps, op, site, now))) return refusedForRole(deps, actorIdOf(op) ?? '', 'role.revoke', refuse('not_admin'));
  const lent = grantActive(g, now) ? endedByRoleLoss(await deps.store.delegationsOnSite(site.id), { personId: g.personId, siteId: site.id, role: g.role }, now) : [];
  const ending = lent.map((d) => ({
    id: d.id,
    audit: { at: now, actorId: actorIdOf(op), action: 'delegation.end', subjectType: 'delegation', subjectId: d.id, data: { site: site.key, reason: 'role_lost', role: g.role, person: g.personId } },
  }));
  const audit = { at: now, actorId: actorIdOf(op), action: 'role.revoke', subjectType: 'grant', subjectId: g.id, data: { person: g.personId, site: site.key, role: g.role } };
  await deps.store.revokeGrant(g.id, actorIdOf(op) ?? 'operator', now, audit, ending);
  return ok({ ...g, revokedAt: now });
}

/** Unambiguous when read aloud or typed on a phone: no 0/O, 1/I/L. */
const CODE_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
export const hashLinkCode = (code: string) => createHash('sha256').update(code.trim().toUpperCase()).digest('hex');

/** A one-time code a person types in chat (`/link CODE`) to bind that chat identity; only its hash is stored. */
export async function issueLinkCode(deps: Deps, op: Operator, personId: string, ttlHours = 72): Promise<Outcome<{ code: string; expiresAt: Date }, 'unknown_person' | 'person_is_deactivated'>> {
  const person = await deps.store.personById(personId);
  if (!person) return refuse('unknown_person', { person: personId });
  // Someone who left does not come back through a code: reactivation is its own, audited step.
  if (person.deactivatedAt) return leftRefusal(deps, person, person.deactivatedAt);
  const code = Array.from({ length: 10 }, () => CODE_ALPHABET[randomInt(CODE_ALPHABET.length)]).join('');
  const now = deps.clock();
  const expiresAt = new Date(now.getTime() + ttlHours * 3_600_000);
  await deps.store.addLinkCode(person.id, hashLinkCode(code), expiresAt, {
    at: now, actorId: actorIdOf(op), action: 'identity.code', subjectType: 'person', subjectId: person.id, data: { expiresAt: expiresAt.toISOString() },
  });
  return ok({ code, expiresAt });
}

export async function linkIdentity(deps: Deps, code: string, identity: { platform: string; platformUserId: string; username: string | null }) {
  const now = deps.clock();
  return deps.store.useLinkCode(hashLinkCode(code), identity, now, (personId) => ({
    at: now, actorId: personId, action: 'identity.link', subjectType: 'person', subjectId: personId, data: { platform: identity.platform, user: identity.platformUserId },
  }));
}
