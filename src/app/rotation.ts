import { randomUUID } from 'node:crypto';
import type { DeliveryResult } from '../core/delivery.js';
import { channelCredentialsPlace, seal, unseal } from '../core/sealing.js';
import type { Deps } from './deps.js';

const LOCK_MS = 30_000;
const WAIT_MS = 100;
const WAITS = 100;

/**
 * Rotates a channel's credentials at most once at a time across every worker. Zalo OA's refresh
 * tokens are single-use: two workers refreshing with the same one would lose the channel (-14020).
 * `used` is what the caller's failed call used; if the store already holds something newer,
 * another worker rotated first and that is returned without calling the platform.
 */
export async function rotateCredentials(
  deps: Deps,
  key: Buffer,
  channel: { id: string; key: string },
  used: string,
  rotate: (current: string) => Promise<string | DeliveryResult>,
): Promise<string | DeliveryResult> {
  const channelId = channel.id;
  const place = channelCredentialsPlace(channel.key);
  const newest = async () => {
    const sealed = await deps.store.channelCredentials(channelId);
    return sealed === null ? null : unseal(key, sealed, place);
  };
  const token = randomUUID();
  for (let i = 0; i < WAITS; i += 1) {
    const now = deps.clock();
    if (await deps.store.lockRefresh(channelId, token, now, new Date(now.getTime() + LOCK_MS))) {
      let saved: string | null = null;
      try {
        const current = await newest();
        if (current === null) return { kind: 'needsReauth', reason: 'stored credentials cannot be read with this HUB_SECRET' };
        if (current !== used) return current;
        const next = await rotate(current);
        if (typeof next !== 'string') return next;
        saved = seal(key, next, place);
        return next;
      } finally {
        await deps.store.saveRefreshed(channelId, token, saved);
      }
    }
    await new Promise((r) => setTimeout(r, WAIT_MS));
    const current = await newest();
    if (current !== null && current !== used) return current;
  }
  return { kind: 'retryLater', reason: 'another worker is refreshing the token' };
}
