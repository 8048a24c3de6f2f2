import type { DeliveryResult } from '../../src/core/delivery.js';
import type { ChannelAccount } from '../../src/app/outboxPorts.js';
import type { ZaloAnswer, ZaloClient } from './client.js';
import { readCredentials } from './credentials.js';
import { sortZaloFailure, tokenExpired } from './errors.js';

/** A call's answer, or why a token could not be had (the refresh was refused). */
export type TokenCall = ZaloAnswer | { ok: false; result: DeliveryResult };

/**
 * One call with the stored access token; on an expired token, one refresh (under the channel's
 * lock, since Zalo's refresh tokens are single-use) and one retry. Shared by the mirror and the
 * interactions side, so both rotate the same stored pair the same way.
 */
export async function withToken(zalo: ZaloClient, account: ChannelAccount, run: (token: string) => Promise<ZaloAnswer>): Promise<TokenCall> {
  const first = await run(readCredentials(account.credentials).accessToken);
  if (first.ok || !tokenExpired(first.failure)) return first;
  const rotated = await account.refreshed(async (current) => {
    const c = readCredentials(current);
    const r = await zalo.refresh(c.appId, c.secretKey, c.refreshToken);
    return r.ok ? JSON.stringify({ ...c, accessToken: r.accessToken, refreshToken: r.refreshToken }) : sortZaloFailure(r.failure, false);
  });
  if (typeof rotated !== 'string') return { ok: false, result: rotated };
  return run(readCredentials(rotated).accessToken);
}
