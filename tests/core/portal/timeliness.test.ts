import { describe, expect, it } from 'vitest';
import { keepsMissingDeadlines, staleSites } from '../../../src/core/portal/timeliness.js';

const DAY = 86_400_000;
const now = new Date('2026-12-07T02:00:00Z');
const sites = [{ id: 'tinh' }, { id: 'so-y-te' }, { id: 'huyen-a' }, { id: 'xa-b' }];

describe('which sites went stale', () => {
  it('lists a site past the threshold with its idle days, one that never published, and not one on the threshold', () => {
    const last = new Map([
      ['tinh', new Date(now.getTime() - 2 * DAY)],
      ['so-y-te', new Date(now.getTime() - 30 * DAY)],
      // Exactly at the threshold: not yet stale.
      ['huyen-a', new Date(now.getTime() - 10 * DAY)],
    ]);
    expect(staleSites(sites, last, now, 10)).toEqual([
      { site: { id: 'so-y-te' }, lastPublishedAt: new Date(now.getTime() - 30 * DAY), idleDays: 30 },
      { site: { id: 'xa-b' }, lastPublishedAt: null, idleDays: null },
    ]);
    expect(staleSites(sites, last, new Date(now.getTime() + 1), 10).map((s) => s.site.id)).toEqual(['so-y-te', 'huyen-a', 'xa-b']);
  });
});

describe('a site just made', () => {
  it('is not stale before its threshold has passed since it was made, and is after', () => {
    const made = [{ id: 'xa-moi', createdAt: new Date(now.getTime() - 3 * DAY) }];
    expect(staleSites(made, new Map(), now, 5)).toEqual([]);
    expect(staleSites(made, new Map(), new Date(now.getTime() + 3 * DAY), 5)).toEqual([{ site: made[0], lastPublishedAt: null, idleDays: null }]);
  });
});

describe('which sites keep missing deadlines', () => {
  it('two late documents and at least half of them: listed; one slip, or a few late among many on time: not', () => {
    expect(keepsMissingDeadlines(3, 2)).toBe(true);
    expect(keepsMissingDeadlines(2, 2)).toBe(true);
    expect(keepsMissingDeadlines(4, 2)).toBe(true);
    expect(keepsMissingDeadlines(1, 1)).toBe(false);
    expect(keepsMissingDeadlines(5, 2)).toBe(false);
    expect(keepsMissingDeadlines(0, 0)).toBe(false);
  });
});
