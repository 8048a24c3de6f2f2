import { Hono } from 'hono';
import { VERSION } from '../version.js';

export interface HttpDeps {
  /** Resolves when the database answers; rejects otherwise. */
  ping: () => Promise<void>;
  /** Seconds since the process started serving. */
  uptime: () => number;
  ready: () => boolean;
  /** Where each chat desk stands (connecting, retrying with its reason, on): shown, never a reason for 503. */
  desks?: () => Record<string, { state: string; reason?: string }>;
  /** Present in Telegram webhook mode: checks the secret header and takes one update. */
  /** The public portal, feeds, API and media (src/http/web.ts). */
  web?: Hono;
  telegramWebhook?: (secretHeader: string | undefined, body: unknown) => Promise<{ status: 200 | 400 | 401 | 500; body: object }>;
}

export function createHttpApp(deps: HttpDeps): Hono {
  const app = new Hono();

  app.get('/healthz', async (c) => {
    // The portal serves without its chat desks, so a desk that is down shows here without failing the check.
    const body = { status: 'ok', version: VERSION, uptimeSeconds: Math.round(deps.uptime()), database: 'ok', ...(deps.desks ? { desks: deps.desks() } : {}) };
    try {
      await deps.ping();
      return c.json(body);
    } catch {
      return c.json({ ...body, status: 'degraded', database: 'unreachable' }, 503);
    }
  });

  app.get('/readyz', (c) => (deps.ready() ? c.json({ ready: true }) : c.json({ ready: false }, 503)));

  const webhook = deps.telegramWebhook;
  if (webhook) {
    app.post('/telegram/webhook', async (c) => {
      let body: unknown;
      try {
        body = await c.req.json();
      } catch {
        body = null;
      }
      const result = await webhook(c.req.header('X-Telegram-Bot-Api-Secret-Token'), body);
      return c.json(result.body, result.status);
    });
  }

  if (deps.web) app.route('/', deps.web);

  app.notFound((c) => c.json({ error: 'not_found', message: 'Không tìm thấy / Not found' }, 404));
  return app;
}
