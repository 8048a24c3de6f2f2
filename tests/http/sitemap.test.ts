import { portalChangesAfter } from '../../src/app/portalChanges.js';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { articlePath } from '../../src/core/portal/paths.js';
import { PageCache } from '../../src/http/portal/cache.js';
import { sitemapRoutes } from '../../src/http/portal/sitemap.js';
import { openClient, type Db } from '../../src/store/client.js';
import { archiveSites, fillArchive, type ArchiveRow } from '../helpers/archive.js';
import { BACKENDS, type TestDatabase } from '../helpers/databases.js';
import { BASE, portalFixture, publishThrough, within, type PortalFixture } from '../helpers/portal.js';
import { act, correct } from '../../src/app/items.js';

const parser = new XMLParser();
const list = <T>(x: T | T[] | undefined): T[] => (x === undefined ? [] : Array.isArray(x) ? x : [x]);

interface Url {
  loc: string;
  lastmod?: string;
}

/** Every child of the index, read as a search engine reads them: each a valid file, each month's of at most `max` URLs. */
async function crawl(get: (path: string) => Promise<Response>, max: number, base = BASE): Promise<{ children: string[]; urls: Url[] }> {
  const index = await get('/sitemap.xml');
  expect(index.status).toBe(200);
  expect(index.headers.get('content-type')).toContain('application/xml');
  const text = await index.text();
  expect(XMLValidator.validate(text)).toBe(true);
  const parsed = parser.parse(text) as { sitemapindex: { sitemap: { loc: string } | { loc: string }[] } };
  const children = list(parsed.sitemapindex.sitemap).map((s) => s.loc);
  const urls: Url[] = [];
  for (const loc of children) {
    expect(loc.startsWith(`${base}/sitemap/`)).toBe(true);
    const r = await get(loc.slice(base.length));
    expect(r.status, loc).toBe(200);
    const body = await r.text();
    expect(XMLValidator.validate(body), loc).toBe(true);
    const got = list((parser.parse(body) as { urlset: { url: Url | Url[] } }).urlset.url);
    expect(got.length).toBeGreaterThan(0);
    // The fixed pages (home, sections, sites) are one file whatever `max`: a few hundred at most.
    expect(got.length).toBeLessThanOrEqual(loc.endsWith('/trang.xml') ? 50_000 : max);
    urls.push(...got);
  }
  return { children, urls };
}

describe.each(BACKENDS)('the sitemap index on $name', ({ fresh, skip }) => {
  let db: TestDatabase;
  let p: PortalFixture;
  let client: Db;
  let rows: ArchiveRow[];

  beforeAll(async () => {
    if (skip) return;
    db = await fresh();
    p = await portalFixture(db.url);
    client = openClient(db.url);
    rows = await fillArchive(p.desk.store, client, await archiveSites(p.desk), 600, Date.UTC(2025, 0, 1));
  }, 300_000);

  afterAll(async () => {
    if (skip) return;
    await client.$disconnect();
    await p.close();
    await db.drop();
  });

  const liveArticles = () => rows.filter((r) => !r.takenDownAt);

  it.skipIf(skip)('lists the fixed pages and one child per month; together they hold every live article once with its last change', async () => {
    const { children, urls } = await crawl(async (path) => p.get(path), 50_000);
    const months = [...new Set(liveArticles().map((r) => r.publishedAt.toISOString().slice(0, 7)))].sort().reverse();
    expect(children).toEqual([`${BASE}/sitemap/trang.xml`, ...months.map((m) => `${BASE}/sitemap/${m}.xml`)]);
    expect(urls.map((u) => u.loc)).toContain(`${BASE}/vi/`);
    expect(urls.map((u) => u.loc)).toContain(`${BASE}/en/`);
    const articles = urls.filter((u) => u.lastmod !== undefined);
    const want = liveArticles().map((r) => ({ loc: `${BASE}${articlePath(r.lang, r.code)}`, lastmod: r.updatedAt.toISOString() }));
    const byLoc = (a: Url, b: Url) => (a.loc < b.loc ? -1 : 1);
    expect(articles.sort(byLoc)).toEqual(want.sort(byLoc));
    // Taken down: in no child.
    for (const gone of rows.filter((r) => r.takenDownAt)) expect(urls.some((u) => u.loc.endsWith(`/${gone.code}`))).toBe(false);
  });

  it.skipIf(skip)('a month with more articles than a file takes is split, every file within the limit; robots.txt names the index', async () => {
    const cache = new PageCache({ changes: (afterSeq) => portalChangesAfter(p.desk.store, afterSeq), checkEveryMs: 0, maxBytes: 1 << 24, monotonicMs: () => performance.now(), wallMs: () => Date.now() });
    const app = sitemapRoutes({ deps: p.desk.deps, baseUrl: BASE, cache, perFile: 4 });
    const { children, urls } = await crawl(async (path) => app.request(path), 4);
    expect(children.some((c) => /\/\d{4}-\d{2}-2\.xml$/.test(c))).toBe(true);
    expect(urls.filter((u) => u.lastmod !== undefined).length).toBe(liveArticles().length);
    expect(new Set(urls.map((u) => u.loc)).size).toBe(urls.length);
    expect(await (await p.get('/robots.txt')).text()).toContain(`Sitemap: ${BASE}/sitemap.xml`);
    expect((await p.get('/sitemap/1999-01.xml')).status).toBe(404);
    expect((await p.get('/sitemap/khac.xml')).status).toBe(404);
  });

  it.skipIf(skip)('a component site on its own host lists its own home, sections and articles alone, at its own address', async () => {
    const site = (await p.desk.store.sites()).find((x) => x.id === rows.find((r) => r.siteId !== p.desk.site.id)?.siteId);
    if (!site) throw new Error('the archive has no component site');
    const own = 'https://xa.dongnai.example';
    const cache = new PageCache({ changes: (afterSeq) => portalChangesAfter(p.desk.store, afterSeq), checkEveryMs: 0, maxBytes: 1 << 24, monotonicMs: () => performance.now(), wallMs: () => Date.now() });
    const app = sitemapRoutes({ deps: p.desk.deps, baseUrl: own, cache, hosted: site, keyPrefix: `@${site.key}` });
    const { urls } = await crawl(async (path) => app.request(path), 50_000, own);
    const want = liveArticles().filter((r) => r.siteId === site.id).map((r) => `${own}${articlePath(r.lang, r.code)}`).sort();
    expect(want.length).toBeGreaterThan(0);
    expect(urls.filter((u) => u.lastmod !== undefined).map((u) => u.loc).sort()).toEqual(want);
    expect(urls.map((u) => u.loc)).toContain(`${own}/vi/`);
    // No other site's page, and not the province's exchanges: those live at the province's address.
    expect(urls.some((u) => u.loc.includes('/don-vi/') || u.loc.includes('/tuong-tac'))).toBe(false);
  });

  it.skipIf(skip)('a correction moves its article’s last change and a take-down leaves its month’s child, as the desk makes them', async () => {
    const item = await publishThrough(p.desk, { title: 'Khánh thành cầu Tân Lập', body: 'Cầu dài 60 m.' }, 'kinh-te');
    const published = await p.desk.store.publicationByCode(item.code);
    if (!published) throw new Error('not published');
    const month = published.publishedAt.toISOString().slice(0, 7);
    const lastmodOf = async () => {
      const urls = list((parser.parse(await (await p.get(`/sitemap/${month}.xml`)).text()) as { urlset: { url: Url | Url[] } }).urlset.url);
      return urls.find((u) => u.loc.endsWith(`/${item.code}`))?.lastmod ?? null;
    };
    // The page cache reads what changed at most every 250 ms: each step is seen within a moment.
    await within(5000, async () => (await lastmodOf()) === published.publishedAt.toISOString());
    p.desk.time.advance(3_600_000);
    const corrected = await correct(p.desk.deps, p.desk.id.deputy, item.code, { title: 'Khánh thành cầu Tân Lập', body: 'Cầu dài 80 m.' }, 'Sai chiều dài');
    expect(corrected.ok).toBe(true);
    const updatedAt = (await p.desk.store.publicationByCode(item.code))?.updatedAt.toISOString();
    expect(updatedAt).not.toBe(published.publishedAt.toISOString());
    await within(5000, async () => (await lastmodOf()) === updatedAt);
    const down = await act(p.desk.deps, p.desk.id.deputy, item.code, { type: 'takeDown', note: 'Trùng tin' });
    expect(down.ok).toBe(true);
    await within(5000, async () => (await lastmodOf()) === null);
  });
});
