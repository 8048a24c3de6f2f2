import { ZaloApiError } from 'zca-js';
import type { DeliveryResult } from '../../src/core/delivery.js';
import { BudgetStopped } from '../../src/app/sendBudget.js';
import { causeCode, NETWORK_CODES } from '../../src/core/errorCause.js';
import { BudgetSpent, PacerStopped } from './pacer.js';

/** Close codes of the listener socket (zca-js CloseReason). */
export const CLOSE_MANUAL = 1000;
export const CLOSE_DUPLICATE = 3000;
export const CLOSE_KICKED = 3003;

/** What a closed listener means: stopped by us, taken over by another Zalo Web session, or just dropped. */
export type ClosedBecause = 'stopped' | 'takenOver' | 'dropped';

export function sortClose(code: number): ClosedBecause {
  if (code === CLOSE_MANUAL) return 'stopped';
  if (code === CLOSE_DUPLICATE || code === CLOSE_KICKED) return 'takenOver';
  return 'dropped';
}

/** The network code behind a failed call (no route to Zalo from this machine), or null when Zalo was reached. */
export function unreachableCode(error: unknown): string | null {
  // A call that ran out of time is aborted with a TimeoutError of its own, not a system code.
  if ((error as { name?: unknown } | null)?.name === 'TimeoutError') return 'ETIMEDOUT';
  return causeCode(error, NETWORK_CODES);
}

/**
 * Codes Zalo answers when the account sends too much (zca-js issues #290 "Retry limit" -69 and
 * #229 code 123 on bulk sends): wait and send again.
 */
const SLOW_DOWN = new Set([-69, 123]);

/** Sorted by the code Zalo answered, never by its message. */
export function sortSendError(error: unknown): Exclude<DeliveryResult, { kind: 'delivered' }> {
  // Refused before it was sent (shutting down): nothing went out, so it is sent again later.
  if (error instanceof PacerStopped || error instanceof BudgetStopped) return { kind: 'retryLater', reason: error.message };
  // The hour's or the day's budget is spent: not sent, and owed notices are told when there is room.
  if (error instanceof BudgetSpent) return { kind: 'retryLater', reason: error.message, quotaExhausted: true };
  if (error instanceof ZaloApiError) {
    const reason = `Zalo ${error.code ?? '?'}: ${error.message}`;
    if (error.code !== null && SLOW_DOWN.has(error.code)) return { kind: 'retryLater', reason, afterMs: 30_000 };
    if (error.code === null) return { kind: 'outcomeUnknown', reason };
    return { kind: 'rejected', reason };
  }
  // No answer (network): the message may have gone out; sending again could post it twice.
  return { kind: 'outcomeUnknown', reason: error instanceof Error ? error.message : String(error) };
}

/**
 * A sign-in Zalo refused needs a person (a new QR login); anything else passes by waiting. zca-js turns
 * an HTTP 502 into the same ZaloApiError as a refused session, with no code, so the HTTP statuses the
 * attempt met decide: a server error or no answer on the way is Zalo's trouble, never the session's.
 */
export function sortLoginError(error: unknown, statuses: readonly number[]): 'needsLogin' | 'retryLater' {
  if (!(error instanceof ZaloApiError)) return 'retryLater';
  return statuses.some((status) => status === 0 || status >= 500 || status === 429 || status === 408) ? 'retryLater' : 'needsLogin';
}

/** A fetch that notes the HTTP status of every answer (0: none came), for sortLoginError. */
export function statusWatching(fetchImpl: typeof fetch): { fetch: typeof fetch; statuses: number[] } {
  const statuses: number[] = [];
  const watched: typeof fetch = async (input, init) => {
    try {
      const response = await fetchImpl(input, init);
      statuses.push(response.status);
      return response;
    } catch (error) {
      statuses.push(0);
      throw error;
    }
  };
  return { fetch: watched, statuses };
}
