import type { DeliveryResult } from '../../src/core/delivery.js';

/**
 * What a Bot Platform answer means for the call that got it, sorted by HTTP status and `error_code`
 * (never by the description's text). The platform publishes no rate limits; third-party adapters see
 * 429 on bursts, and 401/403 once a token is revoked or regenerated in Zalo Bot Manager.
 */
export type BotFailure = Exclude<DeliveryResult, { kind: 'delivered' }>;

/** getUpdates with nothing new (adapters treat 408, as status or code, as an empty poll) [unconfirmed]. */
export const EMPTY_POLL = 408;

const TOKEN_REFUSED = new Set([401, 403]);
const SLOW_DOWN = 429;

export function sortBotError(status: number, errorCode: number | null, description: string): BotFailure {
  const code = errorCode ?? status;
  const reason = `Zalo Bot ${code}: ${description.slice(0, 200)}`;
  if (TOKEN_REFUSED.has(status) || TOKEN_REFUSED.has(code)) return { kind: 'needsReauth', reason };
  if (status === SLOW_DOWN || code === SLOW_DOWN) return { kind: 'retryLater', reason, afterMs: 30_000 };
  if (status >= 500 || code >= 500 || status === EMPTY_POLL) return { kind: 'retryLater', reason, afterMs: 5_000 };
  return { kind: 'rejected', reason };
}
