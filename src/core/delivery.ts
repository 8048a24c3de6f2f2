/**
 * The outbox rules, pure: what a channel call's result does to its delivery, how long to wait
 * before trying again, and which channels take which items.
 */

/** A channel call's result, sorted by the platform's adapter (by error code, never by message text). */
export type DeliveryResult =
  /** `note`: something an operator should know although the post is out (a thumbnail refused, say). */
  | { kind: 'delivered'; externalId: string; url: string | null; note?: string }
  /** `quotaExhausted`: the platform's daily quota is spent; the delivery waits for the next quota day. */
  | { kind: 'retryLater'; reason: string; afterMs?: number; quotaExhausted?: boolean }
  | { kind: 'needsReauth'; reason: string }
  | { kind: 'rejected'; reason: string }
  /** The call may have posted: the platform is asked before any retry. */
  | { kind: 'outcomeUnknown'; reason: string };

/** Something the operator should know that does not stop the mirror; said from the message catalogue. */
export type ProbeNote =
  | { key: 'probe_note_optional_scope'; detail: { scope: string } }
  | { key: 'probe_note_permissions_unknown'; detail: Record<string, never> }
  | { key: 'probe_note_followers'; detail: { count: string } };

/**
 * `channel test`: one read call with the stored token. Reachable: the account's name as the platform
 * knows it, what the token was granted, and what the mirror needs that it lacks (empty when the
 * platform does not say). Otherwise why not, sorted as a delivery would be.
 */
export type ChannelProbe =
  | { kind: 'reachable'; name: string; accountId: string; granted: string[]; missing: string[]; note?: ProbeNote }
  | Exclude<DeliveryResult, { kind: 'delivered' }>;

/** A platform that did not answer, said in both languages: the reason is shown as it is in `channel list` and the admin chat. */
export const noAnswerFrom = (platform: string, detail: string): string => `${platform} không trả lời / no answer from ${platform} (${detail})`;

/** A sorted failure as a probe's answer; a failure sorted as delivered is a bug in its adapter. */
export function probeFailed(result: DeliveryResult): ChannelProbe {
  if (result.kind === 'delivered') throw new Error('a failed call was sorted as delivered');
  return result;
}

/** Asking the platform whether an earlier call posted after all. */
export type Lookup = { kind: 'found'; externalId: string; url: string | null } | { kind: 'absent' } | { kind: 'unknown'; reason: string };

export type DeliveryAction = 'publish' | 'update' | 'remove';
export type DeliveryPart = 'post' | 'video' | 'article' | 'broadcast';
export const DELIVERY_PARTS: readonly DeliveryPart[] = ['post', 'video', 'article', 'broadcast'];

/** Parts that cannot be changed or taken back once sent: corrections and take-downs leave them. */
export const FINAL_PARTS: ReadonlySet<DeliveryPart> = new Set(['broadcast']);

/** What a channel makes of an item, one irreversible call per part, each checked and retried on its own. */
export interface PartsRule {
  plain: DeliveryPart[];
  withVideo: DeliveryPart[];
}

export const partsFor = (policy: { parts: PartsRule }, item: { hasVideo: boolean }): DeliveryPart[] => (item.hasVideo ? policy.parts.withVideo : policy.parts.plain);

export type DeliveryState = 'pending' | 'inFlight' | 'delivered' | 'rejected' | 'cancelled';
/** removed: an operator disconnected it; its token is erased, its history kept, nothing is queued for it. */
export type ChannelState = 'active' | 'paused' | 'needsReauth' | 'removed';

export const BACKOFF = { firstMs: 5_000, maxMs: 30 * 60_000 };

/** Exponential back-off with jitter: between half and all of first × 2^(attempt−1), capped. */
export function backoffMs(attempt: number, random: number): number {
  const ceiling = Math.min(BACKOFF.maxMs, BACKOFF.firstMs * 2 ** Math.max(0, attempt - 1));
  return Math.round(ceiling * (0.5 + 0.5 * Math.min(Math.max(random, 0), 1)));
}

export interface ChannelPolicy {
  /** Item kinds the channel takes; empty: every kind. */
  kinds: string[];
  categories: string[];
  /**
   * Ids of the sites whose items the channel takes; absent or empty: every site's. A department's own Page takes its
   * own items; the province's channels share of the component sites only what the province lists here.
   */
  sites?: string[];
  /** Set from the platform's profile when the channel is connected. */
  parts: PartsRule;
}

export function takes(policy: ChannelPolicy, item: { kind: string; category: string | null; siteId: string }): boolean {
  const kindOk = policy.kinds.length === 0 || policy.kinds.includes(item.kind);
  const categoryOk = policy.categories.length === 0 || (item.category !== null && policy.categories.includes(item.category));
  const siteOk = !policy.sites || policy.sites.length === 0 || policy.sites.includes(item.siteId);
  return kindOk && categoryOk && siteOk;
}

/** What a decision asks of every mirror. */
export function mirrorAction(effect: { action: string; publishes: boolean }): DeliveryAction | null {
  if (effect.action === 'takeDown') return 'remove';
  if (effect.action === 'correct') return 'update';
  return effect.publishes ? 'publish' : null;
}

export interface Settlement {
  state: DeliveryState;
  attempts: number;
  nextAttemptAt: Date;
  externalId?: string;
  externalUrl?: string | null;
  lastError: string | null;
  /** Kept when the call may have posted: the next attempt looks before it posts. */
  keepCallStarted: boolean;
  channel: { state?: ChannelState; lastSuccessAt?: Date; lastError?: string | null };
}

export function settle(result: DeliveryResult, attempts: number, now: Date, random: number): Settlement {
  const later = (ms: number) => new Date(now.getTime() + ms);
  switch (result.kind) {
    case 'delivered':
      return { state: 'delivered', attempts, nextAttemptAt: now, externalId: result.externalId, externalUrl: result.url, lastError: result.note ?? null, keepCallStarted: false, channel: { lastSuccessAt: now, lastError: null } };
    case 'retryLater':
      return { state: 'pending', attempts, nextAttemptAt: later(Math.max(result.afterMs ?? 0, backoffMs(attempts, random))), lastError: result.reason, keepCallStarted: false, channel: {} };
    case 'outcomeUnknown':
      return { state: 'pending', attempts, nextAttemptAt: later(backoffMs(attempts, random)), lastError: result.reason, keepCallStarted: true, channel: {} };
    case 'needsReauth':
      // Paused, not failed: the delivery waits for the channel to be reconnected.
      return { state: 'pending', attempts, nextAttemptAt: now, lastError: result.reason, keepCallStarted: false, channel: { state: 'needsReauth', lastError: result.reason } };
    case 'rejected':
      return { state: 'rejected', attempts, nextAttemptAt: now, lastError: result.reason, keepCallStarted: false, channel: { lastError: result.reason } };
  }
}
