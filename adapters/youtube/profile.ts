import { credentialsProblem } from '../../src/core/credentialsShape.js';
import { readCredentials } from './credentials.js';
import type { ChannelProfile } from '../../src/app/outboxPorts.js';
import type { QuotaRule } from '../../src/core/quota.js';

/** Only items with a video go to YouTube. */
export const youtubeProfile: ChannelProfile = {
  label: 'YouTube',
  parts: () => ({ plain: [], withVideo: ['video'] }),
  canBroadcast: false,
  credentialsProblem: (text) => credentialsProblem(() => readCredentials(text), 'JSON {"clientId", "clientSecret", "refreshToken", "playlistId"?}'),
};

/**
 * Units per day, reset at midnight Pacific time. What an upload costs is configuration: Google's
 * pages disagree (notes/platforms.md §5). An upload also sets the thumbnail and joins the playlist: 50 units each.
 */
export function youtubeQuota(units: number, uploadCost: number): QuotaRule {
  return { units, period: 'day', warnAt: 0.8, costs: { publish: uploadCost + 100, update: 50, remove: 50, lookup: 2 }, timeZone: 'America/Los_Angeles' };
}
