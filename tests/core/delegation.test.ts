import { describe, expect, it } from 'vitest';
import { delegationInForce, endedByRoleLoss, type DelegationRecord } from '../../src/core/delegation.js';
import { holdsRole, type Grant } from '../../src/core/grants.js';

const now = new Date('2026-12-01T03:00:00Z');
const loan: DelegationRecord = { id: 'd1', siteId: 's', fromPersonId: 'deputy', toPersonId: 'secretary', power: 'publish', validFrom: new Date('2026-11-01'), validUntil: new Date('2027-01-01'), revokedAt: null };
const grant = (personId: string, role: Grant['role'], validTo: Date | null = null): Grant => ({ personId, siteId: 's', role, validFrom: new Date('2026-01-01'), validTo, revokedAt: null });
const holdsUnder = (grants: Grant[]) => (personId: string, role: 'deputy' | 'secretary') => holdsRole(grants, personId, 's', role, now);

describe('a publishing delegation', () => {
  it('holds while both keep their roles', () => {
    expect(delegationInForce(loan, holdsUnder([grant('deputy', 'deputy'), grant('secretary', 'secretary')]), now)).toBe(true);
  });

  it('ends when the deputy’s grant ran out on its date, with no one revoking anything', () => {
    expect(delegationInForce(loan, holdsUnder([grant('deputy', 'deputy', new Date('2026-11-30')), grant('secretary', 'secretary')]), now)).toBe(false);
  });

  it('ends when the secretary is no longer secretary', () => {
    expect(delegationInForce(loan, holdsUnder([grant('deputy', 'deputy')]), now)).toBe(false);
  });

  it('is ended by revoking the deputy role of its giver or the secretary role of its holder, and by nothing else', () => {
    const others = [loan, { ...loan, id: 'd2', siteId: 'other' }, { ...loan, id: 'd3', revokedAt: new Date('2026-11-15') }];
    expect(endedByRoleLoss(others, { personId: 'deputy', siteId: 's', role: 'deputy' }, now).map((d) => d.id)).toEqual(['d1']);
    expect(endedByRoleLoss(others, { personId: 'secretary', siteId: 's', role: 'secretary' }, now).map((d) => d.id)).toEqual(['d1']);
    expect(endedByRoleLoss(others, { personId: 'deputy', siteId: 's', role: 'editor' }, now)).toEqual([]);
    expect(endedByRoleLoss(others, { personId: 'secretary', siteId: 's', role: 'deputy' }, now)).toEqual([]);
  });
});
