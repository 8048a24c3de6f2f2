import type { InteractionPlatform } from '../../src/app/interactions/platformActions.js';
import type { WebhookSource } from '../../src/app/interactions/webhooks.js';
import { ZaloClient, type ZaloConfig } from './client.js';
import { sortReplyFailure } from './errors.js';
import { withToken } from './tokens.js';
import { ZALO_OA_PREFIX, zaloOaEvents } from './webhook.js';

/** Follower messages and reactions, as stored by POST /webhooks/zalo-oa and read from the inbox. */
export const zaloOaWebhookSource: WebhookSource = { prefix: ZALO_OA_PREFIX, events: zaloOaEvents };

/**
 * A Zalo OA's side of interactions: a moderator's answer goes to the follower as a consultation
 * message (`POST /v3.0/oa/message/cs`). Messages are private, so there is nothing to hide.
 */
export function zaloOaInteractions(config: ZaloConfig): InteractionPlatform {
  const zalo = new ZaloClient(config);
  return {
    async reply(account, target, text) {
      if (!target.authorRef) return { kind: 'rejected', reason: 'no Zalo follower id to answer' };
      const body = { recipient: { user_id: target.authorRef }, message: { text } };
      const sent = await withToken(zalo, account, (token) => zalo.post('/v3.0/oa/message/cs', token, body));
      if (!sent.ok) return 'result' in sent ? sent.result : sortReplyFailure(sent.failure);
      const id = sent.data.message_id;
      // Zalo names the message it sent; an answer without one still means it went out.
      return { kind: 'delivered', externalId: typeof id === 'string' || typeof id === 'number' ? String(id) : `sent-to:${target.authorRef}`, url: null };
    },

    // Zalo OA offers no listing of the consultation messages an OA sent: a reply whose answer was
    // lost cannot be checked, and is not sent again (the runner alerts a person instead).
    async findReply() {
      return { kind: 'unknown', reason: 'Zalo OA cannot list the messages it sent' };
    },

    // Moderation never asks Zalo to hide a private message; should anything ask, it is refused plainly.
    async hide() {
      return { kind: 'rejected', reason: 'not supported: Zalo OA messages are private, there is nothing to hide' };
    },
  };
}
