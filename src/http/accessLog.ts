import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';

/** One request as the access log records it. The query string is left out: it may carry a token. */
export interface AccessEntry {
  method: string;
  path: string;
  status: number;
  durationMs: number;
  /** Bytes written to the socket for this response, headers included. */
  bytes: number;
  /** For a page the cache keeps: `hit` when sent from memory (or from a render another request started), `miss` when drawn for this one. */
  cache?: 'hit' | 'miss';
}

/** The `X-Cache` value among headers as given to writeHead (an object, or a flat or paired array). */
function cacheHeader(headers: unknown): 'hit' | 'miss' | undefined {
  let value: unknown;
  if (Array.isArray(headers)) {
    const flat: unknown[] = headers.flat();
    for (let i = 0; i + 1 < flat.length; i += 2) if (String(flat[i]).toLowerCase() === 'x-cache') value = flat[i + 1];
  } else if (typeof headers === 'object' && headers !== null) {
    for (const [name, v] of Object.entries(headers)) if (name.toLowerCase() === 'x-cache') value = v;
  }
  return value === 'hit' || value === 'miss' ? value : undefined;
}

/**
 * Wraps the server's listener so that every request — the kept pages served from memory too — yields
 * one entry when its response is done (or the client goes away first).
 */
export function withAccessLog(next: RequestListener, record: (entry: AccessEntry) => void, now: () => number = () => performance.now()): RequestListener {
  return (req: IncomingMessage, res: ServerResponse) => {
    const started = now();
    const socket = req.socket;
    // A keep-alive socket carries one response at a time: what it writes from here on is this one's.
    const before = socket.bytesWritten;
    let told = false;
    let cache: 'hit' | 'miss' | undefined;
    // Both the fast path and the app send their headers in writeHead, where getHeader cannot see them.
    const writeHead = res.writeHead;
    res.writeHead = function (this: ServerResponse, ...args: unknown[]) {
      cache = cacheHeader(args.find((a) => typeof a === 'object' && a !== null));
      return Reflect.apply(writeHead, this, args) as ServerResponse;
    } as ServerResponse['writeHead'];
    const tell = () => {
      if (told) return;
      told = true;
      record({
        method: req.method ?? '?',
        path: (req.url ?? '/').split('?')[0] ?? '/',
        status: res.headersSent ? res.statusCode : 0,
        durationMs: Math.round((now() - started) * 10) / 10,
        bytes: socket.bytesWritten - before,
        ...(cache ? { cache } : {}),
      });
    };
    res.once('finish', tell);
    res.once('close', tell);
    next(req, res);
  };
}
