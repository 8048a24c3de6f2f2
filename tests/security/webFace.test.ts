import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { act } from '../../src/app/items.js';
import { publicWeb } from '../../src/http/web.js';
import { runCli } from '../helpers/cli.js';
import { freshSqlite, type TestDatabase } from '../helpers/databases.js';
import { seedDesk, TEST_HUB_SECRET, type Desk } from '../helpers/desk.js';
import { portalFixture, publishThrough, seedCategories, storeMedia, within, type PortalFixture } from '../helpers/portal.js';
import { freePort, operatorHealth, startService, type Running } from '../helpers/service.js';

const SECRET = TEST_HUB_SECRET;
/** A cursor as the service hands them out, for an instant no database can hold. */
const cursorAt = (iso: string) => Buffer.from(JSON.stringify([iso, 'x'])).toString('base64url');

/** The real service over HTTP, probed as an attacker would: broken addresses, absurd dates, the health probe, media after a take-down. */
describe('the public web face of the running service', () => {
  let db: TestDatabase;
  let dataDir: string;
  let desk: Desk;
  let service: Running;
  let base: string;
  let port: number;

  beforeAll(async () => {
    db = await freshSqlite();
    dataDir = mkdtempSync(join(tmpdir(), 'portal-hub-webface-'));
    mkdirSync(join(dataDir, 'media'), { recursive: true });
    desk = await seedDesk(db.url);
    await seedCategories(desk);
    port = await freePort();
    base = `http://127.0.0.1:${port}`;
    service = startService(dataDir, port, { DATABASE_URL: db.url, DATA_DIR: dataDir, HUB_SECRET: SECRET, LOG_FORMAT: 'json' }, true);
    // A service that ended (its port taken meanwhile, say) is said with what it printed, not waited on for minutes.
    let ended: number | null | undefined;
    void service.exited.then((code) => (ended = code));
    await within(120_000, async () => {
      if (ended !== undefined) throw new Error(`the service ended (exit ${ended}) before answering:\n${service.output()}`);
      return (await fetch(`${base}/readyz`).catch(() => null))?.status === 200;
    });
  }, 150_000);
  afterAll(async () => {
    service.child.kill('SIGTERM');
    await service.exited;
    await desk.store.close();
    rmSync(dataDir, { recursive: true, force: true });
    await db.drop();
  });

  it('malformed percent-encoding is a 404 page, not a 500, and leaves no stack trace in the log', async () => {
    for (const path of ['/vi/tin/%zz', '/en/news/%E0%A4%A', '/vi/chuyen-muc/%zz/feed.rss', '/vi/don-vi/%']) {
      const r = await fetch(`${base}${path}`);
      expect(r.status, path).toBe(404);
      expect(r.headers.get('content-type'), path).toContain('text/html');
    }
    expect(service.output()).not.toMatch(/URIError|^\s+at /m);
  });

  it('cursor and date filters no database can hold are a 400 saying which, not a 500, and leave no stack trace', async () => {
    for (const iso of ['+275760-09-13T00:00:00.000Z', '-271821-04-20T00:00:00.000Z', '+010000-01-01T00:00:00.000Z']) {
      const r = await fetch(`${base}/api/v1/items?cursor=${cursorAt(iso)}`);
      expect(r.status, iso).toBe(400);
      expect(await r.json()).toMatchObject({ error: 'bad_cursor' });
    }
    const early = await fetch(`${base}/api/v1/items?from=0000-01-01`);
    expect(early.status).toBe(400);
    expect(await early.json()).toMatchObject({ error: 'bad_query', problems: [expect.stringMatching(/^from:/)] });
    // 9999-12-31 at 23:59:59 in a zone 23:59 behind UTC is already year 10000.
    const late = await fetch(`${base}/api/v1/items?to=${encodeURIComponent('9999-12-31T23:59:59-23:59')}`);
    expect(late.status).toBe(400);
    expect(await late.json()).toMatchObject({ error: 'bad_query', problems: [expect.stringMatching(/^to:/)] });
    expect(service.output()).not.toMatch(/PrismaClient|DriverAdapterError|^\s+at /m);
  });

  it('/healthz tells the public only ok or not; the operator, with the token from the hub secret, gets version and uptime', async () => {
    const open = await fetch(`${base}/healthz`);
    expect(open.status).toBe(200);
    expect(await open.json()).toEqual({ status: 'ok' });
    const forged = await fetch(`${base}/healthz`, { headers: { Authorization: 'Bearer not-the-token' } });
    expect(await forged.json()).toEqual({ status: 'ok' });
    const detail = (await (await operatorHealth(port, { secret: SECRET })).json()) as Record<string, unknown>;
    expect(detail).toMatchObject({ status: 'ok', database: 'ok', version: expect.any(String), uptimeSeconds: expect.any(Number) });
  });

  it('the CLI on the server shows the operator the detailed health', async () => {
    const run = await runCli(['health'], { DATA_DIR: dataDir, HUB_SECRET: SECRET, PORT: String(port), HOST: '127.0.0.1' });
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({ status: 'ok', version: expect.any(String), uptimeSeconds: expect.any(Number) });
  });

  it('media are cached minutes, not a year, and answer 404 once their item is taken down, whatever the browser holds', async () => {
    const jpeg = await sharp({ create: { width: 320, height: 200, channels: 3, background: '#2a6' } }).jpeg().toBuffer();
    const ref = await storeMedia(join(dataDir, 'media'), jpeg);
    const item = await publishThrough(desk, { title: 'Ảnh sẽ bị gỡ', body: 'Nội dung.', mediaRefs: [ref] }, 'kinh-te');
    const url = `${base}/media/${ref}`;
    await within(5000, async () => (await fetch(url)).status === 200);
    const served = await fetch(url);
    const cacheControl = served.headers.get('cache-control') ?? '';
    expect(cacheControl).not.toContain('immutable');
    const maxAge = Number(/max-age=(\d+)/.exec(cacheControl)?.[1]);
    expect(maxAge).toBeGreaterThan(0);
    expect(maxAge).toBeLessThanOrEqual(600);
    const etag = served.headers.get('etag');
    expect(etag).toBeTruthy();
    expect((await fetch(url, { headers: { 'If-None-Match': etag! } })).status).toBe(304);

    const down = await act(desk.deps, desk.id.deputy, item.code, { type: 'takeDown', note: 'Ảnh sai sự thật' });
    expect(down.ok).toBe(true);
    await within(5000, async () => (await fetch(url)).status === 404);
    expect((await fetch(url, { headers: { 'If-None-Match': etag! } })).status).toBe(404);
    expect((await fetch(`${url}?w=320`)).status).toBe(404);
  });
});

/** The page cache, flooded with made-up addresses. */
describe('the page cache under a flood of made-up addresses', () => {
  let db: TestDatabase;
  let p: PortalFixture;
  const BUDGET = 256 * 1024;

  beforeAll(async () => {
    db = await freshSqlite();
    p = await portalFixture(db.url);
  });
  afterAll(async () => {
    await p.close();
    await db.drop();
  });

  it('keeps no 404 page, however many long paths are asked for', async () => {
    const web = publicWeb({ deps: p.desk.deps, baseUrl: 'https://portal.example.test', mediaDir: p.mediaDir, emc: null, cacheBytes: BUDGET });
    for (let i = 0; i < 200; i++) {
      const r = await web.app.request(`/vi/${'x'.repeat(4000)}-${i}`);
      expect(r.status).toBe(404);
    }
    expect(web.cache.keptBytes).toBe(0);
  });

  it('stays within its byte budget when real pages are asked for under endless query strings', async () => {
    const web = publicWeb({ deps: p.desk.deps, baseUrl: 'https://portal.example.test', mediaDir: p.mediaDir, emc: null, cacheBytes: BUDGET });
    const misses: number[] = [];
    for (let i = 0; i < 200; i++) {
      const r = await web.app.request(`/vi/?${'q'.repeat(2000)}=${i}`);
      expect(r.status).toBe(200);
      if (r.headers.get('X-Cache') === 'miss') misses.push(i);
    }
    // A parameter the home page does not read is no part of its key: one page drawn and kept, not 200.
    expect(misses).toEqual([0]);
    expect(web.cache.keptBytes).toBeGreaterThan(0);
    expect(web.cache.keptBytes).toBeLessThanOrEqual(BUDGET);
    // What was asked for last is still served from memory: asking again draws nothing.
    // (Not `peek`: it answers null once the freshness window passed, which a slow machine reaches.)
    let drawn = 0;
    await web.cache.get(web.cache.address(new URL(`https://portal.example.test/vi/?${'q'.repeat(2000)}=199`)).key, async () => {
      drawn += 1;
      throw new Error('the last page asked for was not kept');
    });
    expect(drawn).toBe(0);
  });
});
