import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';

/** One request as the access log records it. The query string is left out: it may carry a token. */
export interface AccessEntry {
  method: string;
  path: string;
  status: number;
  durationMs: number;
  /** Bytes written to the socket for this response, headers included. */
  bytes: number;
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
    const tell = () => {
      if (told) return;
      told = true;
      record({
        method: req.method ?? '?',
        path: (req.url ?? '/').split('?')[0] ?? '/',
        status: res.headersSent ? res.statusCode : 0,
        durationMs: Math.round((now() - started) * 10) / 10,
        bytes: socket.bytesWritten - before,
      });
    };
    res.once('finish', tell);
    res.once('close', tell);
    next(req, res);
  };
}
