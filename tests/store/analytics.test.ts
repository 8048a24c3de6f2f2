import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { PageViewCounter, READERS_PER_NETWORK } from '../../src/app/analytics/pageViewCounter.js';
import { usageOf } from '../../src/app/analytics/usage.js';
import { localDay } from '../../src/core/dates.js';
import { BACKENDS } from '../helpers/databases.js';
import { deskPerSuite } from '../helpers/desk.js';

const HOUR = 3_600_000;
const ua = (n: number) => `Mozilla/5.0 (X11; Linux x86_64) Reader-${n} Firefox/133.0`;

describe.each(BACKENDS)('page views and readers kept on $name', ({ fresh, skip }) => {
  const suiteDesk = deskPerSuite({ fresh, skip });


  it.skipIf(skip)('two processes flushing into one day count every view once and every reader once; rolled up to days, the figures stay', async () => {
    const desk = suiteDesk();
    const key = createHash('sha256').update('visitors').digest();
    const [a, b] = [new PageViewCounter(desk.time.clock, key, desk.deps.timeZone), new PageViewCounter(desk.time.clock, key, desk.deps.timeZone)];
    // Readers 0-59 through process a, 40-99 through process b: 100 readers, 20 of them seen by both (and one more, reloading).
    for (let n = 0; n < 100; n += 1) {
      const counter = n < 60 ? a : b;
      counter.seen({ siteKey: 'tinh', url: '/vi/', address: `203.0.113.${n}`, userAgent: ua(n) });
      if (n >= 40 && n < 60) b.seen({ siteKey: 'tinh', url: '/en/', address: `203.0.113.${n}`, userAgent: ua(n) });
    }
    a.seen({ siteKey: 'tinh', url: '/vi/tin/BP-2026-00001', address: '203.0.113.1', userAgent: ua(1) });
    // A search engine, and a feed: no reader's page view.
    a.seen({ siteKey: 'tinh', url: '/vi/', address: '203.0.113.1', userAgent: 'Mozilla/5.0 (compatible; bingbot/2.0; +http://www.bing.com/bingbot.htm)' });
    a.seen({ siteKey: 'tinh', url: '/vi/feed.rss', address: '203.0.113.1', userAgent: ua(1) });
    // One address changing its browser name at each request: 50 browsers now, 50 + 50 more below; READERS_PER_NETWORK (100) in the hour, no more.
    for (let i = 0; i < 50; i += 1) a.seen({ siteKey: 'tinh', url: '/vi/', address: '192.0.2.7', userAgent: ua(1000 + i) });
    // Made-up parameters the page does not read are the same page; no user agent is no reader.
    for (let i = 0; i < 30_000; i += 1) a.seen({ siteKey: 'tinh', url: `/vi/?x=${i}`, address: '192.0.2.9', userAgent: ua(9) });
    a.seen({ siteKey: 'tinh', url: '/vi/', address: '192.0.2.10', userAgent: '' });
    // One reader reloading forty times: thirty in the minute.
    for (let i = 0; i < 40; i += 1) b.seen({ siteKey: 'tinh', url: '/vi/', address: '203.0.113.250', userAgent: ua(250) });
    expect(await a.flush(desk.store)).toBe(61 + 50 + 30);
    expect(await b.flush(desk.store)).toBe(60 + 30);
    // Nothing left to write: a second flush adds nothing.
    expect(await a.flush(desk.store)).toBe(0);
    // The same address, later in the hour: new browsers up to READERS_PER_NETWORK, then none.
    for (const round of [1, 2]) {
      for (let i = 0; i < 50; i += 1) a.seen({ siteKey: 'tinh', url: '/vi/', address: '192.0.2.7', userAgent: ua(1000 + round * 50 + i) });
      expect(await a.flush(desk.store)).toBe(round === 1 ? READERS_PER_NETWORK - 50 : 0);
    }
    const today = localDay(desk.time.clock(), desk.deps.timeZone);
    const usage = await usageOf(desk.deps, today, today, null);
    expect(usage.views).toBe(181 + READERS_PER_NETWORK);
    // An estimate (about 1.6 % error), not a count of who came.
    expect(Math.abs((usage.visitors ?? 0) - (102 + READERS_PER_NETWORK))).toBeLessThanOrEqual(7);
    expect(usage.topArticles).toEqual([{ code: 'BP-2026-00001', views: 1 }]);
    // Three days on, the hours are rolled into the day; the figures of that day are what they were.
    desk.time.advance(72 * HOUR);
    const moved = await desk.store.rollUpPageViewHours(new Date(desk.time.clock().getTime() - 48 * HOUR).toISOString().slice(0, 13), (hour) => localDay(new Date(`${hour}:00:00Z`), desk.deps.timeZone));
    expect(moved).toBe(2);
    const later = await usageOf(desk.deps, today, today, null);
    expect(later.views).toBe(181 + READERS_PER_NETWORK);
    expect(later.visitors).toBe(usage.visitors);
  });
});
