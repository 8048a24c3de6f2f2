import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPortalServer } from '../../src/http/fastPath.js';
import { freshSqlite, type TestDatabase } from '../helpers/databases.js';
import { portalFixture, publishThrough, within, type PortalFixture } from '../helpers/portal.js';

// X-Cache says whether this request drew the page: the first did, the second did not.
const VARYING = new Set(['date', 'connection', 'keep-alive', 'transfer-encoding', 'x-cache']);
const headersOf = (r: Response) => Object.fromEntries([...r.headers.entries()].filter(([k]) => !VARYING.has(k)));

describe('kept pages served straight from memory', () => {
  let db: TestDatabase;
  let p: PortalFixture;
  let server: Server;
  let base: string;

  beforeAll(async () => {
    db = await freshSqlite();
    p = await portalFixture(db.url);
    await publishThrough(p.desk, { title: 'Tin đầu tiên', body: 'Nội dung.' }, 'kinh-te');
    server = createPortalServer(p.web.cache, p.web.headers, p.web.app.fetch);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
    await p.close();
    await db.drop();
  });

  it('answers a kept page with the same status, headers and bytes as the app did', async () => {
    for (const [path, headers] of [
      ['/vi/', {}],
      ['/vi/', { 'Accept-Encoding': 'gzip' }],
      ['/en/category/kinh-te', {}],
    ] as const) {
      const first = await fetch(`${base}${path}`, { headers });
      const firstBody = Buffer.from(await first.arrayBuffer());
      // Kept (peek answers only within the 250 ms freshness window, which a loaded machine can outlast between two lines).
      await within(1000, async () => (await fetch(`${base}${path}`, { headers })).status === first.status && p.web.cache.peek(path) !== null);
      const second = await fetch(`${base}${path}`, { headers });
      expect(second.status, path).toBe(first.status);
      expect(headersOf(second), path).toEqual(headersOf(first));
      expect(Buffer.from(await second.arrayBuffer()).equals(firstBody), path).toBe(true);
    }
  });

  it('answers 304 from memory to a client holding the page', async () => {
    const first = await fetch(`${base}/vi/`);
    const etag = first.headers.get('etag')!;
    // Kept: peek answers only within the 250 ms freshness window, which a loaded machine can outlast between two lines.
    await within(1000, async () => (await fetch(`${base}/vi/`)).ok && p.web.cache.peek('/vi/') !== null);
    const again = await fetch(`${base}/vi/`, { headers: { 'If-None-Match': etag } });
    expect(again.status).toBe(304);
    expect(again.headers.get('content-security-policy')).toContain("script-src 'self'");
  });

  it('still shows a new publication within 1 s', async () => {
    await fetch(`${base}/vi/`);
    await publishThrough(p.desk, { title: 'Tin thứ hai qua đường nhanh', body: 'Nội dung.' }, 'kinh-te');
    await within(1000, async () => (await (await fetch(`${base}/vi/`)).text()).includes('Tin thứ hai qua đường nhanh'));
  });
});
