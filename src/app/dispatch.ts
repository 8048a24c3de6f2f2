import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { settle, type DeliveryResult, type Settlement } from '../core/delivery.js';
import { checkQuota, costOf, quotaDay, quotaPeriod, type QuotaRule } from '../core/quota.js';
import { articlePath } from '../core/portal/paths.js';
import { siteBaseUrl } from '../core/portal/hosts.js';
import { publicMedia, type PublicMedia } from '../core/portal/media.js';
import { labelled } from '../core/portal/sponsored.js';
import { channelCredentialsPlace, unseal } from '../core/sealing.js';
import { rotateCredentials } from './rotation.js';
import type { Deps } from './deps.js';
import type { ChannelAccount, ChannelAdapter, ChannelRecord, DeliveryRecord, MirrorPost } from './outboxPorts.js';
import type { PublicationRecord } from './portalPorts.js';
import { serial, settler, type Writers } from './dispatchWriters.js';

export interface MirrorProblem {
  channel: string;
  code: string;
  kind: DeliveryResult['kind'] | 'quotaLow' | 'quotaExhausted';
  reason: string;
}

export interface DispatchEnv {
  deps: Deps;
  adapters: Partial<Record<string, ChannelAdapter>>;
  sealingKey: Buffer;
  portalBaseUrl: string;
  mediaDir: string;
  /** How long a claim holds; a worker that dies gives its rows back after this. */
  leaseMs: number;
  random: () => number;
  /** Paces calls per channel account (src/limits.ts; shared through Redis when configured). */
  limits?: { run<T>(channelKey: string, platform: string, job: () => Promise<T>): Promise<T> };
  /** Daily quotas by platform (YouTube's units); platforms without one are not counted. */
  quotas?: Partial<Record<string, QuotaRule>>;
  /** Told of anything a person must act on (the admins' chat, in main). */
  onProblem?: (problem: MirrorProblem) => void;
  onBug?: (error: unknown, delivery: DeliveryRecord) => void;
  /** Told of each call that did not deliver (a retry too), so a failing platform is never silent in the log. */
  onMiss?: (miss: { channel: string; code: string; kind: string; reason: string | null; attempts: number }) => void;
  /** Told each channel's credentials as they are unsealed or rotated, so the log never shows them (src/redaction.ts). */
  revealed?: (credentials: string) => void;
  /** Lanes (channels) one process runs at once; each holds at most one database connection at a time. */
  maxLanes?: number;
}

const MAX_LANES = 8;

/**
 * What a lane reads once for all its rows: their publications and the sites' names. A correction made
 * while the lane runs is not lost: it queued an update, which runs after the post it corrects.
 */
interface LaneMemo {
  publications: Map<string, PublicationRecord>;
  sites: Map<string, Promise<{ nameVi: string; nameEn: string; domain: string | null; parentId: string | null } | null>>;
}

async function postOf(env: DispatchEnv, memo: LaneMemo, d: DeliveryRecord, basedOn: string | null = null): Promise<MirrorPost | null> {
  const p = memo.publications.get(d.code) ?? (await env.deps.store.publicationByCode(d.code));
  if (!p) return null;
  const media = p.mediaRefs.map(publicMedia).filter((m): m is PublicMedia => m !== null);
  let siteRead = memo.sites.get(p.siteId);
  if (!siteRead) memo.sites.set(p.siteId, (siteRead = env.deps.store.siteById(p.siteId)));
  const site = await siteRead;
  return {
    part: d.part,
    basedOn,
    code: p.code,
    // A component site with its own domain is linked there (Điều 3); the province's own items, and sites without one, at the portal.
    url: `${siteBaseUrl(env.portalBaseUrl, site?.parentId ? site : null)}${articlePath(p.lang, p.code)}`,
    lang: p.lang,
    kind: p.kind,
    source: site ? (p.lang === 'vi' ? site.nameVi : site.nameEn) : '',
    // A sponsored article says so on every channel it is copied to.
    ...labelled(p.lang, p),
    body: p.body,
    media: media.map((m) => ({ path: join(env.mediaDir, m.ref), url: `${env.portalBaseUrl}/media/${m.ref}`, type: m.type, kind: m.kind })),
  };
}

const cancelled = (env: DispatchEnv, d: DeliveryRecord, why: string | null): Settlement => ({ state: 'cancelled', attempts: d.attempts, nextAttemptAt: env.deps.clock(), lastError: why, keepCallStarted: false, channel: {} });

/** Our clock and the platform's may differ: the lookup reaches this far before the call started. */
const LOOKUP_MARGIN_MS = 15 * 60_000;

/**
 * The one call that may post: when an earlier call may have posted, the platform is asked first,
 * through everything posted since that call started. A row a take-down withdrew is never posted;
 * what the lookup finds of it is settled as delivered, so the take-down's removal deletes it.
 */
async function publishOnce(env: DispatchEnv, adapter: ChannelAdapter, account: ChannelAccount, d: DeliveryRecord, token: string, post: MirrorPost): Promise<DeliveryResult | Settlement> {
  if (d.callStartedAt) {
    const seen = await adapter.lookup(account, post, new Date(d.callStartedAt.getTime() - LOOKUP_MARGIN_MS));
    if (seen.kind === 'found') return { kind: 'delivered', externalId: seen.externalId, url: seen.url };
    if (seen.kind === 'unknown') return { kind: 'outcomeUnknown', reason: seen.reason };
  }
  if (d.withdrawnAt) return cancelled(env, d, 'taken down');
  if (!(await env.deps.store.markCallStarted(d.id, token, env.deps.clock()))) {
    // Refused: the claim was lost, or a take-down withdrew the row since it was read.
    const now = (await env.deps.store.deliveriesOfItem(d.itemId)).find((x) => x.id === d.id);
    return now?.withdrawnAt ? cancelled(env, d, 'taken down') : { kind: 'retryLater', reason: 'claim lost' };
  }
  return adapter.publish(account, post);
}

/** The item's publish delivery of a part on the same channel: what an update, removal or broadcast builds on. */
async function partDelivery(env: DispatchEnv, d: DeliveryRecord, part: DeliveryRecord['part']): Promise<DeliveryRecord | undefined> {
  return (await env.deps.store.deliveriesOfItem(d.itemId)).find((x) => x.channelId === d.channelId && x.part === part && x.action === 'publish');
}

/** Runs one claimed delivery to its result. */
/** The channel's credentials unsealed for one call, with the locked refresh; null when this HUB_SECRET cannot open them. */
export function channelAccount(env: Pick<DispatchEnv, 'deps' | 'sealingKey' | 'revealed'>, channel: ChannelRecord): ChannelAccount | null {
  const credentials = unseal(env.sealingKey, channel.credentials, channelCredentialsPlace(channel.key));
  if (credentials === null) return null;
  env.revealed?.(credentials);
  const refreshed: ChannelAccount['refreshed'] = async (rotate) => {
    const next = await rotateCredentials(env.deps, env.sealingKey, channel, credentials, async (current) => {
      const rotated = await rotate(current);
      // Told before it is sealed and stored: a failure while storing must not log the new pair.
      if (typeof rotated === 'string') env.revealed?.(rotated);
      return rotated;
    });
    if (typeof next === 'string') env.revealed?.(next);
    return next;
  };
  return { accountId: channel.accountId, credentials, refreshed };
}

async function attempt(env: DispatchEnv, memo: LaneMemo, channel: ChannelRecord, d: DeliveryRecord, token: string): Promise<DeliveryResult | Settlement> {
  const adapter = env.adapters[channel.platform];
  if (!adapter) return { kind: 'rejected', reason: `no adapter for ${channel.platform}` };
  const account = channelAccount(env, channel);
  if (account === null) return { kind: 'needsReauth', reason: 'stored credentials cannot be read with this HUB_SECRET' };

  if (d.action === 'publish' && d.part === 'broadcast') {
    // A broadcast sends the article to followers: it waits for the article part of the same channel.
    const article = await partDelivery(env, d, 'article');
    if (!article || article.state === 'cancelled' || article.state === 'rejected') return cancelled(env, d, 'no article to broadcast');
    if (!article.externalId) return { kind: 'retryLater', reason: 'waiting for the article' };
    const post = await postOf(env, memo, d, article.externalId);
    return post ? publishOnce(env, adapter, account, d, token, post) : { kind: 'rejected', reason: `no publication ${d.code}` };
  }
  const post = await postOf(env, memo, d);
  if (!post) return { kind: 'rejected', reason: `no publication ${d.code}` };
  if (d.action === 'publish') return publishOnce(env, adapter, account, d, token, post);

  // A correction of an item taken down meanwhile has nothing left to correct.
  if (d.withdrawnAt) return cancelled(env, d, 'taken down');
  const published = await partDelivery(env, d, d.part);
  // Nothing was ever posted there: there is nothing to change.
  if (!published || published.state === 'cancelled' || published.state === 'rejected') return cancelled(env, d, null);
  if (!published.externalId) return { kind: 'retryLater', reason: 'waiting for the post to be delivered' };
  return d.action === 'update' ? adapter.update(account, published.externalId, post) : adapter.remove(account, published.externalId);
}

/** Counts what a call cost; past the warning share, operators hear of it once that period. */
async function noteQuota(env: DispatchEnv, rule: QuotaRule, channel: ChannelRecord, code: string, period: string, cost: number): Promise<void> {
  const used = await env.deps.store.spendQuota(channel.id, period, cost);
  if (used >= rule.warnAt * rule.units && (await env.deps.store.markQuota(channel.id, period, 'warnedAt', env.deps.clock()))) {
    env.onProblem?.({ channel: channel.key, code, kind: 'quotaLow', reason: `${used}/${rule.units}` });
  }
}

type Outcome = DeliveryResult | Settlement;
const isResult = (o: Outcome): o is DeliveryResult => 'kind' in o;

/** One claimed row: the quota first, then the call, paced per channel (the lane keeps the claim alive meanwhile). */
async function deliverOne(env: DispatchEnv, memo: LaneMemo, channel: ChannelRecord, d: DeliveryRecord, token: string, now: Date): Promise<Outcome> {
  const { store } = env.deps;
  const rule = env.quotas?.[channel.platform];
  // A platform without a configured quota may still say it is spent: its alert is then once per UTC day.
  const period = rule ? quotaPeriod(now, rule) : quotaDay(now, 'UTC');
  const cost = rule ? costOf(rule, d.action, d.part) + (d.callStartedAt ? rule.costs.lookup : 0) : 0;
  const verdict = rule ? checkQuota(rule, await store.quotaUsed(channel.id, period), cost, now) : null;
  let outcome: Outcome;
  if (verdict?.kind === 'exhausted') {
    // Past the period's quota nothing is called: the delivery waits for the next period.
    outcome = { kind: 'retryLater', reason: 'daily quota spent', afterMs: verdict.untilMs, quotaExhausted: true };
  } else {
    try {
      const job = () => attempt(env, memo, channel, d, token);
      outcome = await (env.limits ? env.limits.run(channel.key, channel.platform, job) : job());
    } catch (error) {
      env.onBug?.(error, d);
      outcome = d.action === 'publish' ? { kind: 'outcomeUnknown', reason: 'unexpected error' } : { kind: 'retryLater', reason: 'unexpected error' };
    }
    if (rule && cost > 0) await noteQuota(env, rule, channel, d.code, period, cost);
  }
  if (isResult(outcome) && outcome.kind === 'retryLater' && outcome.quotaExhausted && (await store.markQuota(channel.id, period, 'exhaustedAt', now))) {
    env.onProblem?.({ channel: channel.key, code: d.code, kind: 'quotaExhausted', reason: outcome.reason });
  }
  return outcome;
}

/** One claimed row, from the call to its result; the settlement is handed to the writer and resolves true when this worker settled the row. */
async function runOne(env: DispatchEnv, memo: LaneMemo, channel: ChannelRecord, d: DeliveryRecord, token: string, writers: Writers): Promise<{ settled: Promise<boolean> }> {
  const now = env.deps.clock();
  const claimed = { ...d, attempts: d.attempts + 1 };
  const outcome = await deliverOne(env, memo, channel, claimed, token, now);
  const at = env.deps.clock();
  const settlement = isResult(outcome) ? settle(outcome, claimed.attempts, at, env.random()) : outcome;
  // Retries are not audited (the row holds the last error); every other settlement is.
  const audit = isResult(outcome) && outcome.kind === 'retryLater'
    ? null
    : { at, actorId: null, action: `delivery.${isResult(outcome) ? outcome.kind : settlement.state}`, subjectType: 'item', subjectId: d.itemId, data: { code: d.code, channel: channel.key, action: d.action, part: d.part, externalId: settlement.externalId ?? null, reason: settlement.lastError } };
  const settled = writers.settle({ delivery: claimed, token, settlement, audit });
  if (isResult(outcome) && outcome.kind !== 'delivered') env.onMiss?.({ channel: channel.key, code: d.code, kind: outcome.kind, reason: settlement.lastError, attempts: claimed.attempts });
  if (isResult(outcome) && (outcome.kind === 'needsReauth' || outcome.kind === 'rejected')) {
    env.onProblem?.({ channel: channel.key, code: d.code, kind: outcome.kind, reason: outcome.reason });
    // The rest of this lane leaves the channel alone until someone reconnects it.
    if (outcome.kind === 'needsReauth') channel.state = 'needsReauth';
  }
  return { settled };
}

/** A row that builds on another row's result (an update, a removal, a broadcast reads the post's id) waits until the lane's earlier rows are written. */
const buildsOnOthers = (d: DeliveryRecord) => d.action !== 'publish' || d.part === 'broadcast';

/**
 * One channel's rows, one after the other (the channel's pacing also holds across workers, src/limits.ts).
 * They are claimed together under one token, kept alive while the lane runs, and what the lane did not
 * reach (its channel stopped) is given back untried.
 */
async function lane(env: DispatchEnv, channel: ChannelRecord, rows: DeliveryRecord[], writers: Writers): Promise<number> {
  const { store } = env.deps;
  const token = randomUUID();
  const ids = rows.map((d) => d.id);
  let taken: Set<string>;
  try {
    taken = new Set(await writers.db(() => store.claimDeliveries(ids, token, env.deps.clock(), env.leaseMs)));
  } catch (error) {
    // Nothing claimed: the rows stay due for the next tick.
    env.onBug?.(error, rows[0]!);
    return 0;
  }
  if (taken.size === 0) return 0;
  const heartbeat = setInterval(() => void store.extendClaims(ids, token, new Date(env.deps.clock().getTime() + env.leaseMs)).catch(() => undefined), Math.max(1000, env.leaseMs / 3));
  // The lane goes on to its next call while a result waits for the writer: results of lanes side by side
  // are then written together (group commit) instead of one transaction each.
  const writing: Promise<boolean>[] = [];
  const written = async () => (await Promise.all(writing.splice(0))).filter(Boolean).length;
  let settled = 0;
  try {
    const publications = await store.publicationsByCodes(rows.filter((d) => taken.has(d.id)).map((d) => d.code));
    const memo: LaneMemo = { publications: new Map(publications.map((p) => [p.code, p])), sites: new Map() };
    for (const d of rows) {
      if (channel.state !== 'active') break;
      if (!taken.has(d.id)) continue;
      try {
        if (buildsOnOthers(d)) settled += await written();
        const { settled: result } = await runOne(env, memo, channel, d, token, writers);
        writing.push(
          result.catch((error: unknown) => {
            // The database failed under this row: its lease gives it back; the lane goes on.
            env.onBug?.(error, d);
            return false;
          }),
        );
      } catch (error) {
        env.onBug?.(error, d);
      }
    }
  } catch (error) {
    env.onBug?.(error, rows[0]!);
  } finally {
    settled += await written();
    clearInterval(heartbeat);
    await writers.db(() => store.releaseClaims(ids, token)).catch((error: unknown) => env.onBug?.(error, rows[0]!));
  }
  return settled;
}

/**
 * Deliveries run in lanes, one per channel, concurrently: a stalled platform holds only its own
 * channel. `tick` starts lanes for what is due on channels with no lane running and returns at once;
 * the clock calls it again while a hung lane waits out its call.
 */
export interface Dispatcher {
  /** Starts lanes for due rows of idle channels; returns how many rows they were given. */
  tick(limit?: number): Promise<number>;
  /** Resolves when every lane has ended; the rows they settled since the last call. */
  idle(): Promise<number>;
  /** Channels with a lane running. */
  busy(): string[];
  /** Resolves when some lane ends (at once when none runs: callers wait on it only while busy()). */
  laneEnded(): Promise<void>;
}

export function createDispatcher(env: DispatchEnv): Dispatcher {
  const lanes = new Map<string, Promise<number>>();
  const db = serial();
  const writers: Writers = { db, settle: settler(env.deps.store, db) };
  let settled = 0;
  return {
    async tick(limit = 20) {
      const { store } = env.deps;
      const due = await store.dueDeliveries(env.deps.clock(), limit, [...lanes.keys()]);
      if (due.length === 0) return 0;
      const channels = new Map((await store.channels()).map((c) => [c.id, c]));
      const byChannel = new Map<string, DeliveryRecord[]>();
      for (const d of due) byChannel.set(d.channelId, [...(byChannel.get(d.channelId) ?? []), d]);
      let given = 0;
      for (const [channelId, rows] of byChannel) {
        const channel = channels.get(channelId);
        if (!channel || channel.state !== 'active' || lanes.has(channelId)) continue;
        if (lanes.size >= (env.maxLanes ?? MAX_LANES)) break;
        given += rows.length;
        const run = lane(env, channel, rows, writers).then((n) => {
          settled += n;
          lanes.delete(channelId);
          return n;
        });
        lanes.set(channelId, run);
      }
      return given;
    },
    async idle() {
      while (lanes.size > 0) await Promise.all([...lanes.values()]);
      const n = settled;
      settled = 0;
      return n;
    },
    busy: () => [...lanes.keys()],
    laneEnded: async () => {
      if (lanes.size > 0) await Promise.race([...lanes.values()]);
    },
  };
}

/** Claims what is due and delivers it, channels side by side; returns how many rows this worker settled. */
export async function dispatchDue(env: DispatchEnv, limit = 20): Promise<number> {
  const dispatcher = createDispatcher(env);
  await dispatcher.tick(limit);
  return dispatcher.idle();
}
