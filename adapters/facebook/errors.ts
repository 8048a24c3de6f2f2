import { noAnswerFrom, type DeliveryResult } from '../../src/core/delivery.js';
import type { GraphAnswer } from './client.js';

/** Graph's throttling codes: app (4), user (17), Page (32), action (613), Pages business use case (80001). */
const THROTTLED = new Set([4, 17, 32, 613, 80001]);
/** Parameter (100) and policy (368) refusals: trying again will not help. */
const REJECTED = new Set([100, 368]);
const DEFAULT_THROTTLE_MS = 5 * 60_000;

type Failure = Extract<GraphAnswer, { ok: false }>['failure'];

/**
 * Sorted by code, never by message text. `mayHavePosted` marks the call that creates the post:
 * when its answer is lost or a server error, the dispatcher looks before it posts again.
 */
export function sortGraphFailure(failure: Failure, mayHavePosted: boolean): DeliveryResult {
  if (failure.kind === 'network') {
    return { kind: mayHavePosted ? 'outcomeUnknown' : 'retryLater', reason: noAnswerFrom('Graph', failure.message) };
  }
  const e = failure.error;
  const reason = `Graph ${e.code ?? e.http}${e.subcode ? `/${e.subcode}` : ''}: ${e.message}`;
  if (e.code === 190 || e.code === 102 || e.code === 10 || (e.code !== null && e.code >= 200 && e.code <= 299)) return { kind: 'needsReauth', reason };
  if (e.code !== null && THROTTLED.has(e.code)) return { kind: 'retryLater', reason, afterMs: e.regainMinutes ? e.regainMinutes * 60_000 : DEFAULT_THROTTLE_MS };
  if (e.code !== null && REJECTED.has(e.code)) return { kind: 'rejected', reason };
  if (e.http >= 500 || e.transient || e.code === 1 || e.code === 2) return mayHavePosted ? { kind: 'outcomeUnknown', reason } : { kind: 'retryLater', reason };
  return { kind: 'rejected', reason };
}

/** Removing a post Graph no longer has (code 100, subcode 33) means it is gone: done. */
export const isMissingObject = (failure: Failure) => failure.kind === 'graph' && failure.error.code === 100 && failure.error.subcode === 33;
