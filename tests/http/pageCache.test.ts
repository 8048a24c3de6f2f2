import { describe, expect, it } from 'vitest';
import { PageCache, rendered, tagged, type PageChanges, type Rendered } from '../../src/http/portal/cache.js';
import { PAGE_KEY_RULES } from '../../src/http/pageKeys.js';
import { TAG } from '../../src/core/portal/changes.js';

/** A cache over a trail this test moves by hand: each `write` is one audited write touching `drop`. */
function harness() {
  let now = 0;
  let seq = 10;
  const pending: PageChanges['drop'][] = [];
  const cache = new PageCache({
    changes: async (afterSeq) => {
      if (afterSeq === null) return { seq, drop: 'all' };
      const drops = pending.splice(0);
      if (drops.includes('all')) return { seq, drop: 'all' };
      return { seq, drop: drops.flatMap((d) => (d === 'all' ? [] : [...d])) };
    },
    checkEveryMs: 100,
    maxBytes: 1024 * 1024,
    monotonicMs: () => now,
    wallMs: () => 1_000_000,
    keyRules: PAGE_KEY_RULES,
  });
  return {
    cache,
    /** One audited write; seen once the freshness window has passed. */
    write(drop: PageChanges['drop']) {
      seq += 1;
      pending.push(drop);
      now += 100;
    },
    later() {
      now += 100;
    },
  };
}

const page = (text: string, tags?: string[]): Rendered => {
  const r = rendered(200, 'text/html; charset=utf-8', text, 'public, max-age=0');
  return tags ? tagged(r, tags) : r;
};

function counting(text: string, tags?: string[]) {
  let calls = 0;
  return {
    render: async () => {
      calls += 1;
      return page(`${text} #${calls}`, tags);
    },
    get calls() {
      return calls;
    },
  };
}

describe('page cache keys', () => {
  const key = (url: string) => harness().cache.address(url).key;

  it('leaves tracking parameters out of every key', () => {
    expect(key('/vi/?fbclid=IwAR3x&utm_source=facebook&utm_medium=social')).toBe('/vi/');
    expect(key('/vi/tin/BP-2026-00001?zarsrc=30&gclid=abc&_hsenc=p2&mc_cid=1')).toBe('/vi/tin/BP-2026-00001');
  });

  it('keeps only what a page reads, in a fixed order, first non-empty value', () => {
    expect(key('/vi/?trang=3&x=1')).toBe('/vi/');
    expect(key('/vi/chuyen-muc/kinh-te?x=1&trang=2&trang=5&fbclid=z')).toBe('/vi/chuyen-muc/kinh-te?trang=2');
    expect(key('/vi/tim-kiem?trang=2&utm_campaign=a&q=thu%E1%BA%BF')).toBe(key('/vi/tim-kiem?q=thu%E1%BA%BF&trang=2'));
    expect(key('/vi/tim-kiem?q=&trang=')).toBe('/vi/tim-kiem');
    expect(key('/api/v1/items?utm_source=x&limit=5&lang=vi&bogus=1')).toBe('/api/v1/items?lang=vi&limit=5');
    expect(key('/api/v1/items/BP-1?fbclid=1')).toBe('/api/v1/items/BP-1');
  });

  it('gives the renderer the canonical query only', () => {
    const at = harness().cache.address('/vi/tim-kiem?q=cau&fbclid=1');
    expect([...at.query.keys()]).toEqual(['q']);
  });
});

describe('page cache', () => {
  it('200 concurrent misses of one key make one render, shared by all', async () => {
    const { cache } = harness();
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    let calls = 0;
    const render = async () => {
      calls += 1;
      await gate;
      return page('home');
    };
    const all = Promise.all(Array.from({ length: 200 }, () => cache.lookup('/vi/', render)));
    await new Promise((r) => setTimeout(r, 10));
    release();
    const answers = await all;
    expect(calls).toBe(1);
    expect(new Set(answers.map((a) => a.page)).size).toBe(1);
    expect(answers.filter((a) => !a.hit)).toHaveLength(1);
    // And it is kept.
    expect((await cache.lookup('/vi/', render)).hit).toBe(true);
    expect(calls).toBe(1);
  });

  it('a failed render is shared by its waiters once, not kept, and the next request draws again', async () => {
    const { cache } = harness();
    let calls = 0;
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const failing = async (): Promise<Rendered> => {
      calls += 1;
      await gate;
      throw new Error('database went away');
    };
    const all = Promise.allSettled(Array.from({ length: 200 }, () => cache.get('/vi/', failing)));
    await new Promise((r) => setTimeout(r, 10));
    release();
    const results = await all;
    expect(calls).toBe(1);
    expect(results.every((r) => r.status === 'rejected' && r.reason instanceof Error && r.reason.message === 'database went away')).toBe(true);
    const ok = counting('home');
    expect((await cache.lookup('/vi/', ok.render)).hit).toBe(false);
    expect(ok.calls).toBe(1);
  });

  it('a write nobody outside sees drops nothing; a change drops the pages tagged with it and the untagged ones', async () => {
    const h = harness();
    const article = counting('article', [TAG.item('BP-1'), TAG.item('BP-2')]);
    const home = counting('home', [TAG.site('s1', 'vi'), TAG.item('BP-1')]);
    const search = counting('search', [TAG.search]);
    const untagged = counting('legacy');
    const sites = counting('sites', []);
    const all = async () => {
      await h.cache.get('/vi/tin/BP-1', article.render);
      await h.cache.get('/vi/', home.render);
      await h.cache.get('/vi/tim-kiem?q=a', search.render);
      await h.cache.get('/vi/cu', untagged.render);
      await h.cache.get('/api/v1/sites', sites.render);
    };
    await all();
    expect(h.cache.size).toBe(5);

    h.write([]);
    await all();
    expect([article.calls, home.calls, search.calls, untagged.calls, sites.calls]).toEqual([1, 1, 1, 1, 1]);

    h.write([TAG.search, TAG.site('s1', 'vi')]);
    await all();
    expect([article.calls, home.calls, search.calls, untagged.calls, sites.calls]).toEqual([1, 2, 2, 2, 1]);

    h.write([TAG.item('BP-2')]);
    await all();
    expect([article.calls, home.calls, search.calls, untagged.calls, sites.calls]).toEqual([2, 2, 2, 3, 1]);

    h.write('all');
    await all();
    expect([article.calls, home.calls, search.calls, untagged.calls, sites.calls]).toEqual([3, 3, 3, 4, 2]);
  });

  it('a page drawn while what it shows changed is sent but not kept; one drawn across an unrelated change is kept', async () => {
    const h = harness();
    await h.cache.get('/warm', counting('warm', []).render);
    let release!: () => void;
    const slow = (tags: string[]) => async () => {
      await new Promise<void>((r) => (release = r));
      return page('drawn', tags);
    };
    const touched = h.cache.get('/vi/', slow([TAG.site('s1', 'vi')]));
    h.write([TAG.site('s1', 'vi')]);
    await h.cache.get('/other', counting('other', []).render);
    release();
    await touched;
    expect(h.cache.peek('/vi/')).toBeNull();

    const untouched = h.cache.get('/vi/', slow([TAG.site('s1', 'vi')]));
    h.write([TAG.search]);
    await h.cache.get('/other2', counting('other', []).render);
    release();
    await untouched;
    h.later();
    await h.cache.get('/warm', counting('warm', []).render);
    expect(h.cache.peek('/vi/')).not.toBeNull();
  });

  it('public files are looked at again only after a change that may touch them', async () => {
    const h = harness();
    const first = await h.cache.generationNow();
    h.write([]);
    expect(await h.cache.generationNow()).toBe(first);
    h.write([TAG.item('BP-1')]);
    expect(await h.cache.generationNow()).toBe(first);
    h.write([TAG.item('BP-1'), TAG.media]);
    expect(await h.cache.generationNow()).toBe(first + 1);
    h.write('all');
    expect(await h.cache.generationNow()).toBe(first + 2);
  });

  it('the fast path finds a page under its canonical key, whatever tracking parameters the link carries', async () => {
    const h = harness();
    await h.cache.get(h.cache.address('/vi/').key, counting('home', []).render);
    expect(h.cache.peek('/vi/?fbclid=IwAR0abc&utm_source=zalo')).not.toBeNull();
    expect(h.cache.peek('/vi/?trang=9')).not.toBeNull();
    expect(h.cache.peek('/vi/tin/BP-1?fbclid=1')).toBeNull();
  });
});
