import type { InteractionPlatform } from '../../src/app/interactions/platformActions.js';
import type { ChannelAccount } from '../../src/app/outboxPorts.js';
import type { Lookup } from '../../src/core/delivery.js';
import type { InteractionRecord } from '../../src/core/interactions/model.js';
import type { GraphClient, Json } from './client.js';
import { readCredentials } from './credentials.js';
import { isMissingObject, sortGraphFailure } from './errors.js';
import { tooBusy } from './pressure.js';

export { facebookWebhookSource, verifyHubSignature } from './webhook.js';

/** Graph's largest page of comments. */
const COMMENTS_PAGE = 100;
/** Past this many pages of replies since the attempt, the lookup says it cannot tell rather than read on. */
const MAX_LOOKUP_PAGES = 10;

/**
 * Where a reply to this interaction goes. Facebook threads are one level deep: a reply to a reply
 * is posted under the thread's first comment, and looked for there (so the lookup after a lost
 * answer reads the same edge the reply was posted to). Whether Graph would also take
 * `POST /{reply-id}/comments` and file it under the thread is unconfirmed; this avoids depending on it.
 */
export const threadOf = (target: Pick<InteractionRecord, 'kind' | 'externalId' | 'parentExternalId' | 'mirrorExternalId'>): string =>
  target.kind === 'reply' && target.parentExternalId && target.parentExternalId !== target.mirrorExternalId ? target.parentExternalId : target.externalId;

const sameText = (a: unknown, b: string) => typeof a === 'string' && a.trim() === b.trim();

/** A Page's side of interactions: replies under comments, hiding comments. Moderators' texts go out as the Page. */
export function facebookInteractions(graph: GraphClient): InteractionPlatform {
  return {
    async reply(account: ChannelAccount, target: InteractionRecord, text: string) {
      const busy = tooBusy(graph, account.accountId);
      if (busy) return busy;
      const token = readCredentials(account.credentials).pageToken;
      const r = await graph.call('POST', `${threadOf(target)}/comments`, token, { message: text });
      // The reply makes a comment: an answer lost on the way is looked up (findReply) before anything is sent again.
      if (!r.ok) return sortGraphFailure(r.failure, true);
      return { kind: 'delivered', externalId: String(r.body.id), url: null };
    },

    async findReply(account: ChannelAccount, target: InteractionRecord, text: string, since: Date): Promise<Lookup> {
      const token = readCredentials(account.credentials).pageToken;
      let after: string | null = null;
      for (let page = 0; page < MAX_LOOKUP_PAGES; page += 1) {
        const r = await graph.call('GET', `${threadOf(target)}/comments`, token, {
          fields: 'id,from,message,created_time',
          order: 'reverse_chronological',
          limit: String(COMMENTS_PAGE),
          ...(after ? { after } : {}),
        });
        if (!r.ok) {
          // The comment is gone, and every reply under it with it: nothing of ours is there.
          if (isMissingObject(r.failure)) return { kind: 'absent' };
          const sorted = sortGraphFailure(r.failure, false);
          return { kind: 'unknown', reason: 'reason' in sorted ? sorted.reason : sorted.kind };
        }
        const data = Array.isArray(r.body.data) ? (r.body.data as Json[]) : [];
        const ours = data.find((c) => (c.from as Json | undefined)?.id === account.accountId && sameText(c.message, text) && Date.parse(String(c.created_time)) >= since.getTime());
        if (ours) return { kind: 'found', externalId: String(ours.id), url: null };
        const oldest = data.at(-1)?.created_time;
        const reachedBack = typeof oldest === 'string' && Date.parse(oldest) < since.getTime();
        const paging = r.body.paging as { next?: unknown; cursors?: { after?: unknown } } | undefined;
        if (reachedBack || data.length === 0 || typeof paging?.next !== 'string' || typeof paging.cursors?.after !== 'string') return { kind: 'absent' };
        after = paging.cursors.after;
      }
      return { kind: 'unknown', reason: 'too many replies since the attempt to look through' };
    },

    async hide(account: ChannelAccount, target: InteractionRecord) {
      const busy = tooBusy(graph, account.accountId);
      if (busy) return busy;
      const r = await graph.call('POST', target.externalId, readCredentials(account.credentials).pageToken, { is_hidden: 'true' });
      // Hiding again is harmless, and a comment its author removed is hidden enough.
      if (r.ok || isMissingObject(r.failure)) return { kind: 'delivered', externalId: target.externalId, url: null };
      return sortGraphFailure(r.failure, false);
    },
  };
}
