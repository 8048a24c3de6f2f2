import type { ChannelProbe } from '../core/delivery.js';
import { ok, refuse, type Outcome } from '../core/result.js';
import { channelAccount, type DispatchEnv } from './dispatch.js';
import type { ChannelRecord } from './outboxPorts.js';

export type ChannelTestRefusal = 'unknown_channel' | 'channel_removed' | 'channel_sealed_elsewhere' | 'unknown_platform';

/**
 * `channel test`: one read call to the platform with the channel's stored token, changing nothing there
 * (a Zalo OA token past its life is refreshed and stored, as a delivery would). Nothing is posted.
 */
export async function testChannel(env: Pick<DispatchEnv, 'deps' | 'sealingKey' | 'adapters' | 'revealed'>, key: string): Promise<Outcome<{ channel: ChannelRecord; probe: ChannelProbe }, ChannelTestRefusal>> {
  const channel = (await env.deps.store.channels()).find((c) => c.key === key);
  if (!channel) return refuse('unknown_channel', { key });
  if (channel.state === 'removed') return refuse('channel_removed', { key });
  const adapter = env.adapters[channel.platform];
  if (!adapter) return refuse('unknown_platform', { platform: channel.platform, platforms: Object.keys(env.adapters).join(', ') });
  const account = channelAccount(env, channel);
  if (!account) return refuse('channel_sealed_elsewhere', { key });
  return ok({ channel, probe: await adapter.probe(account) });
}
