import { facebookChannel } from '../adapters/facebook/channel.js';
import { youtubeChannel } from '../adapters/youtube/channel.js';
import { zaloOaChannel } from '../adapters/zalo-oa/channel.js';
import { COVER_PATH } from './http/portal/assets.js';
import type { Deps } from './app/deps.js';
import type { DispatchEnv } from './app/dispatch.js';
import type { Config } from './config.js';
import { facebookProfile } from '../adapters/facebook/profile.js';
import { youtubeProfile, youtubeQuota } from '../adapters/youtube/profile.js';
import { zaloBroadcastQuota, zaloOaProfile } from '../adapters/zalo-oa/profile.js';
import type { Profiles } from './app/channels.js';
import { untilNextQuotaDay } from './core/quota.js';
import { sealingKey } from './core/sealing.js';

/** Every platform this build knows, by the name channels are connected with. */
export const CHANNEL_PROFILES: Profiles = { facebook: facebookProfile, youtube: youtubeProfile, 'zalo-oa': zaloOaProfile };

/** What readers see of each platform's name (the article's links to its mirrors). */
export const MIRROR_LABELS: Record<string, string> = Object.fromEntries(Object.entries(CHANNEL_PROFILES).map(([k, p]) => [k, p.label]));

/** Platform quotas as the configuration sets them (shown by /channels, enforced by the dispatcher). */
export const mirrorQuotas = (config: Config): NonNullable<DispatchEnv['quotas']> => ({
  youtube: youtubeQuota(config.youtube.units, config.youtube.uploadCost),
  'zalo-oa': zaloBroadcastQuota(config.zaloOa.broadcastsPerMonth),
});

/** Every channel adapter this build knows, configured; shared by the service and the `dispatch` worker. */
export function dispatchEnvFor(config: Config, deps: Deps, hubSecret: string, options: { leaseMs: number; limits?: DispatchEnv['limits']; hooks?: Pick<DispatchEnv, 'onProblem' | 'onBug' | 'onMiss' | 'revealed'> }): DispatchEnv {
  return {
    deps,
    adapters: {
      facebook: facebookChannel({ baseUrl: config.facebook.graphBase, videoBaseUrl: config.facebook.graphVideoBase, version: config.facebook.graphVersion, timeoutMs: 30_000, now: () => deps.clock().getTime() }),
      youtube: youtubeChannel({
        rootUrl: `${config.youtube.apiRoot}/`,
        tokenUrl: config.youtube.tokenUrl,
        chunkBytes: config.youtube.chunkBytes,
        timeoutMs: 120_000,
        untilQuotaReset: () => untilNextQuotaDay(deps.clock(), 'America/Los_Angeles'),
      }),
      'zalo-oa': zaloOaChannel({
        openApiBase: config.zaloOa.openApiBase,
        oauthBase: config.zaloOa.oauthBase,
        timeoutMs: 60_000,
        defaultCoverUrl: `${config.portalBaseUrl}${COVER_PATH}`,
        pollEveryMs: 2_000,
        pollTries: 5,
      }),
    },
    quotas: mirrorQuotas(config),
    sealingKey: sealingKey(hubSecret),
    portalBaseUrl: config.portalBaseUrl,
    mediaDir: config.mediaDir,
    // Longer than any call can take (a 120 s timeout per upload chunk): a row is only taken back from a worker that is gone.
    leaseMs: options.leaseMs,
    random: Math.random,
    ...(options.limits ? { limits: options.limits } : {}),
    ...options.hooks,
  };
}
