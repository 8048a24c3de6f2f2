import { delegationActive, delegationInForce, type DelegationRecord } from '../core/delegation.js';
import { holdsRole } from '../core/grants.js';
import { ok, refuse, type Outcome } from '../core/result.js';
import type { Deps } from './deps.js';
import { SYSTEM_ACTOR } from './items.js';
import { refusedForRole } from './refusals.js';

export type DelegationRefusal = 'unknown_site' | 'not_deputy' | 'not_secretary' | 'until_in_past' | 'unknown_delegation' | 'not_authorised';

/** Bước 3: the standing deputy may let the secretary approve publication, until a date. */
export async function delegate(
  deps: Deps,
  actorId: string,
  request: { siteKey: string; toPersonId: string; until: Date },
): Promise<Outcome<DelegationRecord, DelegationRefusal>> {
  const site = await deps.store.siteByKey(request.siteKey);
  if (!site) return refuse('unknown_site', { site: request.siteKey });
  const now = deps.clock();
  if (!holdsRole(await deps.store.grantsOf(actorId), actorId, site.id, 'deputy', now)) return refusedForRole(deps, actorId, 'delegation.create', refuse('not_deputy'));
  if (!holdsRole(await deps.store.grantsOf(request.toPersonId), request.toPersonId, site.id, 'secretary', now)) return refuse('not_secretary');
  if (request.until <= now) return refuse('until_in_past');
  const delegation = await deps.store.addDelegation(
    { siteId: site.id, fromPersonId: actorId, toPersonId: request.toPersonId, power: 'publish', validFrom: now, validUntil: request.until, revokedAt: null },
    { at: now, actorId, action: 'delegation.create', subjectType: 'delegation', subjectId: '', data: { site: site.key, to: request.toPersonId, until: request.until.toISOString() } },
  );
  return ok(delegation);
}

/** The deputy who delegated, or the head, may end a delegation early. */
export async function revokeDelegation(deps: Deps, actorId: string, siteKey: string, delegationId: string): Promise<Outcome<true, DelegationRefusal>> {
  const site = await deps.store.siteByKey(siteKey);
  if (!site) return refuse('unknown_site', { site: siteKey });
  const delegation = (await deps.store.delegationsOnSite(site.id)).find((d) => d.id === delegationId);
  if (!delegation) return refuse('unknown_delegation');
  const now = deps.clock();
  const isHead = holdsRole(await deps.store.grantsOf(actorId), actorId, site.id, 'head', now);
  if (delegation.fromPersonId !== actorId && !isHead) return refusedForRole(deps, actorId, 'delegation.revoke', refuse('not_authorised'));
  const done = await deps.store.revokeDelegation(delegation.id, actorId, now, {
    at: now, actorId, action: 'delegation.revoke', subjectType: 'delegation', subjectId: delegation.id, data: { site: site.key },
  });
  return done ? ok(true) : refuse('unknown_delegation');
}

/**
 * A role granted until a date lapses with no one revoking it. The rules stop honouring the
 * delegation at once (`loadActor`); this ends it on record too, so the trail says when and why.
 */
export async function endLapsedDelegations(deps: Deps): Promise<number> {
  const now = deps.clock();
  let ended = 0;
  for (const site of await deps.store.sites()) {
    for (const d of (await deps.store.delegationsOnSite(site.id)).filter((x) => delegationActive(x, now))) {
      const [fromGrants, toGrants] = await Promise.all([deps.store.grantsOf(d.fromPersonId), deps.store.grantsOf(d.toPersonId)]);
      const holds = (who: string, role: 'deputy' | 'secretary') => holdsRole(who === d.fromPersonId ? fromGrants : toGrants, who, site.id, role, now);
      if (delegationInForce(d, holds, now)) continue;
      const audit = { at: now, actorId: null, action: 'delegation.end', subjectType: 'delegation', subjectId: d.id, data: { site: site.key, reason: 'role_lapsed' } };
      if (await deps.store.revokeDelegation(d.id, SYSTEM_ACTOR, now, audit)) ended += 1;
    }
  }
  return ended;
}
