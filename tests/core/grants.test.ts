import { describe, expect, it } from 'vitest';
import { checkGrant, grantActive, type Grant } from '../../src/core/grants.js';

const NOW = new Date('2026-11-30T03:00:00Z');
const caps = { maxEditors: 5, maxTechAdmins: 3 };
const g = (personId: string, role: Grant['role'], over: Partial<Grant> = {}): Grant => ({
  personId, siteId: 's1', role, validFrom: new Date('2026-01-01'), validTo: null, revokedAt: null, ...over,
});

describe('team caps (Điều 8.2) are enforced when roles are granted', () => {
  const editors = ['a', 'b', 'c', 'd', 'e'].map((p) => g(p, 'editor'));

  it('a sixth editor is refused, naming the limit', () => {
    expect(checkGrant(editors, { personId: 'f', siteId: 's1', role: 'editor' }, caps, NOW)).toEqual({ ok: false, reason: 'team_cap_reached', limit: 5 });
  });

  it('a fourth technical admin is refused', () => {
    const tech = ['a', 'b', 'c'].map((p) => g(p, 'tech'));
    expect(checkGrant(tech, { personId: 'd', siteId: 's1', role: 'tech' }, caps, NOW)).toMatchObject({ ok: false, reason: 'team_cap_reached', limit: 3 });
  });

  it('revoked, expired and other-site grants do not count; the site may set its own cap', () => {
    const mixed = [...editors.slice(0, 4), g('x', 'editor', { revokedAt: new Date('2026-06-01') }), g('y', 'editor', { validTo: new Date('2026-10-01') }), g('z', 'editor', { siteId: 's2' })];
    expect(checkGrant(mixed, { personId: 'f', siteId: 's1', role: 'editor' }, caps, NOW)).toEqual({ ok: true });
    expect(checkGrant(mixed, { personId: 'f', siteId: 's1', role: 'editor' }, { maxEditors: 4, maxTechAdmins: 3 }, NOW)).toMatchObject({ ok: false, reason: 'team_cap_reached' });
  });

  it('roles without a cap are not limited, but nobody holds the same role twice', () => {
    const secretaries = ['a', 'b', 'c', 'd', 'e', 'f'].map((p) => g(p, 'secretary'));
    expect(checkGrant(secretaries, { personId: 'h', siteId: 's1', role: 'secretary' }, caps, NOW)).toEqual({ ok: true });
    expect(checkGrant(secretaries, { personId: 'a', siteId: 's1', role: 'secretary' }, caps, NOW)).toEqual({ ok: false, reason: 'already_granted' });
  });
});

describe('grant validity', () => {
  it.each([
    ['current', g('a', 'editor'), true],
    ['not yet valid', g('a', 'editor', { validFrom: new Date('2026-12-01') }), false],
    ['ended', g('a', 'editor', { validTo: NOW }), false],
    ['revoked', g('a', 'editor', { revokedAt: new Date('2026-11-29') }), false],
    ['revoked later', g('a', 'editor', { revokedAt: new Date('2026-12-29') }), true],
  ])('%s → %s', (_l, grant, active) => {
    expect(grantActive(grant, NOW)).toBe(active);
  });
});
