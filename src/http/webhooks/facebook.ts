import { getConnInfo } from '@hono/node-server/conninfo';
import { Hono, type Context } from 'hono';
import { looksSigned, sameSecret, verifyHubSignature } from '../../../adapters/facebook/webhook.js';
import type { Deps } from '../../app/deps.js';
import { acceptWebhook, type WebhookSource } from '../../app/interactions/webhooks.js';
import { BodyTooSlow, readCapped } from '../../bodies.js';

/** Meta's change notifications are small; a body past this is no notification. */
export const FACEBOOK_WEBHOOK_MAX_BYTES = 1024 * 1024;
/** A body still dripping in after this holds a socket for nothing. */
const BODY_MS = 10_000;
const ROUTE = '/webhooks/facebook';

export interface FacebookWebhookOptions {
  deps: Deps;
  source: WebhookSource;
  /**
   * The Meta app's secret (signs every POST) and the token typed in the webhook settings (echoed in
   * the GET handshake). Null, when either is not configured: the feature is off and both routes answer 404.
   */
  secrets: { appSecret: string; verifyToken: string } | null;
  /** A refused signature, for the audit trail (bounded there). */
  refused?: (source: string, detail: Record<string, string>) => void;
}

const NOT_FOUND = { error: 'not_found', message: 'Không tìm thấy / Not found' };

function addressOf(c: Context): string {
  try {
    return getConnInfo(c).remote.address ?? 'unknown';
  } catch {
    // Served without a socket (in-process requests): no address to tell.
    return 'unknown';
  }
}

/**
 * The Page webhook. `GET` is Meta's verification handshake; `POST` carries change notifications,
 * each signed with the app secret over its raw bytes. A verified body is stored in the durable
 * inbox as it came and answered at once; it is read into interactions afterwards (drainWebhooks).
 */
export function facebookWebhookRoutes(options: FacebookWebhookOptions): Hono {
  const app = new Hono();
  const { secrets } = options;

  app.get(ROUTE, (c) => {
    if (!secrets) return c.json(NOT_FOUND, 404);
    const challenge = c.req.query('hub.challenge') ?? '';
    const ok = c.req.query('hub.mode') === 'subscribe' && sameSecret(c.req.query('hub.verify_token') ?? '', secrets.verifyToken);
    if (!ok) return c.text('Forbidden', 403);
    // Meta's challenge is a short token of digits: anything else is not echoed onto a page of ours.
    if (!/^[A-Za-z0-9_.-]{1,256}$/.test(challenge)) return c.text('Bad Request', 400);
    return c.text(challenge, 200);
  });

  app.post(ROUTE, async (c) => {
    if (!secrets) return c.json(NOT_FOUND, 404);
    const header = c.req.header('X-Hub-Signature-256');
    const refuse = (reason: string) => {
      options.refused?.(`facebook:${addressOf(c)}`, { path: ROUTE, reason });
      return c.json({ error: 'bad_signature' }, 401);
    };
    // No signature at all: refused before a byte of the body is read.
    if (!looksSigned(header)) return refuse('missing');
    if (Number(c.req.header('content-length') ?? 0) > FACEBOOK_WEBHOOK_MAX_BYTES) return c.json({ error: 'too_large' }, 413);
    let raw: Buffer | null;
    try {
      raw = await readCapped(c.req.raw, FACEBOOK_WEBHOOK_MAX_BYTES, AbortSignal.timeout(BODY_MS));
    } catch (error) {
      if (error instanceof BodyTooSlow) return c.json({ error: 'too_slow' }, 408);
      throw error;
    }
    if (raw === null) return c.json({ error: 'too_large' }, 413);
    // The signature is over the bytes as sent: checked before anything parses them.
    if (!verifyHubSignature(raw, header, secrets.appSecret)) return refuse('wrong');
    await acceptWebhook(options.deps, options.source, raw);
    return c.text('EVENT_RECEIVED', 200);
  });

  return app;
}
