import { describe, expect, it } from 'vitest';
import { demoItem, demoQueries, demoTime } from '../../src/core/demo.js';
import { fold } from '../../src/core/search.js';

const sites = [
  { id: 'p', nameVi: 'Tỉnh Đồng Nai', nameEn: 'Dong Nai Province' },
  { id: 'a', nameVi: 'Sở Y tế', nameEn: 'Department of Health' },
  { id: 'b', nameVi: 'Huyện Long Thành', nameEn: 'Long Thanh District' },
];
const now = new Date('2026-12-01T00:00:00Z');
const from = new Date('2016-12-01T00:00:00Z');
const items = (seed: number, count: number) => Array.from({ length: count }, (_, i) => demoItem(seed, i, sites, demoTime(i, count, from, now, seed), now));

describe('the sample archive’s content', () => {
  it('is the same for the same seed and another for another seed', () => {
    expect(items(1, 50)).toEqual(items(1, 50));
    expect(items(2, 50).map((i) => i.title)).not.toEqual(items(1, 50).map((i) => i.title));
  });

  it('spreads over ten years, oldest first, mostly Vietnamese, over every site, with a few taken down', () => {
    const all = items(1, 2000);
    const times = all.map((i) => i.publishedAt.getTime());
    expect(times).toEqual([...times].sort((a, b) => a - b));
    expect(times[0]!).toBeLessThan(new Date('2017-01-01').getTime());
    expect(times.at(-1)!).toBeGreaterThan(new Date('2026-11-01').getTime());
    const english = all.filter((i) => i.lang === 'en').length;
    expect(english).toBeGreaterThan(50);
    expect(english).toBeLessThan(400);
    expect(new Set(all.map((i) => i.siteId))).toEqual(new Set(['p', 'a', 'b']));
    expect(all.filter((i) => i.takenDown).length).toBeGreaterThan(0);
    expect(new Set(all.map((i) => i.title)).size).toBeGreaterThan(1000);
    // Kinds the chat makes; a document comes only from `document add`, with the number and agency a demo has not.
    expect(new Set(all.map((i) => i.kind))).toEqual(new Set(['news', 'article', 'announcement']));
  });

  it('gives 100 distinct queries, some found in many items and some in few', () => {
    const queries = demoQueries(7, 100);
    expect(new Set(queries).size).toBe(100);
    const all = items(1, 1000).map((i) => fold(`${i.title} ${i.summary} ${i.body}`));
    const hits = queries.map((q) => {
      const words = fold(q).split(' ');
      return all.filter((text) => words.every((w) => text.includes(w))).length;
    });
    expect(hits.some((n) => n > 100)).toBe(true);
    expect(hits.some((n) => n > 0 && n < 10)).toBe(true);
  });
});
