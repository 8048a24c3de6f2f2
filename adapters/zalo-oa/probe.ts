import type { ChannelAccount } from '../../src/app/outboxPorts.js';
import { probeFailed, type ChannelProbe } from '../../src/core/delivery.js';
import type { ZaloClient } from './client.js';
import { sortZaloFailure } from './errors.js';
import { withToken } from './tokens.js';

/**
 * The OA the access token belongs to (`GET /v2.0/oa/getoa`); an expired token is refreshed as a delivery
 * would (under the channel's lock, the new pair stored). Zalo does not list a token's permissions.
 */
export async function probeZaloOa(zalo: ZaloClient, account: ChannelAccount): Promise<ChannelProbe> {
  const r = await withToken(zalo, account, (token) => zalo.get('/v2.0/oa/getoa', token, {}));
  if (!r.ok) return probeFailed('result' in r ? r.result : sortZaloFailure(r.failure, false));
  const oaId = r.data.oa_id === undefined ? account.accountId : String(r.data.oa_id);
  if (oaId !== account.accountId) return { kind: 'rejected', reason: `the token is for OA ${oaId}, not ${account.accountId}` };
  const name = typeof r.data.name === 'string' ? r.data.name : oaId;
  const followers = typeof r.data.num_follower === 'number' ? String(r.data.num_follower) : undefined;
  return { kind: 'reachable', name, accountId: oaId, granted: [], missing: [], ...(followers ? { note: { key: 'probe_note_followers', detail: { count: followers } } } : {}) };
}
