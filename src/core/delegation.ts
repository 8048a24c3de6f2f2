export interface DelegationRecord {
  id: string;
  siteId: string;
  fromPersonId: string;
  toPersonId: string;
  power: 'publish';
  validFrom: Date;
  validUntil: Date;
  revokedAt: Date | null;
}

export function delegationActive(d: DelegationRecord, now: Date): boolean {
  return d.revokedAt === null && d.validFrom <= now && now < d.validUntil;
}

/** The active publishing delegation a person holds on a site, if any. */
export function activePublishDelegation(
  delegations: readonly DelegationRecord[],
  personId: string,
  siteId: string,
  now: Date,
): DelegationRecord | null {
  return (
    delegations.find((d) => d.toPersonId === personId && d.siteId === siteId && d.power === 'publish' && delegationActive(d, now)) ??
    null
  );
}

/**
 * A delegation holds only while the deputy who gave it is still deputy of the site and the
 * secretary who holds it is still secretary there: powers lent cannot outlive the role they came from.
 */
export function delegationInForce(d: DelegationRecord, holds: (personId: string, role: 'deputy' | 'secretary') => boolean, now: Date): boolean {
  return delegationActive(d, now) && holds(d.fromPersonId, 'deputy') && holds(d.toPersonId, 'secretary');
}

/** The delegations a change of roles ends: those given by a deputy who is no longer one, or held by a secretary who is no longer one. */
export function endedByRoleLoss(delegations: readonly DelegationRecord[], loss: { personId: string; siteId: string; role: string }, now: Date): DelegationRecord[] {
  return delegations.filter(
    (d) =>
      d.siteId === loss.siteId &&
      delegationActive(d, now) &&
      ((loss.role === 'deputy' && d.fromPersonId === loss.personId) || (loss.role === 'secretary' && d.toPersonId === loss.personId)),
  );
}
