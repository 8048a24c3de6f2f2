import { describe, expect, it } from 'vitest';
import { AdCounter } from '../../../src/app/ads/counter.js';
import { NETWORK_READERS_PER_AD } from '../../../src/core/ads/rules.js';
import type { AdHourCounts } from '../../../src/app/ads/ports.js';

const clockAt = (iso: string) => {
  let now = new Date(iso).getTime();
  return { clock: () => new Date(now), advance: (ms: number) => void (now += ms) };
};
const sink = () => {
  const rows: AdHourCounts[] = [];
  return { rows, store: { addAdCounts: async (r: readonly AdHourCounts[]) => void rows.push(...r) } };
};
const total = (rows: readonly AdHourCounts[], field: 'impressions' | 'views' | 'clicks') => rows.reduce((a, r) => a + r[field], 0);

/** Issue 19.10: counted without third parties — no cookie, no address kept, once per reader and window. */
describe('counting ads', () => {
  it('1,000 page views from one address and browser count as one impression; another reader counts apart', async () => {
    const t = clockAt('2026-12-04T05:00:00Z');
    const counter = new AdCounter(t.clock);
    const reader = counter.readerOf('203.0.113.77', 'Mozilla/5.0 (Android 10)');
    let counted = 0;
    for (let i = 0; i < 1_000; i += 1) {
      if (counter.count(counter.readerOf('203.0.113.77', 'Mozilla/5.0 (Android 10)'), 'ad-1', 'impression')) counted += 1;
      t.advance(100);
    }
    expect(counted).toBe(1);
    expect(counter.count(counter.readerOf('198.51.100.9', 'Mozilla/5.0 (Android 10)'), 'ad-1', 'impression')).toBe(true);
    // The reader is a salted hash: the address is nowhere in it.
    // Neither as written nor with its dots dropped or changed (a short '203' matched the random hash now and then).
    expect(reader).not.toMatch(/203\D?0\D?113/);
    expect(reader).toMatch(/^[A-Za-z0-9_-]{16}\.[A-Za-z0-9_-]{22}$/);
    const { rows, store } = sink();
    await counter.flush(store);
    expect(total(rows, 'impressions')).toBe(2);
    expect(JSON.stringify(rows)).not.toContain('203.0.113.77');
  });

  it('1,000 page views from one address with a new browser name each time count as a handful of readers, not 1,000', () => {
    const t = clockAt('2026-12-04T05:00:00Z');
    const counter = new AdCounter(t.clock);
    let counted = 0;
    for (let i = 0; i < 1_000; i += 1) {
      if (counter.count(counter.readerOf('203.0.113.77', `Mozilla/5.0 (bot ${i})`), 'ad-1', 'impression')) counted += 1;
      t.advance(100);
    }
    expect(counted).toBe(NETWORK_READERS_PER_AD);
    // An IPv6 reader changing the low half of its address is still one network.
    let v6 = 0;
    for (let i = 0; i < 200; i += 1) if (counter.count(counter.readerOf(`2001:db8:1:2::${i.toString(16)}`, `UA ${i}`), 'ad-1', 'impression')) v6 += 1;
    expect(v6).toBe(NETWORK_READERS_PER_AD);
    // Other addresses, and other ads, are untouched; the hour after, the network counts again.
    expect(counter.count(counter.readerOf('198.51.100.9', 'UA'), 'ad-1', 'impression')).toBe(true);
    expect(counter.count(counter.readerOf('203.0.113.77', 'Mozilla/5.0 (bot 999)'), 'ad-2', 'impression')).toBe(true);
    t.advance(3_600_000);
    expect(counter.count(counter.readerOf('203.0.113.77', 'Mozilla/5.0 (bot 1000)'), 'ad-1', 'impression')).toBe(true);
  });

  it('a view counts only after that reader was shown the ad, once per hour; a click once a day', () => {
    const t = clockAt('2026-12-04T05:00:00Z');
    const counter = new AdCounter(t.clock);
    const r = counter.readerOf('203.0.113.5', 'UA');
    expect(counter.count(r, 'ad-1', 'view')).toBe(false);
    expect(counter.count(r, 'ad-1', 'impression')).toBe(true);
    expect(counter.count(r, 'ad-1', 'view')).toBe(true);
    expect(counter.count(r, 'ad-1', 'view')).toBe(false);
    expect(counter.count(r, 'ad-1', 'click')).toBe(true);
    t.advance(3_600_000);
    expect(counter.count(r, 'ad-1', 'impression')).toBe(true);
    expect(counter.count(r, 'ad-1', 'click')).toBe(false);
    t.advance(86_400_000);
    // A new day draws a new salt: yesterday's reader cannot be followed into today.
    const tomorrow = counter.readerOf('203.0.113.5', 'UA');
    expect(tomorrow).not.toBe(r);
    expect(counter.count(tomorrow, 'ad-1', 'click')).toBe(true);
  });

  it('a reader past their share of the minute counts nothing more', () => {
    const t = clockAt('2026-12-04T05:00:00Z');
    const counter = new AdCounter(t.clock);
    const r = counter.readerOf('203.0.113.6', 'UA');
    let counted = 0;
    for (let ad = 0; ad < 500; ad += 1) if (counter.count(r, `ad-${ad}`, 'impression')) counted += 1;
    expect(counted).toBe(120);
    t.advance(60_001);
    expect(counter.count(r, 'ad-999', 'impression')).toBe(true);
  });

  it('counts the database refused are kept for the next flush, not lost or doubled', async () => {
    const t = clockAt('2026-12-04T05:00:00Z');
    const counter = new AdCounter(t.clock);
    counter.count(counter.readerOf('203.0.113.7', 'UA'), 'ad-1', 'impression');
    await expect(counter.flush({ addAdCounts: async () => Promise.reject(new Error('database down')) })).rejects.toThrow('database down');
    counter.count(counter.readerOf('203.0.113.8', 'UA'), 'ad-1', 'impression');
    const { rows, store } = sink();
    expect(await counter.flush(store)).toBe(1);
    expect(rows).toEqual([{ adId: 'ad-1', hour: '2026-12-04T05', impressions: 2, views: 0, clicks: 0 }]);
    expect(await counter.flush(store)).toBe(0);
  });
});
