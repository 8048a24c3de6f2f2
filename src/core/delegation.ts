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
