import type { youtube_v3 } from '@googleapis/youtube';
import type { InteractionPlatform } from '../../src/app/interactions/platformActions.js';
import type { ChannelAccount } from '../../src/app/outboxPorts.js';
import type { DeliveryResult, Lookup } from '../../src/core/delivery.js';
import type { InteractionRecord } from '../../src/core/interactions/model.js';
import { checkQuota, quotaPeriod, untilNextPeriod } from '../../src/core/quota.js';
import { pollYoutubeComments, type CommentPollEnv, type PollReport } from './commentPoll.js';
import { readCredentials } from './credentials.js';
import { failureOf, sortYoutubeFailure } from './errors.js';
import { youtubeSessions } from './session.js';

export interface YoutubeInteractionsConfig extends Omit<CommentPollEnv, 'session'> {
  /** Ends with a slash, as googleapis wants it. */
  rootUrl: string;
  tokenUrl: string;
  timeoutMs: number;
}

/** What YouTube charges (units): a list page 1, a reply (comments.insert) or a moderation 50. */
export const COMMENT_COSTS = { list: 1, reply: 50, hide: 50 } as const;
/** Pages of a thread's replies looked through for a reply whose answer was lost. */
const FIND_PAGES = 5;
const NO_RETRY = { retry: false };

/** The comment a reply goes under: YouTube threads are one level deep, so a reply to a reply joins its thread. */
const threadOf = (target: InteractionRecord): string => (target.kind === 'reply' && target.parentExternalId ? target.parentExternalId : target.externalId);
const commentUrl = (target: InteractionRecord, id: string): string | null => (target.mirrorExternalId ? `https://www.youtube.com/watch?v=${target.mirrorExternalId}&lc=${id}` : null);
const textOf = (c: youtube_v3.Schema$Comment): string => (c.snippet?.textOriginal ?? c.snippet?.textDisplay ?? '').trim();

/**
 * YouTube's side of interactions: comment threads of mirrored videos read by polling, within the
 * channel's daily quota; replies (comments.insert) and hiding (comments.setModerationStatus rejected),
 * each counted against the same quota.
 */
export function youtubeInteractions(config: YoutubeInteractionsConfig): { platform: InteractionPlatform; poll: () => Promise<PollReport> } {
  const session = youtubeSessions(config);
  const env: CommentPollEnv = { ...config, session };
  const { store } = config.deps;
  const period = () => quotaPeriod(config.deps.clock(), config.quota);
  const untilReset = () => untilNextPeriod(config.deps.clock(), config.quota);
  const count = async (target: InteractionRecord, units: number) => {
    if (target.channelId) await store.spendQuota(target.channelId, period(), units);
  };
  /** A call the day's quota cannot pay for waits for the next quota day instead of being refused by YouTube. */
  const unaffordable = async (target: InteractionRecord, units: number): Promise<DeliveryResult | null> => {
    if (!target.channelId) return null;
    const verdict = checkQuota(config.quota, await store.quotaUsed(target.channelId, period()), units, config.deps.clock());
    return verdict.kind === 'exhausted' ? { kind: 'retryLater', reason: 'daily quota spent', afterMs: verdict.untilMs, quotaExhausted: true } : null;
  };
  /** Null when the stored credentials lack a field: a person must reconnect the channel. */
  const apiOf = async (account: ChannelAccount): Promise<youtube_v3.Youtube | null> => {
    try {
      return (await session(readCredentials(account.credentials))).api;
    } catch {
      return null;
    }
  };
  const NO_CREDENTIALS = { kind: 'needsReauth', reason: 'the YouTube credentials stored for this channel are incomplete' } as const;

  const platform: InteractionPlatform = {
    async reply(account, target, text) {
      const api = await apiOf(account);
      if (!api) return NO_CREDENTIALS;
      const waiting = await unaffordable(target, COMMENT_COSTS.reply);
      if (waiting) return waiting;
      await count(target, COMMENT_COSTS.reply);
      try {
        const { data } = await api.comments.insert({ part: ['snippet'], requestBody: { snippet: { parentId: threadOf(target), textOriginal: text } } }, NO_RETRY);
        if (!data.id) return { kind: 'outcomeUnknown', reason: 'YouTube answered without the reply’s id' };
        return { kind: 'delivered', externalId: data.id, url: commentUrl(target, data.id) };
      } catch (error) {
        // Without an answer the reply may be up: the runner looks for it (findReply) before sending again.
        return sortYoutubeFailure(failureOf(error), true, untilReset());
      }
    },

    async findReply(account, target, text, since): Promise<Lookup> {
      const api = await apiOf(account);
      if (!api) return { kind: 'unknown', reason: NO_CREDENTIALS.reason };
      const wanted = text.trim();
      let pageToken: string | undefined;
      try {
        for (let page = 0; page < FIND_PAGES; page += 1) {
          await count(target, COMMENT_COSTS.list);
          const { data } = await api.comments.list({ part: ['snippet'], parentId: threadOf(target), maxResults: 100, textFormat: 'plainText', ...(pageToken ? { pageToken } : {}) }, NO_RETRY);
          const ours = (data.items ?? []).find((c) => {
            const s = c.snippet;
            // The channel's own reply: written by the video's channel, with this text, since the first try.
            const author = s?.authorChannelId?.value;
            return !!c.id && !!author && author === (s?.channelId ?? account.accountId) && textOf(c) === wanted && Date.parse(s?.publishedAt ?? '') >= since.getTime();
          });
          if (ours?.id) return { kind: 'found', externalId: ours.id, url: commentUrl(target, ours.id) };
          pageToken = data.nextPageToken ?? undefined;
          if (!pageToken) return { kind: 'absent' };
        }
        return { kind: 'unknown', reason: 'too many replies to look through' };
      } catch (error) {
        const f = failureOf(error);
        // The comment is gone: no reply stands under it, and a new try is refused as it should be.
        if (f.kind === 'http' && f.status === 404) return { kind: 'absent' };
        return { kind: 'unknown', reason: sortYoutubeFailure(f, false, 0).kind };
      }
    },

    async hide(account, target) {
      const api = await apiOf(account);
      if (!api) return NO_CREDENTIALS;
      const waiting = await unaffordable(target, COMMENT_COSTS.hide);
      if (waiting) return waiting;
      await count(target, COMMENT_COSTS.hide);
      try {
        await api.comments.setModerationStatus({ id: [target.externalId], moderationStatus: 'rejected' }, NO_RETRY);
      } catch (error) {
        const f = failureOf(error);
        // Hiding what is gone counts as done. A 403 (not the owner of the video) is a refusal, sorted by code.
        if (!(f.kind === 'http' && f.status === 404)) return sortYoutubeFailure(f, false, untilReset());
      }
      return { kind: 'delivered', externalId: target.externalId, url: null };
    },
  };

  return { platform, poll: () => pollYoutubeComments(env) };
}
