import { createServer, type IncomingMessage, type RequestListener, type Server, type ServerResponse } from 'node:http';
import { getRequestListener } from '@hono/node-server';
import { withAccessLog, type AccessEntry } from './accessLog.js';
import { etagNow, holds, payload, type PageCache, type Rendered } from './portal/cache.js';
import { AD_BEACON_PATH } from './portal/ads.js';
import { hostKeyPrefix, type HostSites } from './hostRouting.js';

/**
 * Kept pages go straight from memory to the socket, without building a fetch Request and Response
 * (that costs more than the rest of a cache hit). Anything else — a miss, a stale window, another
 * method, the API — goes to `next`, the Hono app, which answers with the same headers.
 */
export function fastPageListener(cache: PageCache, security: Record<string, string>, next: RequestListener, beacon?: (req: IncomingMessage) => void, hosts?: HostSites): RequestListener {
  // Header sets are built once per kept page and encoding, not per request.
  const prepared = new WeakMap<Rendered, Map<boolean, { body: Buffer; headers: Record<string, string> }>>();
  const prepare = (hit: Rendered, acceptEncoding: string | undefined) => {
    const gzip = hit.gzip !== null && /\bgzip\b/.test(acceptEncoding ?? '');
    let forHit = prepared.get(hit);
    if (!forHit) prepared.set(hit, (forHit = new Map()));
    let ready = forHit.get(gzip);
    if (!ready) {
      const { body, headers } = payload(hit, gzip ? 'gzip' : undefined);
      forHit.set(gzip, (ready = { body, headers: { ...security, ...headers, 'X-Cache': 'hit' } }));
    }
    return ready;
  };
  const withSecurity = (p: { body: Buffer; headers: Record<string, string> }) => ({ body: p.body, headers: { ...security, ...p.headers, 'X-Cache': 'hit' } });
  const noContent = { ...security, 'Cache-Control': 'no-store' };
  return (req: IncomingMessage, res: ServerResponse) => {
    // `GET http://other.host/…` (a proxy's absolute form) would name a host the Host header does not: no proxy sends it here.
    // Two Host lines (or two names in one) name two sites; RFC 9112 §3.2 has the server refuse the request rather than pick one.
    if ((req.url && !req.url.startsWith('/') && req.url !== '*') || hostLines(req.rawHeaders) > 1 || req.headers.host?.includes(',')) {
      req.resume();
      res.writeHead(400, { ...noContent, 'Content-Type': 'text/plain; charset=utf-8' });
      res.end('Yêu cầu không hợp lệ / Bad request');
      return;
    }
    // An ad's view beacon: thousands a second at busy times, answered here without building a Request (src/http/portal/ads.ts).
    if (beacon && req.method === 'POST' && req.url?.startsWith(AD_BEACON_PATH)) {
      beacon(req);
      req.resume();
      res.writeHead(204, noContent);
      res.end();
      return;
    }
    // Peeked under the request's canonical key (tracking parameters left out) and its host's prefix, as the app files it.
    const prefix = hosts ? keyPrefixOf(hosts, req) : '';
    const hit = req.method === 'GET' && req.url && prefix !== null ? cache.peek(req.url, prefix) : null;
    if (!hit) {
      next(req, res);
      return;
    }
    if (holds(hit, req.headers['if-none-match'])) {
      res.writeHead(304, { ...security, ETag: etagNow(hit), 'Cache-Control': hit.cacheControl, Vary: 'Accept-Encoding', 'X-Cache': 'hit' });
      res.end();
      return;
    }
    // A page with a hole (the comment form's token) is put together for this request.
    const { body, headers } = hit.slot ? withSecurity(payload(hit, req.headers['accept-encoding'])) : prepare(hit, req.headers['accept-encoding']);
    res.writeHead(hit.status, headers);
    res.end(body);
  };
}

function hostLines(raw: readonly string[]): number {
  let lines = 0;
  for (let i = 0; i < raw.length; i += 2) if (raw[i]!.length === 4 && raw[i]!.toLowerCase() === 'host') lines++;
  return lines;
}

/** The key prefix of the host a request names; null when the app must decide (an unknown host, or sites not read yet). */
function keyPrefixOf(hosts: HostSites, req: IncomingMessage): string | null {
  const scope = hosts.scopeOfRequest(req);
  if (!scope || scope.kind === 'unknown') return null;
  return scope.kind === 'site' ? hostKeyPrefix(scope.site) : '';
}

/**
 * Tells `seen` of each reader's page answered with the page (200, or 304 when their copy was still good), once the
 * response is done: kept pages from memory and drawn ones alike. Only GETs under a language are candidates.
 */
export function withPageViews(next: RequestListener, seen: (req: IncomingMessage) => void): RequestListener {
  return (req: IncomingMessage, res: ServerResponse) => {
    const url = req.url;
    if (req.method === 'GET' && url && (url.startsWith('/vi/') || url.startsWith('/en/'))) {
      res.once('finish', () => {
        if (res.statusCode === 200 || res.statusCode === 304) seen(req);
      });
    }
    next(req, res);
  };
}

/** The HTTP server: kept pages the fast way, everything else through the app; each request told to `access` when done. */
export function createPortalServer(
  cache: PageCache,
  security: Record<string, string>,
  fetch: (request: Request) => Response | Promise<Response>,
  access?: (entry: AccessEntry) => void,
  beacon?: (req: IncomingMessage) => void,
  hosts?: HostSites,
  views?: (req: IncomingMessage) => void,
): Server {
  const pages = fastPageListener(cache, security, getRequestListener(fetch), beacon, hosts);
  const listener = views ? withPageViews(pages, views) : pages;
  return createServer(access ? withAccessLog(listener, access) : listener);
}
