import { timingSafeEqual } from 'node:crypto';
import { Inbox } from '../../src/app/inbox/inbox.js';
import type { Deps } from '../../src/app/deps.js';
import { webhookSecret } from './callbackData.js';
import { PLATFORM } from './cards.js';
import { storeWebhookUpdate } from './inbox.js';

/**
 * POST /telegram/webhook in every web process (webhook mode): Telegram's secret header is checked, the
 * update is stored in the durable inbox and Telegram gets its 200. Only the process holding the desk
 * handles updates (src/deskSetup.ts, job telegram-inbox), so two processes never answer one message or
 * race on one card, whichever of them Telegram called.
 */
export function telegramWebhookIntake(deps: Pick<Deps, 'store' | 'clock'>, hubSecret: string) {
  const secret = Buffer.from(webhookSecret(hubSecret));
  const inbox = new Inbox({ store: deps.store, clock: deps.clock }, `${PLATFORM}:`);
  return {
    accepts(headerSecret: string | undefined): boolean {
      const given = Buffer.from(headerSecret ?? '');
      return given.length === secret.length && timingSafeEqual(given, secret);
    },
    take: (body: unknown) => storeWebhookUpdate(inbox, body),
  };
}
