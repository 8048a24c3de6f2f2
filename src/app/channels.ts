import { ok, refuse, type Outcome } from '../core/result.js';
import type { ChannelPolicy, ChannelProbe, ChannelState } from '../core/delivery.js';
import type { CredentialsProblem } from '../core/credentialsShape.js';
import { channelCredentialsPlace, seal } from '../core/sealing.js';
import type { Deps } from './deps.js';
import { testRecord } from './channelTest.js';
import { refusedForRole } from './refusals.js';
import type { ChannelAccount, ChannelProfile, ChannelRecord } from './outboxPorts.js';
import { mayAdministerPortal, type Operator } from './people.js';

/** Not JSON at all is said as such; a reader's complaint names the field, never the value. */
const badCredentials = (platform: string, problem: CredentialsProblem) =>
  refuse(problem.notJson ? 'bad_credentials_not_json' : 'bad_credentials', { platform, problem: problem.complaint, expected: problem.expected });

/** The platforms this build knows, by name: given by the composition root (src/mirrorSetup.ts). */
export type Profiles = Readonly<Record<string, ChannelProfile>>;

export type ChannelRefusal = 'unknown_site' | 'bad_channel_key' | 'unknown_platform' | 'channel_exists' | 'unknown_channel' | 'empty_token' | 'cannot_broadcast' | 'bad_credentials' | 'bad_credentials_not_json' | 'channel_removed' | 'channel_account_taken' | 'channel_probe_refused' | 'channel_reconnect_refused' | 'channel_reconnect_unanswered' | 'credentials_too_large';

/**
 * The most a channel's credentials may take, in UTF-8 bytes. Real ones are far smaller: a Facebook Page token is
 * 200-300 characters, a YouTube JSON (clientId, clientSecret, refreshToken) under 1 KB, a Zalo OA JSON with its
 * access and refresh tokens under 2 KB. Anything bigger is a wrong paste (a file, a log), never a token.
 */
export const CREDENTIALS_MAX_BYTES = 16 * 1024;

/** The refusal for credentials past CREDENTIALS_MAX_BYTES (also given by the terminal as soon as standard input passes it). */
export const credentialsTooLarge = () => refuse('credentials_too_large', { limit: `${CREDENTIALS_MAX_BYTES / 1024} KB` });

const tooLarge = (token: string): boolean => Buffer.byteLength(token, 'utf8') > CREDENTIALS_MAX_BYTES;

/** A platform's read call with credentials not yet stored (connect, reconnect): the adapter's probe. */
export type CredentialsProbe = (account: ChannelAccount) => Promise<ChannelProbe>;

/**
 * One read call with credentials before anything is stored: connect and reconnect both go through here. A Zalo OA
 * refresh token is single-use, so what the call rotated to is what is returned (and stored). `refused`: the platform
 * refused the token (or the account for it), so nothing may be kept.
 */
async function probeCredentials(accountId: string, given: string, probe: CredentialsProbe): Promise<{ credentials: string; probed: ChannelProbe; refused: boolean }> {
  let credentials = given;
  const account: ChannelAccount = {
    accountId,
    credentials,
    refreshed: async (rotate) => {
      const next = await rotate(credentials);
      if (typeof next === 'string') credentials = next;
      return next;
    },
  };
  const probed = await probe(account);
  return { credentials, probed, refused: probed.kind === 'needsReauth' || probed.kind === 'rejected' };
}

/** What the read call found, as the trail names it (channel test's verdicts). */
const probeVerdict = (probe: ChannelProbe): { result: string; reason: string | null } =>
  probe.kind === 'reachable' ? { result: probe.missing.length > 0 ? 'missing' : 'reachable', reason: probe.missing.length > 0 ? probe.missing.join(', ') : null } : { result: probe.kind, reason: probe.reason };

/** Connects a mirror (Điều 7.5: a new channel needs the standing office's approval, given outside this tool). */
export async function connectChannel(
  deps: Deps,
  sealingKey: Buffer,
  profiles: Profiles,
  input: { key: string; platform: string; accountId: string; token: string; kinds?: string[]; categories?: string[]; sites?: string[]; broadcast?: boolean },
  probe?: (account: ChannelAccount) => Promise<ChannelProbe>,
): Promise<Outcome<{ channel: ChannelRecord; probe: ChannelProbe | null }, ChannelRefusal>> {
  if (!/^[a-z0-9-]{2,40}$/.test(input.key)) return refuse('bad_channel_key', { key: input.key });
  const profile = profiles[input.platform];
  if (!profile) return refuse('unknown_platform', { platform: input.platform, platforms: Object.keys(profiles).join(', ') });
  if (input.broadcast && !profile.canBroadcast) return refuse('cannot_broadcast', { platform: input.platform });
  if (tooLarge(input.token)) return credentialsTooLarge();
  if (input.token.trim() === '') return refuse('empty_token');
  const problem = profile.credentialsProblem(input.token.trim());
  if (problem !== null) return badCredentials(profile.label, problem);
  const known = await deps.store.sites();
  const siteIds: string[] = [];
  for (const siteKey of input.sites ?? []) {
    const site = known.find((x) => x.key === siteKey);
    if (!site) return refuse('unknown_site', { site: siteKey });
    siteIds.push(site.id);
  }
  const channels = await deps.store.channels();
  if (channels.some((c) => c.key === input.key)) return refuse('channel_exists', { key: input.key });
  // Two channels on one Page would post every item twice.
  const twin = channels.find((c) => c.platform === input.platform && c.accountId === input.accountId && c.state !== 'removed');
  if (twin) return refuse('channel_account_taken', { key: twin.key, platform: input.platform, account: input.accountId });
  // One read call before anything is stored: a token the platform refuses is never kept.
  let credentials = input.token.trim();
  let probed: ChannelProbe | null = null;
  if (probe) {
    const found = await probeCredentials(input.accountId, credentials, probe);
    if (found.refused && found.probed.kind !== 'reachable') return refuse('channel_probe_refused', { key: input.key, platform: profile.label, account: input.accountId, reason: found.probed.reason });
    ({ credentials, probed } = found);
  }
  // By default a channel takes every item; what it makes of one is its platform's (video only to YouTube, say).
  const policy: ChannelPolicy = { kinds: input.kinds ?? [], categories: input.categories ?? [], ...(siteIds.length ? { sites: siteIds } : {}), parts: profile.parts({ broadcast: input.broadcast ?? false }) };
  const platform = input.platform;
  const channel = await deps.store.addChannel(
    { key: input.key, platform, accountId: input.accountId, policy, state: 'active', credentials: seal(sealingKey, credentials, channelCredentialsPlace(input.key)) },
    // The audit row names the channel, never its token.
    { at: deps.clock(), actorId: null, action: 'channel.connect', subjectType: 'channel', subjectId: '', data: { key: input.key, platform, accountId: input.accountId, ...(input.sites?.length ? { sites: input.sites } : {}) } },
  );
  return ok({ channel, probe: probed });
}

async function channelByKey(deps: Deps, key: string): Promise<ChannelRecord | null> {
  return (await deps.store.channels()).find((c) => c.key === key) ?? null;
}

/**
 * New credentials for a channel, tried first with the same read call as connect: a token the platform refuses is
 * not stored, and the channel keeps its old credentials and state untouched. A platform that cannot answer gives
 * no verdict, so the token is stored (the caller warns), as at connect. What the call found is recorded on the
 * channel as `channel test` records it (last error for missing permissions or no answer) and named on the trail.
 */
export async function reconnectChannel(
  deps: Deps,
  sealingKey: Buffer,
  profiles: Profiles,
  key: string,
  token: string,
  probe?: CredentialsProbe,
  options: { unverified?: boolean } = {},
): Promise<Outcome<{ channel: ChannelRecord; probe: ChannelProbe | null }, ChannelRefusal>> {
  const channel = await channelByKey(deps, key);
  if (!channel) return refuse('unknown_channel', { key });
  if (tooLarge(token)) return credentialsTooLarge();
  if (token.trim() === '') return refuse('empty_token');
  const profile = profiles[channel.platform];
  const problem = profile ? profile.credentialsProblem(token.trim()) : null;
  if (profile && problem !== null) return badCredentials(profile.label, problem);
  let credentials = token.trim();
  let probed: ChannelProbe | null = null;
  if (probe) {
    const found = await probeCredentials(channel.accountId, credentials, probe);
    if (found.refused && found.probed.kind !== 'reachable') {
      return refuse('channel_reconnect_refused', { key, platform: profile?.label ?? channel.platform, account: channel.accountId, reason: found.probed.reason });
    }
    // A platform that did not answer says nothing of the new token: a channel that still works keeps the
    // token it has, unless the operator says to take the new one unchecked.
    const unanswered = found.probed.kind === 'retryLater' || found.probed.kind === 'outcomeUnknown' ? found.probed : null;
    if (unanswered && channel.state !== 'needsReauth' && !options.unverified) {
      return refuse('channel_reconnect_unanswered', { key, platform: profile?.label ?? channel.platform, reason: unanswered.reason });
    }
    ({ credentials, probed } = found);
  }
  const verdict = probed ? probeVerdict(probed) : null;
  const sealed = seal(sealingKey, credentials, channelCredentialsPlace(channel.key));
  await deps.store.reconnectChannel(channel.id, sealed, {
    at: deps.clock(), actorId: null, action: 'channel.reconnect', subjectType: 'channel', subjectId: channel.id, data: { key, ...(verdict ? { probe: verdict.result, reason: verdict.reason } : {}) },
  });
  // The store leaves a reconnected channel running with no last error; what the call found is written over that.
  let now: ChannelRecord = { ...channel, credentials: sealed, state: 'active', lastError: null };
  if (probed) {
    const { change } = testRecord(now, probed);
    if (Object.keys(change).length > 0 && (await deps.store.recordChannelTest(channel.id, 'active', change, null))) now = { ...now, ...change };
  }
  return ok({ channel: now, probe: probed });
}

export async function setChannelState(deps: Deps, op: Operator, key: string, state: Extract<ChannelState, 'active' | 'paused'>): Promise<Outcome<void, ChannelRefusal | 'not_admin'>> {
  if (!(await mayAdministerPortal(deps, op))) return op.kind === 'person' ? refusedForRole(deps, op.personId, `channel.${state === 'paused' ? 'pause' : 'resume'}`, refuse('not_admin')) : refuse('not_admin');
  const channel = await channelByKey(deps, key);
  if (!channel) return refuse('unknown_channel', { key });
  if (channel.state === 'removed') return refuse('channel_removed', { key });
  await deps.store.setChannelState(channel.id, state, { at: deps.clock(), actorId: null, action: state === 'paused' ? 'channel.pause' : 'channel.resume', subjectType: 'channel', subjectId: channel.id, data: { key, by: op.kind === 'person' ? op.personId : 'operator' } });
  return ok(undefined);
}

export type ChannelRemoval = { key: string; cancelled: number; postsLeft: number; removalsDropped: string[] };

/**
 * Disconnects a channel for good: its token is erased and nothing more is queued for it; what was
 * posted stays on the platform (without a token nobody can reach it). A take-down the channel has not
 * yet carried out would leave an item up on the platform, so it is refused unless the operator forces
 * it, and then told which items to remove by hand.
 */
export async function removeChannel(deps: Deps, key: string, force: boolean): Promise<Outcome<ChannelRemoval, 'unknown_channel' | 'channel_removed' | 'removals_pending'>> {
  const channel = await channelByKey(deps, key);
  if (!channel) return refuse('unknown_channel', { key });
  if (channel.state === 'removed') return refuse('channel_removed', { key });
  const removals = await deps.store.channelRemovalsOpen(channel.id);
  if (removals.length > 0 && !force) return refuse('removals_pending', { key, count: String(removals.length), codes: removals.slice(0, 10).join(', ') });
  const now = deps.clock();
  const done = await deps.store.removeChannel(channel.id, now, {
    at: now, actorId: null, action: 'channel.remove', subjectType: 'channel', subjectId: channel.id, data: { key, platform: channel.platform, accountId: channel.accountId, removalsDropped: removals },
  });
  return ok({ key, ...done, removalsDropped: removals });
}
