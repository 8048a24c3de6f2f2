import type { ChannelProbe, ChannelState } from '../core/delivery.js';
import { ok, refuse, type Outcome } from '../core/result.js';
import { channelAccount, type DispatchEnv } from './dispatch.js';
import type { ChannelRecord } from './outboxPorts.js';

export type ChannelTestRefusal = 'unknown_channel' | 'channel_removed' | 'channel_sealed_elsewhere' | 'unknown_platform';

/** What a test's answer changes on the channel; `audited`: the answer is a verdict on the token (written to the trail). */
export interface ChannelTestRecord {
  change: { state?: ChannelState; lastError?: string | null };
  audited: boolean;
}

/**
 * What `channel test`'s answer leaves on the channel, as a delivery's result would (settle, src/core/delivery.ts):
 * a token the platform refuses puts a running channel in needsReauth with the reason, as a delivery refused
 * for it does; a refusal for another cause, or permissions the mirror needs and lacks, is the channel's last
 * error. A platform that could not answer gave no verdict on the token: its answer is shown as the last
 * error but changes no state (nor the reason a channel already waiting for a reconnect waits). A good
 * answer clears the last error as a delivery does, and like a delivery leaves the state alone: a channel
 * waiting for a reconnect keeps waiting, with its reason. Verdicts are audited; unanswered calls are not,
 * as retries are not.
 */
export function testRecord(channel: ChannelRecord, probe: ChannelProbe): ChannelTestRecord {
  const waiting = channel.state === 'needsReauth';
  switch (probe.kind) {
    case 'reachable':
      if (probe.missing.length > 0) return { change: { lastError: `missing permissions: ${probe.missing.join(', ')}` }, audited: true };
      return { change: waiting || channel.lastError === null ? {} : { lastError: null }, audited: true };
    case 'needsReauth':
      // Paused stays paused (an operator's choice; resume then meets the refusal as a delivery would).
      return { change: channel.state === 'active' ? { state: 'needsReauth', lastError: probe.reason } : { lastError: probe.reason }, audited: true };
    case 'rejected':
      return { change: { lastError: probe.reason }, audited: true };
    case 'retryLater':
    case 'outcomeUnknown':
      return { change: waiting ? {} : { lastError: probe.reason }, audited: false };
  }
}

/** What the answer was called on the trail: a reachable account missing what the mirror needs is not a pass. */
const verdict = (probe: ChannelProbe): string => (probe.kind === 'reachable' && probe.missing.length > 0 ? 'missing' : probe.kind);

/**
 * `channel test`: one read call to the platform with the channel's stored token, changing nothing there
 * (a Zalo OA token past its life is refreshed and stored, as a delivery would). Nothing is posted. What it
 * found is recorded on the channel (testRecord), so `channel list` shows it; `channel` is the channel as
 * it stands afterwards (as read before the call when it changed meanwhile: then nothing was recorded).
 */
export async function testChannel(env: Pick<DispatchEnv, 'deps' | 'sealingKey' | 'adapters' | 'revealed'>, key: string): Promise<Outcome<{ channel: ChannelRecord; probe: ChannelProbe }, ChannelTestRefusal>> {
  const channel = (await env.deps.store.channels()).find((c) => c.key === key);
  if (!channel) return refuse('unknown_channel', { key });
  if (channel.state === 'removed') return refuse('channel_removed', { key });
  const adapter = env.adapters[channel.platform];
  if (!adapter) return refuse('unknown_platform', { platform: channel.platform, platforms: Object.keys(env.adapters).join(', ') });
  // Credentials this HUB_SECRET cannot open say nothing of the token (the service may hold the right key): nothing is recorded.
  const account = channelAccount(env, channel);
  if (!account) return refuse('channel_sealed_elsewhere', { key });
  const probe = await adapter.probe(account);
  const { change, audited } = testRecord(channel, probe);
  const reason = probe.kind === 'reachable' ? (probe.missing.length > 0 ? probe.missing.join(', ') : null) : probe.reason;
  const audit = audited
    ? { at: env.deps.clock(), actorId: null, action: 'channel.test', subjectType: 'channel', subjectId: channel.id, data: { key, platform: channel.platform, accountId: channel.accountId, result: verdict(probe), reason } }
    : null;
  // Written only while the channel is as it was read: a reconnect, pause or removal meanwhile wins.
  const recorded = await env.deps.store.recordChannelTest(channel.id, channel.state, change, audit);
  return ok({ channel: recorded ? { ...channel, ...change } : channel, probe });
}
