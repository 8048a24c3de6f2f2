// The ceiling: node:http sending fixed bytes from memory, with the same headers the portal sends.
// Run as its own process, like the portal, so both are measured the same way.
import { createServer } from 'node:http';
import { readFileSync } from 'node:fs';

const responses = JSON.parse(readFileSync(process.argv[2], 'utf8'));
// Headers built once, as lean as a server can be: this is the ceiling the portal is measured against.
const byPath = new Map(
  responses.map((r) => {
    const body = Buffer.from(r.body, 'base64');
    return [r.path, { headers: { ...r.headers, 'content-length': body.length }, body }];
  }),
);
const server = createServer((req, res) => {
  const hit = byPath.get(req.url);
  if (!hit) {
    res.writeHead(404).end();
    return;
  }
  res.writeHead(200, hit.headers);
  res.end(hit.body);
});
server.keepAliveTimeout = 5000;
server.listen(0, '127.0.0.1', () => console.log(`listening ${server.address().port}`));
