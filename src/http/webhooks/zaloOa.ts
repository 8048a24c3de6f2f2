import { getConnInfo } from '@hono/node-server/conninfo';
import { Hono } from 'hono';
import type { Deps } from '../../app/deps.js';
import { acceptWebhook, type WebhookSource } from '../../app/interactions/webhooks.js';
import { BodyTooSlow, readCapped } from '../../bodies.js';

export const ZALO_OA_ROUTE = '/webhooks/zalo-oa';
/** A follower's message event is a few kilobytes; a body past this is no event. */
const MAX_BYTES = 256 * 1024;
/** A body still dripping in after this holds a socket for nothing. */
const BODY_MS = 5_000;
/**
 * Zalo wants an answer within about 2 seconds or it retries (and may turn the webhook off). A store
 * that has not confirmed by then gets a 503: Zalo sends the event again, and the inbox takes it once.
 */
const STORE_MS = 1_500;

export type ZaloOaCheck = (raw: Buffer, signature: string | undefined, now: Date) => { ok: true; body: Buffer } | { ok: false; reason: string };

export interface ZaloOaWebhookEnv {
  deps: Deps;
  source: WebhookSource;
  /** Null when the feature is off (no ZALO_OA_APP_ID / ZALO_OA_SECRET_KEY): the route answers 404. */
  check: ZaloOaCheck | null;
  refused?: (source: string, detail: Record<string, string>) => void;
  log: { warn: (obj: object, msg: string) => void; error: (obj: object, msg: string) => void };
  storeMs?: number;
}

/**
 * `POST /webhooks/zalo-oa`: the signature is checked on the raw body before anything is stored;
 * a verified event goes to the durable inbox and is answered at once. It becomes an interaction
 * when the inbox is drained (job `interactions-inbox`), so the answer never waits for that work.
 */
export function zaloOaWebhook(env: ZaloOaWebhookEnv): Hono {
  const app = new Hono();
  app.post(ZALO_OA_ROUTE, async (c) => {
    const check = env.check;
    if (!check) return c.json({ error: 'not_found', message: 'Không tìm thấy / Not found' }, 404);
    if (Number(c.req.header('content-length') ?? 0) > MAX_BYTES) return c.json({ error: 'too_large' }, 413);
    let raw: Buffer | null;
    try {
      raw = await readCapped(c.req.raw, MAX_BYTES, AbortSignal.timeout(BODY_MS));
    } catch (error) {
      if (error instanceof BodyTooSlow) return c.json({ error: 'too_slow' }, 408);
      throw error;
    }
    if (raw === null) return c.json({ error: 'too_large' }, 413);

    const verdict = check(raw, c.req.header('X-ZEvent-Signature'), env.deps.clock());
    if (!verdict.ok) {
      env.refused?.(`zalo-oa:${getConnInfo(c).remote.address ?? 'unknown'}`, { path: ZALO_OA_ROUTE, reason: verdict.reason });
      return c.json({ error: 'bad_signature' }, 401);
    }

    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<'late'>((resolve) => (timer = setTimeout(() => resolve('late'), env.storeMs ?? STORE_MS)));
    const storing = acceptWebhook(env.deps, env.source, verdict.body);
    try {
      const outcome = await Promise.race([storing, late]);
      if (outcome === 'late') {
        // Still being written: if it lands, Zalo's retry is a duplicate the inbox ignores; if not, the retry stores it.
        storing.catch((error: unknown) => env.log.error({ err: error }, 'Zalo OA event not stored after a slow write'));
        env.log.warn({}, 'Zalo OA event not stored within the time Zalo waits; answered 503 so Zalo sends it again');
        return c.json({ error: 'busy' }, 503);
      }
      return c.json({ ok: true }, 200);
    } catch (error) {
      // Never 200 for an event not stored: Zalo retries a 5xx.
      env.log.error({ err: error }, 'Zalo OA event could not be stored');
      return c.json({ error: 'not_stored' }, 500);
    } finally {
      clearTimeout(timer);
    }
  });
  return app;
}
