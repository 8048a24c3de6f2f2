import type { Role } from './roles.js';

export interface Grant {
  personId: string;
  siteId: string;
  role: Role;
  validFrom: Date;
  validTo: Date | null;
  revokedAt: Date | null;
}

export function grantActive(grant: Grant, now: Date): boolean {
  if (grant.revokedAt !== null && grant.revokedAt <= now) return false;
  if (grant.validFrom > now) return false;
  return grant.validTo === null || now < grant.validTo;
}

export function holdsRole(grants: readonly Grant[], personId: string, siteId: string, role: Role, now: Date): boolean {
  return grants.some((g) => g.personId === personId && g.siteId === siteId && g.role === role && grantActive(g, now));
}

export interface TeamCaps {
  maxEditors: number;
  maxTechAdmins: number;
}

export type GrantRefusal = 'already_granted' | 'team_cap_reached' | 'not_admin';

/**
 * Checks a new grant against the team caps of Điều 8.2 (at most 5 editors, 3 technical admins
 * by default; each site sets its own) and against duplicates.
 */
export function checkGrant(
  existing: readonly Grant[],
  request: { personId: string; siteId: string; role: Role },
  caps: TeamCaps,
  now: Date,
): { ok: true } | { ok: false; reason: GrantRefusal; limit?: number } {
  const active = existing.filter((g) => g.siteId === request.siteId && g.role === request.role && grantActive(g, now));
  if (active.some((g) => g.personId === request.personId)) return { ok: false, reason: 'already_granted' };
  const limit = request.role === 'editor' ? caps.maxEditors : request.role === 'tech' ? caps.maxTechAdmins : null;
  if (limit !== null) {
    const people = new Set(active.map((g) => g.personId));
    if (people.size >= limit) return { ok: false, reason: 'team_cap_reached', limit };
  }
  return { ok: true };
}
