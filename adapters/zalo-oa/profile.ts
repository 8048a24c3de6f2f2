import { credentialsProblem } from '../../src/core/credentialsShape.js';
import { readCredentials } from './credentials.js';
import type { ChannelProfile } from '../../src/app/outboxPorts.js';
import type { QuotaRule } from '../../src/core/quota.js';

/** An OA gets an article (normal, or video for an item with a video) and, where it broadcasts, a broadcast of it. */
export const zaloOaProfile: ChannelProfile = {
  label: 'Zalo OA',
  parts: ({ broadcast }) => (broadcast ? { plain: ['article', 'broadcast'], withVideo: ['article', 'broadcast'] } : { plain: ['article'], withVideo: ['article'] }),
  canBroadcast: true,
  credentialsProblem: (text) => credentialsProblem(() => readCredentials(text), 'JSON {"appId", "secretKey", "accessToken", "refreshToken"}'),
};

/** Only broadcasts count: articles are not limited; a follower may receive a few broadcasts a month. */
export function zaloBroadcastQuota(perMonth: number): QuotaRule {
  return { units: perMonth, period: 'month', warnAt: 0.75, costs: { publish: 0, update: 0, remove: 0, lookup: 0 }, partCosts: { broadcast: 1 }, timeZone: 'Asia/Ho_Chi_Minh' };
}
