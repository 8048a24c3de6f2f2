import { noAnswerFrom, type DeliveryResult } from '../../src/core/delivery.js';
import type { ZaloAnswer } from './client.js';

type Failure = Extract<ZaloAnswer, { ok: false }>['failure'];

/** The access token expired or is invalid: refresh once, then try once more. */
export const ACCESS_TOKEN_INVALID = -216;
/** A refresh token used twice or expired: a person must authorise the OA again. */
export const REFRESH_TOKEN_INVALID = -14020;

export const tokenExpired = (f: Failure) => (f.kind === 'zalo' && f.code === ACCESS_TOKEN_INVALID) || (f.kind === 'http' && f.status === 401);

/** Sorted by Zalo's error code, never by its message. */
export function sortZaloFailure(f: Failure, mayHavePosted: boolean): DeliveryResult {
  if (f.kind === 'network') return { kind: mayHavePosted ? 'outcomeUnknown' : 'retryLater', reason: noAnswerFrom('Zalo', f.message) };
  if (f.kind === 'http') {
    const reason = `Zalo HTTP ${f.status}`;
    if (f.status === 401) return { kind: 'needsReauth', reason };
    if (f.status === 429) return { kind: 'retryLater', reason, afterMs: 60_000 };
    if (f.status >= 500) return mayHavePosted ? { kind: 'outcomeUnknown', reason } : { kind: 'retryLater', reason };
    return { kind: 'rejected', reason };
  }
  const reason = `Zalo ${f.code}: ${f.message}`;
  if (f.code === REFRESH_TOKEN_INVALID || f.code === ACCESS_TOKEN_INVALID) return { kind: 'needsReauth', reason };
  // Any other code (-224: the OA's package lacks the feature; a refused field) will not pass by retrying.
  return { kind: 'rejected', reason };
}

/**
 * A consultation message refused because the follower has not written recently enough: Zalo takes
 * replies only within a window after the follower's last message (48 hours for the free replies).
 * -213 is the documented code; -230 ("has not interacted with the OA in the past 7 days") is what
 * third-party integrations report receiving instead. Neither is confirmed against a live OA.
 */
export const REPLY_WINDOW_CLOSED: ReadonlySet<number> = new Set([-213, -230]);

/** A reply that Zalo answered with a failure; a call that may have reached Zalo is never taken as not sent. */
export function sortReplyFailure(f: Failure): DeliveryResult {
  if (f.kind === 'zalo' && REPLY_WINDOW_CLOSED.has(f.code)) {
    return { kind: 'rejected', reason: `Zalo ${f.code}: the follower's reply window has closed (they have not written to the OA recently, and Zalo takes replies only within 48 hours of their last message); answer them another way` };
  }
  return sortZaloFailure(f, true);
}
