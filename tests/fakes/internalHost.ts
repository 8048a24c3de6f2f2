import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A service inside our own network, as an attacker would aim the hub at it (an admin page, a cloud
 * metadata endpoint): it records every request it gets. `/to?url=…` answers with a redirect there,
 * and `/file` with a small JPEG, so it can also play a file host that redirects.
 */
export async function startInternalHost(): Promise<{ port: number; hits: string[]; close: () => Promise<void> }> {
  const hits: string[] = [];
  const jpeg = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 0x01]), Buffer.alloc(600, 7)]);
  const server: Server = createServer((req, res) => {
    hits.push(req.url ?? '');
    const url = new URL(req.url ?? '/', 'http://internal');
    if (url.pathname === '/to') {
      res.writeHead(302, { Location: url.searchParams.get('url') ?? '/' });
      res.end();
      return;
    }
    if (url.pathname === '/file') {
      res.writeHead(200, { 'Content-Type': 'image/jpeg', 'Content-Length': String(jpeg.length) });
      res.end(jpeg);
      return;
    }
    res.writeHead(200, { 'Content-Type': 'text/plain' });
    res.end('internal secrets');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as AddressInfo).port,
    hits,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
