import { grantActive } from '../core/grants.js';
import type { Role } from '../core/roles.js';
import type { Deps } from './deps.js';
import type { PersonRecord, SiteRecord } from './ports.js';

export interface GrantLine {
  person: { id: string; name: string; email: string | null };
  site: string;
  role: Role;
  from: Date;
  until: Date | null;
  state: 'active' | 'ended' | 'revoked' | 'future';
}

export interface PersonLine extends PersonRecord {
  /** What the person holds now, as `site:role`. */
  roles: string[];
  /** Others on file with the same e-mail (whatever its case): to be resolved by the operator. */
  sameEmail: string[];
}

/** Every grant, each with its state now; on one site when `siteKey` is given. Null: no such site. */
export async function grantLines(deps: Deps, siteKey: string | null): Promise<GrantLine[] | null> {
  const sites = await deps.store.sites();
  const chosen = siteKey === null ? sites : sites.filter((s) => s.key === siteKey);
  if (siteKey !== null && chosen.length === 0) return null;
  const people = new Map((await deps.store.people()).map((p) => [p.id, p]));
  const now = deps.clock();
  const lines: GrantLine[] = [];
  for (const site of chosen) {
    for (const g of await deps.store.grantsOnSite(site.id)) {
      const p = people.get(g.personId);
      const state = g.revokedAt !== null && g.revokedAt <= now ? 'revoked' : g.validFrom > now ? 'future' : grantActive(g, now) ? 'active' : 'ended';
      lines.push({ person: { id: g.personId, name: p?.displayName ?? '?', email: p?.email ?? null }, site: site.key, role: g.role, from: g.validFrom, until: g.validTo, state });
    }
  }
  return lines.sort((a, b) => a.site.localeCompare(b.site) || a.role.localeCompare(b.role) || a.person.name.localeCompare(b.person.name, 'vi'));
}

/** Everyone on file with what they hold now, and the e-mails more than one person has. */
export async function personLines(deps: Deps): Promise<PersonLine[]> {
  const people = await deps.store.people();
  const grants = (await grantLines(deps, null)) ?? [];
  const byEmail = new Map<string, string[]>();
  for (const p of people) if (p.email) byEmail.set(p.email.toLowerCase(), [...(byEmail.get(p.email.toLowerCase()) ?? []), p.id]);
  return people.map((p) => ({
    ...p,
    roles: grants.filter((g) => g.person.id === p.id && g.state === 'active').map((g) => `${g.site}:${g.role}`),
    sameEmail: p.email ? (byEmail.get(p.email.toLowerCase()) ?? []).filter((id) => id !== p.id) : [],
  }));
}

export const siteLines = (deps: Deps): Promise<SiteRecord[]> => deps.store.sites();

/** The chat platforms a person links an account on (`/link CODE`): Telegram, the bot's Zalo account, the official Zalo bot. */
export const CHAT_PLATFORMS = ['telegram', 'zalo', 'zalo-bot'] as const;

export interface PersonDetail {
  person: PersonLine;
  /** Every grant the person ever had, ended and revoked ones too. */
  grants: GrantLine[];
  chats: { platform: string; username: string | null }[];
}

/** One person as `person show` tells it; null when no one has that id. */
export async function personDetail(deps: Deps, personId: string): Promise<PersonDetail | null> {
  const person = (await personLines(deps)).find((p) => p.id === personId);
  if (!person) return null;
  const grants = ((await grantLines(deps, null)) ?? []).filter((g) => g.person.id === personId);
  const linked = await Promise.all(CHAT_PLATFORMS.map((platform) => deps.store.identityOf(personId, platform)));
  return { person, grants, chats: linked.flatMap((i) => (i ? [{ platform: i.platform, username: i.username }] : [])) };
}
