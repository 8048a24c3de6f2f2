import { connect, type AddressInfo } from 'node:net';
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

  /** One request as written on the wire, so headers fetch would merge or refuse reach the server as sent. */
  const rawRequest = (head: string) =>
    new Promise<string>((resolve, reject) => {
      const { port } = server.address() as AddressInfo;
      const socket = connect(port, '127.0.0.1', () => socket.end(`${head}\r\nConnection: close\r\n\r\n`));
      let answer = '';
      socket.setEncoding('utf8').on('data', (chunk: string) => (answer += chunk)).on('end', () => resolve(answer)).on('error', reject);
    });

  it('refuses a request naming two hosts, or another host in its address, with 400 and no page', async () => {
    await fetch(`${base}/vi/`);
    for (const head of [
      'GET /vi/ HTTP/1.1\r\nHost: 127.0.0.1\r\nHost: other.example.vn',
      'GET /vi/ HTTP/1.1\r\nhost: 127.0.0.1\r\nHOST: 127.0.0.1',
      'GET /vi/ HTTP/1.1\r\nHost: 127.0.0.1, other.example.vn',
      'GET http://other.example.vn/vi/ HTTP/1.1\r\nHost: 127.0.0.1',
    ]) {
      const answer = await rawRequest(head);
      expect(answer.split('\r\n')[0], head).toBe('HTTP/1.1 400 Bad Request');
      expect(answer, head).toContain('Yêu cầu không hợp lệ / Bad request');
      expect(answer, head).not.toContain('Tin đầu tiên');
    }
    // One Host line, however written, is served.
    expect((await rawRequest('GET /vi/ HTTP/1.1\r\nhost: 127.0.0.1')).split('\r\n')[0]).toBe('HTTP/1.1 200 OK');
  });
});
