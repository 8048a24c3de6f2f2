import type { Job } from '../../jobs/schedule.js';
import type { Deps } from '../../src/app/deps.js';
import { receiveInteraction } from '../../src/app/interactions/moderation.js';
import type { MirrorPlace } from '../../src/app/interactions/ports.js';
import type { ChannelAccount, ChannelRecord } from '../../src/app/outboxPorts.js';
import type { InboundInteraction } from '../../src/core/interactions/model.js';
import type { GraphAnswer, GraphClient, Json } from './client.js';
import { readCredentials } from './credentials.js';
import { isMissingObject, sortGraphFailure } from './errors.js';
import { tooBusy } from './pressure.js';

/**
 * Polling, the fallback for what webhooks missed (Meta gives up on an endpoint that was down, and
 * drops deliveries now and then): the comments of the Page's recent mirrored posts, and their
 * share counts. Everything read goes through `receiveInteraction`, which is idempotent, so a
 * comment a webhook already brought changes nothing.
 */
export interface FacebookPollEnv {
  deps: Deps;
  graph: GraphClient;
  /** The channel's credentials unsealed for this run; null when they cannot be read. */
  account: (channel: ChannelRecord) => ChannelAccount | null;
  log: { warn: (obj: object, msg: string) => void };
}

const DAY = 86_400_000;
/** Comments come mostly in a post's first days; a week back covers them without reading the whole Page. */
export const SWEEP_WINDOW_MS = 7 * DAY;
export const SWEEP_MAX_POSTS = 50;
/** Pages of 100 comments per post and run; a busier post is read on in later runs, newest first. */
export const SWEEP_MAX_PAGES = 3;
/** Share counts keep moving longer than comments do. */
export const SHARES_WINDOW_MS = 30 * DAY;
export const SHARES_MAX_POSTS = 100;
/** Comments older than the newest one seen by the last sweep, less this, were read already. */
const CURSOR_SLACK_MS = 60 * 60_000;

export interface SweepSummary {
  channels: number;
  posts: number;
  comments: number;
  changed: number;
  /** Channels left for the next run, and why (near Graph's limits, a token to renew). */
  deferred: string[];
}

type Outcome = 'ok' | 'stop';

/** A comment as `GET /{post-id}/comments?filter=stream` lists it, as an interaction; null for the Page's own. */
export function commentOfPost(pageId: string, postId: string, c: Json): InboundInteraction | null {
  const from = (typeof c.from === 'object' && c.from !== null ? c.from : {}) as Json;
  const authorRef = typeof from.id === 'string' ? from.id : null;
  if (typeof c.id !== 'string' || authorRef === pageId) return null;
  const parent = typeof c.parent === 'object' && c.parent !== null ? (c.parent as Json).id : null;
  const isReply = typeof parent === 'string' && parent !== postId;
  const at = Date.parse(String(c.created_time));
  return {
    source: 'facebook',
    kind: isReply ? 'reply' : 'comment',
    externalId: c.id,
    verb: 'add',
    parentExternalId: isReply ? parent : postId,
    mirrorExternalId: postId,
    authorName: typeof from.name === 'string' ? from.name : null,
    authorRef,
    text: typeof c.message === 'string' ? c.message : '',
    occurredAt: new Date(Number.isFinite(at) ? at : 0),
  };
}

async function facebookChannels(env: FacebookPollEnv): Promise<{ channel: ChannelRecord; token: string }[]> {
  const channels = (await env.deps.store.channels()).filter((c) => c.platform === 'facebook' && c.state === 'active');
  return channels.flatMap((channel) => {
    const account = env.account(channel);
    if (!account) {
      env.log.warn({ channel: channel.key }, 'Facebook channel credentials cannot be read with this HUB_SECRET; not polled');
      return [];
    }
    return [{ channel, token: readCredentials(account.credentials).pageToken }];
  });
}

/** A failed read: stop the channel's run where going on cannot help (throttled, token refused), skip the post otherwise. */
function afterFailure(env: FacebookPollEnv, channel: ChannelRecord, postId: string, r: Extract<GraphAnswer, { ok: false }>, summary: { deferred: string[] }): Outcome {
  if (isMissingObject(r.failure)) return 'ok';
  if (r.failure.kind === 'network') {
    summary.deferred.push(`${channel.key}: no answer from Graph`);
    return 'stop';
  }
  const sorted = sortGraphFailure(r.failure, false);
  const reason = 'reason' in sorted ? sorted.reason : sorted.kind;
  if (sorted.kind === 'needsReauth' || (sorted.kind === 'retryLater' && sorted.afterMs !== undefined)) {
    summary.deferred.push(`${channel.key}: ${reason}`);
    return 'stop';
  }
  env.log.warn({ channel: channel.key, post: postId, reason }, 'Facebook comments of a post not read; tried again next run');
  return 'ok';
}

async function sweepPost(env: FacebookPollEnv, channel: ChannelRecord, token: string, mirror: MirrorPlace, summary: SweepSummary): Promise<Outcome> {
  const cursorKey = `facebook:comments:${mirror.externalId}`;
  const seen = await env.deps.store.cursor(cursorKey);
  const seenUntil = seen ? Date.parse(seen) - CURSOR_SLACK_MS : -Infinity;
  let newest = seen ? Date.parse(seen) : -Infinity;
  let after: string | null = null;
  let complete = false;
  for (let page = 0; page < SWEEP_MAX_PAGES; page += 1) {
    const busy = tooBusy(env.graph, channel.accountId);
    if (busy) {
      summary.deferred.push(`${channel.key}: ${busy.reason}`);
      return 'stop';
    }
    const r = await env.graph.call('GET', `${mirror.externalId}/comments`, token, {
      fields: 'id,from,message,created_time,parent',
      filter: 'stream',
      order: 'reverse_chronological',
      limit: '100',
      ...(after ? { after } : {}),
    });
    if (!r.ok) return afterFailure(env, channel, mirror.externalId, r, summary);
    const data = Array.isArray(r.body.data) ? (r.body.data as Json[]) : [];
    let reachedSeen = false;
    for (const c of data) {
      const at = Date.parse(String(c.created_time));
      if (at < seenUntil) {
        reachedSeen = true;
        break;
      }
      if (at > newest) newest = at;
      const event = commentOfPost(channel.accountId, mirror.externalId, c);
      if (!event) continue;
      summary.comments += 1;
      const { change } = await receiveInteraction(env.deps, event);
      if (change !== 'none') summary.changed += 1;
    }
    const paging = r.body.paging as { next?: unknown; cursors?: { after?: unknown } } | undefined;
    if (reachedSeen || data.length === 0 || typeof paging?.next !== 'string' || typeof paging.cursors?.after !== 'string') {
      complete = true;
      break;
    }
    after = paging.cursors.after;
  }
  // Saved only once everything new was read and stored: a run that failed or stopped midway reads it all again.
  if (complete && Number.isFinite(newest) && newest > (seen ? Date.parse(seen) : -Infinity)) await env.deps.store.setCursor(cursorKey, new Date(newest).toISOString(), env.deps.clock());
  return 'ok';
}

/** Reads the comments of each connected Page's recent mirrors; returns what it did. */
export async function sweepComments(env: FacebookPollEnv): Promise<SweepSummary> {
  const summary: SweepSummary = { channels: 0, posts: 0, comments: 0, changed: 0, deferred: [] };
  const since = new Date(env.deps.clock().getTime() - SWEEP_WINDOW_MS);
  for (const { channel, token } of await facebookChannels(env)) {
    summary.channels += 1;
    for (const mirror of await env.deps.store.recentMirrors(channel.id, since, SWEEP_MAX_POSTS)) {
      summary.posts += 1;
      if ((await sweepPost(env, channel, token, mirror, summary)) === 'stop') break;
    }
  }
  return summary;
}

/** Records how often each recent mirrored post was shared, as Graph counts it. */
export async function refreshShares(env: FacebookPollEnv): Promise<{ posts: number; recorded: number; deferred: string[] }> {
  const summary = { posts: 0, recorded: 0, deferred: [] as string[] };
  const since = new Date(env.deps.clock().getTime() - SHARES_WINDOW_MS);
  for (const { channel, token } of await facebookChannels(env)) {
    // Feed posts are `<page>_<post>`; Page videos are bare ids, and Graph has no share count for them (unconfirmed: it is not in the Video reference).
    const posts = (await env.deps.store.recentMirrors(channel.id, since, SHARES_MAX_POSTS)).filter((m) => m.externalId.includes('_'));
    for (const mirror of posts) {
      const busy = tooBusy(env.graph, channel.accountId);
      if (busy) {
        summary.deferred.push(`${channel.key}: ${busy.reason}`);
        break;
      }
      summary.posts += 1;
      const r = await env.graph.call('GET', mirror.externalId, token, { fields: 'shares' });
      if (!r.ok) {
        if (afterFailure(env, channel, mirror.externalId, r, summary) === 'stop') break;
        continue;
      }
      // Graph leaves `shares` out of a post nobody shared.
      const shares = r.body.shares as { count?: unknown } | undefined;
      await env.deps.store.recordShares('facebook', mirror, typeof shares?.count === 'number' ? shares.count : 0, env.deps.clock());
      summary.recorded += 1;
    }
  }
  return summary;
}

/** The schedule rows: comments every ten minutes (webhooks bring them within seconds; this catches what they missed), shares hourly. */
export function facebookPolls(env: FacebookPollEnv): Job[] {
  return [
    { name: 'facebook-comments-sweep', everyMs: 10 * 60_000, run: () => sweepComments(env) },
    { name: 'facebook-shares', everyMs: 60 * 60_000, run: () => refreshShares(env) },
  ];
}
