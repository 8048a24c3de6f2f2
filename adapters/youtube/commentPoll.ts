import type { youtube_v3 } from '@googleapis/youtube';
import { channelAccount } from '../../src/app/dispatch.js';
import { receiveInteraction } from '../../src/app/interactions/moderation.js';
import { notePolling, type PollNote } from '../../src/app/interactions/pollNote.js';
import type { Deps } from '../../src/app/deps.js';
import type { ChannelRecord } from '../../src/app/outboxPorts.js';
import type { InboundInteraction } from '../../src/core/interactions/model.js';
import { POLL_LOW_SHARE, pollAllowance, quotaPeriod, type QuotaRule } from '../../src/core/quota.js';
import { eventsOfComment, eventsOfThread, missingReplies } from './comments.js';
import { readCredentials, type YoutubeCredentials } from './credentials.js';
import { failureOf, sortYoutubeFailure } from './errors.js';
import type { YoutubeSession } from './session.js';

/** Mirrored videos older than this are no longer read for comments. */
export const POLL_WINDOW_MS = 30 * 24 * 3_600_000;
/** The newest mirrored videos read per channel and run. */
export const VIDEOS_PER_RUN = 25;
/** Pages of 100 threads read per video and run; a longer backlog (a first read of a busy video) is left. */
const PAGES_PER_VIDEO = 5;
const REPLY_PAGES = 2;
/** Each call is counted once: a retry is the next run's, counted then (gaxios would retry GETs unseen). */
const NO_RETRY = { retry: false };

export interface CommentPollEnv {
  deps: Deps;
  quota: QuotaRule;
  sealingKey: Buffer;
  session: (creds: YoutubeCredentials) => Promise<YoutubeSession>;
  revealed?: (credentials: string) => void;
  log: { warn: (obj: object, msg: string) => void };
}

export interface PollReport {
  pages: number;
  created: number;
  edited: number;
  /** By channel key: where the quota made this run read less, or nothing. */
  notes: Record<string, PollNote>;
}

/** One channel's run: the units it may still spend, what it found, and why it stopped early. */
interface Run {
  channel: ChannelRecord;
  period: string;
  left: number;
  /** Little left: one page per video, no reply listings. */
  reduced: boolean;
  ranOut: boolean;
  quotaRefused: boolean;
  pages: number;
  created: number;
  edited: number;
}

/** Where a video's reading stopped: the newest top-level comment seen, and reply counts of threads listed in full. */
interface VideoState {
  newest: string | null;
  replies: Record<string, number>;
}

const stateKey = (channelId: string, videoId: string) => `youtube-comments:${channelId}:${videoId}`;

function readState(text: string | null): VideoState {
  try {
    const v = JSON.parse(text ?? '{}') as Partial<VideoState>;
    return { newest: typeof v.newest === 'string' ? v.newest : null, replies: v.replies && typeof v.replies === 'object' ? v.replies : {} };
  } catch {
    return { newest: null, replies: {} };
  }
}

const later = (a: string | null, b: string | null | undefined): string | null => (b && (!a || Date.parse(b) > Date.parse(a)) ? b : a);

/**
 * Reads the comment threads of every active YouTube channel's recently mirrored videos and stores
 * what the public wrote. The poller shares the channel's daily quota with uploads, and uploads win:
 * it spends only what leaves a reserve for the uploads still waiting (at least one), reads less when
 * little is left, and not at all when nothing is; /channels says so.
 */
export async function pollYoutubeComments(env: CommentPollEnv): Promise<PollReport> {
  const report: PollReport = { pages: 0, created: 0, edited: 0, notes: {} };
  const channels = (await env.deps.store.channels()).filter((c) => c.platform === 'youtube' && c.state === 'active');
  if (channels.length === 0) return report;
  const waiting = await env.deps.store.waitingByChannel();
  for (const channel of channels) {
    const run = await pollChannel(env, channel, waiting[channel.id] ?? 0);
    report.pages += run.pages;
    report.created += run.created;
    report.edited += run.edited;
    const note = run.quotaRefused || (run.left <= 0 && run.pages === 0) ? 'paused' : run.reduced || run.ranOut ? 'reduced' : null;
    await notePolling(env.deps.store, channel.id, run.period, note, env.deps.clock());
    if (note) report.notes[channel.key] = note;
  }
  return report;
}

async function pollChannel(env: CommentPollEnv, channel: ChannelRecord, waiting: number): Promise<Run> {
  const { store } = env.deps;
  const now = env.deps.clock();
  const period = quotaPeriod(now, env.quota);
  const left = pollAllowance(env.quota, await store.quotaUsed(channel.id, period), waiting);
  const run: Run = { channel, period, left, reduced: left < env.quota.units * POLL_LOW_SHARE, ranOut: false, quotaRefused: false, pages: 0, created: 0, edited: 0 };
  if (left <= 0) return run;
  const account = channelAccount(env, channel);
  let creds: YoutubeCredentials;
  try {
    if (!account) throw new Error('stored credentials cannot be read with this HUB_SECRET');
    creds = readCredentials(account.credentials);
  } catch (error) {
    env.log.warn({ channel: channel.key, reason: error instanceof Error ? error.message : 'unreadable' }, 'YouTube comments not read: no usable credentials');
    return run;
  }
  const { api } = await env.session(creds);
  for (const video of await store.recentMirrors(channel.id, new Date(now.getTime() - POLL_WINDOW_MS), VIDEOS_PER_RUN)) {
    if (run.left < 1) {
      run.ranOut = true;
      break;
    }
    if ((await pollVideo(env, api, run, video.externalId)) === 'stop') break;
  }
  return run;
}

/** Counted before the call: YouTube charges a call whatever its answer. */
async function spend(env: CommentPollEnv, run: Run, units: number): Promise<void> {
  run.left -= units;
  run.pages += 1;
  await env.deps.store.spendQuota(run.channel.id, run.period, units);
}

async function take(env: CommentPollEnv, run: Run, events: InboundInteraction[]): Promise<void> {
  for (const event of events) {
    const { change } = await receiveInteraction(env.deps, event);
    if (change === 'created') run.created += 1;
    if (change === 'edited') run.edited += 1;
  }
}

/**
 * A failed list call: a revoked grant, YouTube's own quota refusal or an unreachable API ends the
 * channel's run (the next run tries again); a video YouTube refuses (deleted, comments off) is skipped.
 */
function failed(env: CommentPollEnv, run: Run, videoId: string, error: unknown): 'stop' | 'skip' {
  const sorted = sortYoutubeFailure(failureOf(error), false, 0);
  env.log.warn({ channel: run.channel.key, videoId, result: sorted.kind, reason: 'reason' in sorted ? sorted.reason : null }, 'YouTube comments not read');
  if (sorted.kind === 'retryLater' && sorted.quotaExhausted) run.quotaRefused = true;
  return sorted.kind === 'rejected' ? 'skip' : 'stop';
}

/** New pages of one video's threads, newest first, down to the newest comment the last full read saw. */
async function pollVideo(env: CommentPollEnv, api: youtube_v3.Youtube, run: Run, videoId: string): Promise<'ok' | 'skip' | 'stop'> {
  const { store } = env.deps;
  const key = stateKey(run.channel.id, videoId);
  const state = readState(await store.cursor(key));
  const maxPages = run.reduced ? 1 : PAGES_PER_VIDEO;
  let newest = state.newest;
  let complete = false;
  let pageToken: string | undefined;
  let outcome: 'ok' | 'skip' | 'stop' = 'ok';
  for (let page = 0; page < maxPages; page += 1) {
    if (run.left < 1) {
      run.ranOut = true;
      break;
    }
    await spend(env, run, 1);
    let data: youtube_v3.Schema$CommentThreadListResponse;
    try {
      data = (await api.commentThreads.list({ part: ['snippet', 'replies'], videoId, order: 'time', maxResults: 100, textFormat: 'plainText', ...(pageToken ? { pageToken } : {}) }, NO_RETRY)).data;
    } catch (error) {
      outcome = failed(env, run, videoId, error);
      break;
    }
    const threads = data.items ?? [];
    for (const thread of threads) {
      await take(env, run, eventsOfThread(thread, run.channel.id));
      newest = later(newest, thread.snippet?.topLevelComment?.snippet?.publishedAt);
      const total = thread.snippet?.totalReplyCount ?? 0;
      // Replies beyond the few a thread carries, listed once per new count (a reply changes the count).
      if (!run.reduced && thread.id && missingReplies(thread) && state.replies[thread.id] !== total && (await listReplies(env, api, run, thread))) state.replies[thread.id] = total;
    }
    pageToken = data.nextPageToken ?? undefined;
    const oldest = threads.at(-1)?.snippet?.topLevelComment?.snippet?.publishedAt;
    const reachedSeen = state.newest !== null && oldest !== undefined && oldest !== null && Date.parse(oldest) < Date.parse(state.newest);
    // A full read that met the last one, or read all there is, or read as far as a run may (the rest of a long backlog stays unread).
    if (!pageToken || reachedSeen || (!run.reduced && page === maxPages - 1)) {
      complete = true;
      break;
    }
  }
  await store.setCursor(key, JSON.stringify({ newest: complete ? newest : state.newest, replies: state.replies }), env.deps.clock());
  return outcome;
}

/** All replies of a thread (comments.list by parentId); true when read to the end. */
async function listReplies(env: CommentPollEnv, api: youtube_v3.Youtube, run: Run, thread: youtube_v3.Schema$CommentThread): Promise<boolean> {
  const videoId = thread.snippet?.videoId ?? '';
  const options = { videoId, channelId: run.channel.id, videoChannelId: thread.snippet?.channelId ?? null };
  let pageToken: string | undefined;
  for (let page = 0; page < REPLY_PAGES; page += 1) {
    if (run.left < 1) {
      run.ranOut = true;
      return false;
    }
    await spend(env, run, 1);
    try {
      const { data } = await api.comments.list({ part: ['snippet'], parentId: thread.id ?? '', maxResults: 100, textFormat: 'plainText', ...(pageToken ? { pageToken } : {}) }, NO_RETRY);
      await take(env, run, (data.items ?? []).flatMap((c) => eventsOfComment(c, options)));
      pageToken = data.nextPageToken ?? undefined;
    } catch (error) {
      failed(env, run, videoId, error);
      return false;
    }
    if (!pageToken) return true;
  }
  return true;
}
