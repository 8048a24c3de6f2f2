import { timingSafeEqual } from 'node:crypto';
import { Inbox } from '../../src/app/inbox/inbox.js';
import type { Deps } from '../../src/app/deps.js';
import { zaloBotWebhookSecret } from './webhookSecret.js';
import { PLATFORM } from './env.js';
import { toBotEvent } from './mapping.js';

/**
 * POST /zalo-bot/webhook in every web process (webhook mode): the secret header is checked before the
 * body is read (src/http/app.ts), the update is stored in the durable inbox, and the platform gets its
 * 200. The process holding the desk handles it (job zalo-bot-inbox), so two processes never answer one
 * message. A re-delivered update finds its row and is stored once.
 */
export function zaloBotWebhookIntake(deps: Pick<Deps, 'store' | 'clock'>, hubSecret: string) {
  const secret = Buffer.from(zaloBotWebhookSecret(hubSecret));
  const inbox = new Inbox({ store: deps.store, clock: deps.clock }, `${PLATFORM}:`);
  return {
    accepts(headerSecret: string | undefined): boolean {
      const given = Buffer.from(headerSecret ?? '');
      return given.length === secret.length && timingSafeEqual(given, secret);
    },
    async take(body: unknown): Promise<{ status: 200 | 400 | 500; body: object }> {
      const event = toBotEvent(body);
      if (!event) return { status: 400, body: { ok: false, error: 'not_an_update' } };
      await inbox.take(event.key, body);
      return { status: 200, body: { ok: true } };
    },
  };
}
