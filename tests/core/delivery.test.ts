import { describe, expect, it } from 'vitest';
import { facebookProfile } from '../../adapters/facebook/profile.js';
import { youtubeProfile, youtubeQuota } from '../../adapters/youtube/profile.js';
import { zaloOaProfile } from '../../adapters/zalo-oa/profile.js';
import { backoffMs, BACKOFF, mirrorAction, partsFor, settle, takes, type PartsRule } from '../../src/core/delivery.js';
import { checkQuota, quotaDay, untilNextQuotaDay } from '../../src/core/quota.js';
import { channelCredentialsPlace, seal, sealingKey, unseal } from '../../src/core/sealing.js';

const NOW = new Date('2026-11-30T02:00:00Z');

describe('outbox rules', () => {
  it('backs off exponentially with jitter, capped', () => {
    expect([1, 2, 3].map((a) => backoffMs(a, 1))).toEqual([BACKOFF.firstMs, BACKOFF.firstMs * 2, BACKOFF.firstMs * 4]);
    expect(backoffMs(3, 0)).toBe(BACKOFF.firstMs * 2);
    expect(backoffMs(30, 1)).toBe(BACKOFF.maxMs);
  });

  it('settles each result as the operators expect', () => {
    expect(settle({ kind: 'delivered', externalId: 'x', url: 'u' }, 1, NOW, 0.5)).toMatchObject({ state: 'delivered', externalId: 'x', channel: { lastSuccessAt: NOW } });
    expect(settle({ kind: 'retryLater', reason: 'r', afterMs: 3_600_000 }, 1, NOW, 0.5).nextAttemptAt).toEqual(new Date(NOW.getTime() + 3_600_000));
    expect(settle({ kind: 'outcomeUnknown', reason: 'r' }, 2, NOW, 0.5)).toMatchObject({ state: 'pending', keepCallStarted: true });
    // Needs re-auth: paused with the channel, not failed.
    expect(settle({ kind: 'needsReauth', reason: 'r' }, 1, NOW, 0.5)).toMatchObject({ state: 'pending', channel: { state: 'needsReauth' } });
    expect(settle({ kind: 'rejected', reason: 'bad' }, 1, NOW, 0.5)).toMatchObject({ state: 'rejected', lastError: 'bad' });
  });

  it('sends video to YouTube only, and to Facebook as a post plus a Page video', () => {
    const policy = (p: { parts: (o: { broadcast: boolean }) => PartsRule }, broadcast = false) => ({ kinds: [], categories: [], parts: p.parts({ broadcast }) });
    expect(partsFor(policy(youtubeProfile), { hasVideo: false })).toEqual([]);
    expect(partsFor(policy(youtubeProfile), { hasVideo: true })).toEqual(['video']);
    expect(partsFor(policy(facebookProfile), { hasVideo: true })).toEqual(['post', 'video']);
    expect(partsFor(policy(zaloOaProfile), { hasVideo: true })).toEqual(['article']);
    expect(partsFor(policy(zaloOaProfile, true), { hasVideo: false })).toEqual(['article', 'broadcast']);
    const none = { plain: [], withVideo: [] };
    expect(takes({ kinds: ['video'], categories: [], parts: none }, { kind: 'article', category: null, siteId: 'p' })).toBe(false);
    expect(takes({ kinds: [], categories: ['kinh-te'], parts: none }, { kind: 'article', category: 'kinh-te', siteId: 'p' })).toBe(true);
    // A department's own Page takes its site's items only; a policy written before sites existed takes every site's.
    expect(takes({ kinds: [], categories: [], sites: ['so-y-te-id'], parts: none }, { kind: 'article', category: null, siteId: 'so-y-te-id' })).toBe(true);
    expect(takes({ kinds: [], categories: [], sites: ['so-y-te-id'], parts: none }, { kind: 'article', category: null, siteId: 'huyen-a-id' })).toBe(false);
    expect(takes({ kinds: [], categories: [], parts: none }, { kind: 'article', category: null, siteId: 'huyen-a-id' })).toBe(true);
    expect(mirrorAction({ action: 'takeDown', publishes: false })).toBe('remove');
    expect(mirrorAction({ action: 'approve', publishes: false })).toBeNull();
  });

  it('counts YouTube quota by the Pacific day, across the clock change', () => {
    expect(quotaDay(new Date('2026-11-30T07:59:00Z'), 'America/Los_Angeles')).toBe('2026-11-29');
    expect(quotaDay(new Date('2026-11-30T08:00:00Z'), 'America/Los_Angeles')).toBe('2026-11-30');
    expect(untilNextQuotaDay(new Date('2026-11-30T07:00:00Z'), 'America/Los_Angeles')).toBe(3_600_000 + 60_000);
    const rule = youtubeQuota(10_000, 1600);
    expect(checkQuota(rule, 8000, rule.costs.publish, NOW)).toEqual({ kind: 'ok', cost: 1700 });
    expect(checkQuota(rule, 8400, rule.costs.publish, NOW).kind).toBe('exhausted');
  });

  it('seals credentials so that only the same secret opens them, and any change is refused', () => {
    const key = sealingKey('a'.repeat(40));
    const place = channelCredentialsPlace('facebook');
    const sealed = seal(key, 'EAAB-token', place);
    expect(sealed).not.toContain('EAAB');
    expect(unseal(key, sealed, place)).toBe('EAAB-token');
    expect(unseal(sealingKey('b'.repeat(40)), sealed, place)).toBeNull();
    const parts = sealed.split('.');
    // One bit of the ciphertext turned (writing fixed characters over its end matched the random bytes 1 time in 256).
    const turned = Buffer.from(parts[3]!, 'base64url');
    turned[turned.length - 1]! ^= 1;
    expect(unseal(key, [...parts.slice(0, 3), turned.toString('base64url')].join('.'), place)).toBeNull();
    expect(seal(key, 'x', place)).not.toBe(seal(key, 'x', place));
  });
});
