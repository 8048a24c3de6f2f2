import { getConnInfo } from '@hono/node-server/conninfo';
import { Hono } from 'hono';
import type { Refusal } from '../app/refusals.js';
import { BodyTooSlow, readCapped } from '../bodies.js';
import { healthRoutes, type HealthDeps } from './health.js';

/** A chat update is a few kilobytes; a body past this is no update. */
const WEBHOOK_MAX_BYTES = 1024 * 1024;
/** A body still dripping in after this holds a socket for nothing. */
const WEBHOOK_BODY_MS = 10_000;
const TELEGRAM_ROUTE = '/telegram/webhook';
const ZALO_BOT_ROUTE = '/zalo-bot/webhook';

/** A chat platform's webhook: the platform echoes a secret in a header, and the body is one update. */
export interface SecretWebhook {
  /** Whether the secret header is the platform's (compared in constant time). */
  accepts(secretHeader: string | undefined): boolean;
  take(body: unknown): Promise<{ status: 200 | 400 | 500; body: object }>;
}

export interface HttpDeps extends HealthDeps {
  ready: () => boolean;
  /** The public portal, feeds, API and media (src/http/web.ts). */
  web?: Hono;
  /** Platform webhooks bringing interactions back (src/interactionSetup.ts). */
  webhooks?: Hono;
  /** Told of each refused privileged attempt (a wrong webhook secret), for the audit trail. */
  refused?: (refusal: Refusal) => void;
  /** Present in Telegram webhook mode: checks the secret header and takes one update. */
  telegramWebhook?: SecretWebhook;
  /** Present when the official Zalo bot runs in webhook mode. */
  zaloBotWebhook?: SecretWebhook;
}

function secretWebhook(app: Hono, deps: HttpDeps, route: string, header: string, webhook: SecretWebhook): void {
  app.post(route, async (c) => {
    // The secret first, from the header: a stranger's body is never read.
    if (!webhook.accepts(c.req.header(header))) {
      deps.refused?.({ kind: 'webhook_secret', source: getConnInfo(c).remote.address ?? 'unknown', detail: { path: route } });
      return c.json({ ok: false, error: 'bad_secret' }, 401);
    }
    if (Number(c.req.header('content-length') ?? 0) > WEBHOOK_MAX_BYTES) return c.json({ ok: false, error: 'too_large' }, 413);
    let raw: Buffer | null;
    try {
      raw = await readCapped(c.req.raw, WEBHOOK_MAX_BYTES, AbortSignal.timeout(WEBHOOK_BODY_MS));
    } catch (error) {
      if (error instanceof BodyTooSlow) return c.json({ ok: false, error: 'too_slow' }, 408);
      throw error;
    }
    if (raw === null) return c.json({ ok: false, error: 'too_large' }, 413);
    let body: unknown = null;
    try {
      body = JSON.parse(raw.toString('utf8'));
    } catch {
      // Not JSON: answered as "not an update" below.
    }
    const result = await webhook.take(body);
    return c.json(result.body, result.status);
  });
}

export function createHttpApp(deps: HttpDeps): Hono {
  const app = new Hono();

  app.route('/', healthRoutes(deps));

  app.get('/readyz', (c) => (deps.ready() ? c.json({ ready: true }) : c.json({ ready: false }, 503)));

  if (deps.telegramWebhook) secretWebhook(app, deps, TELEGRAM_ROUTE, 'X-Telegram-Bot-Api-Secret-Token', deps.telegramWebhook);
  if (deps.zaloBotWebhook) secretWebhook(app, deps, ZALO_BOT_ROUTE, 'X-Bot-Api-Secret-Token', deps.zaloBotWebhook);

  if (deps.webhooks) app.route('/', deps.webhooks);
  if (deps.web) app.route('/', deps.web);

  app.notFound((c) => c.json({ error: 'not_found', message: 'Không tìm thấy / Not found' }, 404));
  return app;
}
