import { createHash } from 'node:crypto';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { act } from '../../src/app/items.js';
import { moderateInteraction, receiveInteraction } from '../../src/app/interactions/moderation.js';
import { publicWeb } from '../../src/http/web.js';
import { BACKENDS, type TestDatabase } from '../helpers/databases.js';
import { portalFixture, publishThrough, storeMedia, type PortalFixture } from '../helpers/portal.js';
import { pdfBytes } from '../helpers/mediaBytes.js';

type Json = Record<string, unknown>;
type OpenApi = { paths: Record<string, Record<string, { responses: Record<string, { content?: { 'application/json': { schema: { $ref: string } } } }> }>>; components: Json };

describe.each(BACKENDS)('web service, feeds and media on $name', ({ fresh, skip }) => {
  let db: TestDatabase;
  let p: PortalFixture;
  let photo: string;
  let codes: string[] = [];
  let validate: (path: string, status: number, body: unknown) => void;

  beforeAll(async () => {
    if (skip) return;
    db = await fresh();
    p = await portalFixture(db.url);
    const jpeg = await sharp({ create: { width: 1600, height: 900, channels: 3, background: '#2a6' } }).jpeg().toBuffer();
    photo = await storeMedia(p.mediaDir, jpeg);
    const plan = [
      ['Hội nghị xúc tiến đầu tư', 'kinh-te', 'vi'],
      ['Mùa mưa bão: chủ động phòng chống', 'thoi-su', 'vi'],
      ['Investment promotion conference', 'kinh-te', 'en'],
      ['Khai mạc hội chợ nông sản', 'kinh-te', 'vi'],
      ['Tuyển sinh đầu cấp', 'thoi-su', 'vi'],
    ] as const;
    for (const [title, category, language] of plan) {
      p.desk.time.advance(3_600_000);
      const item = await publishThrough(p.desk, { title, summary: 'Tóm tắt.', body: 'Nội dung.', language, mediaRefs: [photo] }, category);
      codes.push(item.code);
    }
    const doc = (await (await p.get('/api/openapi.json')).json()) as OpenApi;
    const ajv = new Ajv2020({ strict: false, allErrors: true });
    ajv.addSchema({ $id: 'https://portal-hub.test/openapi.json', components: doc.components });
    validate = (path, status, body) => {
      const ref = doc.paths[path]?.get?.responses[String(status)]?.content?.['application/json'].schema.$ref;
      if (!ref) throw new Error(`the document has no ${status} response for ${path}`);
      const check = ajv.getSchema(`https://portal-hub.test/openapi.json${ref}`);
      if (!check) throw new Error(`no schema ${ref}`);
      expect(check(body), JSON.stringify(check.errors)).toBe(true);
    };
  });
  afterAll(async () => {
    if (skip) return;
    await p.close();
    await db.drop();
  });

  const getJson = async (path: string) => {
    const r = await p.get(path);
    return { status: r.status, headers: r.headers, body: (await r.json()) as Json };
  };

  it.skipIf(skip)('lists, pages and filters items; every response matches the OpenAPI document', async () => {
    const all = await getJson('/api/v1/items');
    expect(all.status).toBe(200);
    validate('/api/v1/items', 200, all.body);
    expect((all.body.items as Json[]).map((i) => i.code)).toEqual([...codes].reverse());

    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page = await getJson(`/api/v1/items?limit=2${cursor ? `&cursor=${cursor}` : ''}`);
      validate('/api/v1/items', 200, page.body);
      seen.push(...(page.body.items as Json[]).map((i) => String(i.code)));
      cursor = page.body.nextCursor as string | null;
    } while (cursor);
    expect(seen).toEqual([...codes].reverse());

    const english = await getJson('/api/v1/items?lang=en');
    expect((english.body.items as Json[]).map((i) => i.title)).toEqual(['Investment promotion conference']);
    const economy = await getJson('/api/v1/items?category=kinh-te&lang=vi&site=tinh');
    expect((economy.body.items as Json[]).map((i) => i.title)).toEqual(['Khai mạc hội chợ nông sản', 'Hội nghị xúc tiến đầu tư']);
    const first = (all.body.items as Json[]).at(-1)!;
    const window = await getJson(`/api/v1/items?from=${encodeURIComponent(String(first.publishedAt))}&to=${encodeURIComponent(new Date(Date.parse(String(first.publishedAt)) + 3_600_001).toISOString())}`);
    expect((window.body.items as Json[]).map((i) => i.code)).toEqual([codes[1], codes[0]]);
  });

  it.skipIf(skip)('gets one item with its media and phone sizes, 404 for none, 410 once taken down', async () => {
    const one = await getJson(`/api/v1/items/${codes[0]}`);
    validate('/api/v1/items/{code}', 200, one.body);
    expect(one.body).toMatchObject({ code: codes[0], site: 'tinh', category: 'kinh-te', lang: 'vi', url: `https://portal.example.test/vi/tin/${codes[0]}` });
    expect(one.body.media).toEqual([
      {
        url: `https://portal.example.test/media/${photo}`,
        kind: 'image',
        type: 'image/jpeg',
        sizes: [320, 640, 960].map((width) => ({ width, url: `https://portal.example.test/media/${photo}?w=${width}` })),
      },
    ]);
    const none = await getJson('/api/v1/items/BP-2026-99999');
    expect(none.status).toBe(404);
    validate('/api/v1/items/{code}', 404, none.body);
  });

  it.skipIf(skip)('lists published interactions with their answers and gives an item its rating, as the OpenAPI document says', async () => {
    const code = codes[1]!;
    const base = { source: 'portal' as const, verb: 'add' as const, itemCode: code, authorRef: null, occurredAt: p.desk.deps.clock() };
    const asked = await receiveInteraction(p.desk.deps, { ...base, kind: 'comment', externalId: 'api-1', authorName: 'Bình', text: 'Khi nào có lịch?', rating: { content: 4 } });
    await receiveInteraction(p.desk.deps, { ...base, kind: 'comment', externalId: 'api-2', authorName: 'Chờ', text: 'Chưa duyệt', rating: { content: 1 } });
    await receiveInteraction(p.desk.deps, { ...base, kind: 'rating', externalId: 'api-3', authorName: null, text: '', rating: { content: 2, support: 5 } });
    expect((await moderateInteraction(p.desk.deps, p.desk.id.editor1, asked.record.id, { type: 'answer', text: 'Tuần sau.' })).ok).toBe(true);

    const list = await getJson('/api/v1/interactions');
    validate('/api/v1/interactions', 200, list.body);
    expect(list.body).toEqual({
      interactions: [
        { id: asked.record.id, source: 'portal', kind: 'comment', item: { code, url: `https://portal.example.test/vi/tin/${code}` }, author: 'Bình', text: 'Khi nào có lịch?', answer: 'Tuần sau.', occurredAt: base.occurredAt.toISOString(), answeredAt: expect.any(String) },
      ],
      nextCursor: null,
    });
    expect((await getJson(`/api/v1/interactions?item=${code}&source=portal`)).body.interactions).toHaveLength(1);
    expect((await getJson('/api/v1/interactions?source=facebook')).body.interactions).toEqual([]);
    const item = await getJson(`/api/v1/items/${code}`);
    validate('/api/v1/items/{code}', 200, item.body);
    // The comment waiting for a moderator does not count; the bare rating does, and ratings are never listed.
    expect(item.body.rating).toEqual({ count: 2, mean: 3.75, aspects: { content: { count: 2, mean: 3 }, support: { count: 1, mean: 5 } } });
    for (const [query, problem] of [
      ['?limit=0&source=tiktok', 'bad_query'],
      ['?cursor=abc', 'bad_cursor'],
      ['?item=BP-2026-99999', 'unknown_item'],
    ] as const) {
      const bad = await getJson(`/api/v1/interactions${query}`);
      expect(bad.status, query).toBe(400);
      expect(bad.body.error, query).toBe(problem);
      validate('/api/v1/interactions', 400, bad.body);
    }
  });

  it.skipIf(skip)('refuses bad parameters with every problem named, and allows any origin', async () => {
    const bad = await getJson('/api/v1/items?limit=500&lang=fr&from=yesterday');
    expect(bad.status).toBe(400);
    validate('/api/v1/items', 400, bad.body);
    expect((bad.body.problems as string[]).map((x) => x.split(':')[0]).sort()).toEqual(['from', 'lang', 'limit']);
    expect((await getJson('/api/v1/items?cursor=not-a-cursor')).body.error).toBe('bad_cursor');
    expect((await getJson('/api/v1/items?site=nowhere')).body.error).toBe('unknown_site');
    expect((await p.get('/api/v1/items', { Origin: 'https://data.gov.vn' })).headers.get('access-control-allow-origin')).toBe('*');
  });

  it.skipIf(skip)('answers 304 to a client holding the current ETag', async () => {
    const first = await p.get('/api/v1/items?lang=vi');
    const etag = first.headers.get('etag')!;
    expect((await p.get('/api/v1/items?lang=vi', { 'If-None-Match': etag })).status).toBe(304);
  });

  it.skipIf(skip)('lists categories and sites by the document', async () => {
    const categories = await getJson('/api/v1/categories');
    validate('/api/v1/categories', 200, categories.body);
    expect(categories.body.categories).toContainEqual({ key: 'kinh-te', name: { vi: 'Kinh tế', en: 'Economy' }, url: { vi: 'https://portal.example.test/vi/chuyen-muc/kinh-te', en: 'https://portal.example.test/en/category/kinh-te' } });
    const sites = await getJson('/api/v1/sites');
    validate('/api/v1/sites', 200, sites.body);
    expect((sites.body.sites as Json[])[0]).toMatchObject({ key: 'tinh', kind: 'province', parent: null });
  });

  it.skipIf(skip)('the OpenAPI document has a readable page', async () => {
    const docs = await p.page('/api/docs');
    expect(docs.status).toBe(200);
    expect(docs.text).toContain('<code>GET /api/v1/items</code>');
    expect(docs.text).toContain('<code>cursor</code>');
  });

  const parser = new XMLParser({ ignoreAttributes: false });
  const xml = (text: string) => {
    expect(XMLValidator.validate(text)).toBe(true);
    return parser.parse(text) as Json;
  };
  const list = <T>(x: T | T[]) => (Array.isArray(x) ? x : [x]);

  it.skipIf(skip)('RSS 2.0 feeds per language, category and site are well-formed with their required elements', async () => {
    for (const path of ['/vi/feed.rss', '/vi/chuyen-muc/kinh-te/feed.rss', '/en/feed.rss']) {
      const r = await p.get(path);
      expect(r.headers.get('content-type')).toBe('application/rss+xml; charset=utf-8');
      const rss = xml(await r.text()).rss as Json;
      expect(rss['@_version']).toBe('2.0');
      const channel = rss.channel as Json;
      for (const field of ['title', 'link', 'description']) expect(channel[field], `${path} channel ${field}`).toBeTruthy();
      for (const item of list(channel.item as Json[])) for (const field of ['title', 'link', 'guid', 'pubDate']) expect(item[field], `${path} item ${field}`).toBeTruthy();
    }
    const economy = xml(await (await p.get('/vi/chuyen-muc/kinh-te/feed.rss')).text()) as { rss: { channel: { item: Json[] } } };
    expect(economy.rss.channel.item.map((i) => i.title)).toEqual(['Khai mạc hội chợ nông sản', 'Hội nghị xúc tiến đầu tư']);
  });

  it.skipIf(skip)('Atom and JSON Feed are well-formed with their required elements', async () => {
    const atom = xml(await (await p.get('/vi/feed.atom')).text()).feed as Json;
    for (const field of ['id', 'title', 'updated']) expect(atom[field]).toBeTruthy();
    for (const entry of list(atom.entry as Json[])) for (const field of ['id', 'title', 'updated', 'link']) expect(entry[field]).toBeTruthy();
    const r = await p.get('/en/chuyen-muc/kinh-te/feed.json');
    expect(r.status).toBe(404);
    const feed = (await (await p.get('/en/category/kinh-te/feed.json')).json()) as Json;
    expect(String(feed.version)).toMatch(/^https:\/\/jsonfeed\.org\/version\/1/);
    expect(feed.title).toBe('Economy – Binh Phuoc Provincial Portal');
    expect((feed.items as Json[]).map((i) => [i.id, i.url])).toEqual([[`https://portal.example.test/en/news/${codes[2]}`, `https://portal.example.test/en/news/${codes[2]}`]]);
  });

  it.skipIf(skip)('sitemap.xml lists the pages and articles with their last change', async () => {
    // An index of children (tests/http/sitemap.test.ts goes further): every URL of every child.
    const index = xml(await (await p.get('/sitemap.xml')).text()) as { sitemapindex: { sitemap: { loc: string } | { loc: string }[] } };
    const locs: string[] = [];
    for (const child of list(index.sitemapindex.sitemap)) {
      const map = xml(await (await p.get(child.loc.replace('https://portal.example.test', ''))).text()) as { urlset: { url: { loc: string } | { loc: string }[] } };
      locs.push(...list(map.urlset.url).map((u) => u.loc));
    }
    expect(locs).toContain('https://portal.example.test/vi/');
    expect(locs).toContain(`https://portal.example.test/en/news/${codes[2]}`);
    expect(locs).toContain(`https://portal.example.test/vi/tin/${codes[0]}`);
  });

  it.skipIf(skip)('serves media with its type and five minutes of caching, smaller copies for phones, byte ranges, nothing unpublished', async () => {
    const full = await p.get(`/media/${photo}`);
    expect(full.status).toBe(200);
    expect(full.headers.get('content-type')).toBe('image/jpeg');
    expect(full.headers.get('cache-control')).toBe('public, max-age=300');
    const fullBytes = Buffer.from(await full.arrayBuffer());
    const small = await p.get(`/media/${photo}?w=320`);
    const smallBytes = Buffer.from(await small.arrayBuffer());
    expect((await sharp(smallBytes).metadata()).width).toBe(320);
    expect(smallBytes.length).toBeLessThan(fullBytes.length / 4);
    expect((await p.get(`/media/${photo}?w=333`)).status).toBe(400);
    const part = await p.get(`/media/${photo}`, { Range: 'bytes=0-99' });
    expect(part.status).toBe(206);
    expect(part.headers.get('content-range')).toBe(`bytes 0-99/${fullBytes.length}`);
    expect((await part.arrayBuffer()).byteLength).toBe(100);

    const secret = await storeMedia(p.mediaDir, pdfBytes('not yet published'));
    expect((await p.get(`/media/${secret}`)).status).toBe(404);
    expect((await p.get('/media/2026-11/..%2F..%2Fetc%2Fpasswd')).status).toBe(404);
  });

  it.skipIf(skip)('files the intake stored before the one format (yyyy/mm/…) are listed and served as they are', async () => {
    // The intake wrote this shape until 2026-12 (and put the file at that path); databases in use hold it.
    const jpeg = await sharp({ create: { width: 64, height: 36, channels: 3, background: '#468' } }).jpeg().toBuffer();
    const legacy = `2026/11/${createHash('sha256').update(jpeg).digest('hex')}.jpg`;
    mkdirSync(join(p.mediaDir, '2026', '11'), { recursive: true });
    writeFileSync(join(p.mediaDir, legacy), jpeg);
    const item = await publishThrough(p.desk, { title: 'Ảnh gửi từ trước', body: '.', mediaRefs: [legacy] }, 'thoi-su');
    const got = await getJson(`/api/v1/items/${item.code}`);
    expect((got.body.media as { url: string }[]).map((m) => m.url)).toEqual([`https://portal.example.test/media/${legacy}`]);
    const file = await p.get(`/media/${legacy}`);
    expect(file.status).toBe(200);
    expect(Buffer.from(await file.arrayBuffer()).equals(jpeg)).toBe(true);
    expect((await p.get(`/media/${legacy}?w=320`)).status).toBe(200);
  });

  it.skipIf(skip)('a published file missing from storage is a 404 for the reader and an alert naming the item, once', async () => {
    const told: [string, string[]][] = [];
    const web = publicWeb({ deps: p.desk.deps, baseUrl: 'https://portal.example.test', mediaDir: p.mediaDir, emc: null, onMissingMedia: (ref, codes) => told.push([ref, codes]) });
    const ref = await storeMedia(p.mediaDir, pdfBytes('sẽ bị xóa khỏi đĩa'));
    const item = await publishThrough(p.desk, { title: 'Tệp bị mất', body: '.', mediaRefs: [ref] }, 'thoi-su');
    rmSync(join(p.mediaDir, ref));
    expect((await web.app.request(`/media/${ref}`)).status).toBe(404);
    expect((await web.app.request(`/media/${ref}`)).status).toBe(404);
    expect(told).toEqual([[ref, [item.code]]]);
  });

  it.skipIf(skip)("a take-down stops serving the item's media", async () => {
    const jpeg = await sharp({ create: { width: 400, height: 300, channels: 3, background: '#a22' } }).jpeg().toBuffer();
    const own = await storeMedia(p.mediaDir, jpeg);
    const item = await publishThrough(p.desk, { title: 'Ảnh sẽ gỡ', body: '.', mediaRefs: [own] }, 'thoi-su');
    expect((await p.get(`/media/${own}`)).status).toBe(200);
    await act(p.desk.deps, p.desk.id.deputy, item.code, { type: 'takeDown', note: 'Ảnh sai' });
    await new Promise((r) => setTimeout(r, 300));
    expect((await p.get(`/media/${own}`)).status).toBe(404);
    const gone = await getJson(`/api/v1/items/${item.code}`);
    validate('/api/v1/items/{code}', 410, gone.body);
  });
});
