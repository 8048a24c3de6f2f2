import { networkCause } from '../../src/core/errorCause.js';
import { noAnswerFrom, type DeliveryResult } from '../../src/core/delivery.js';

/** A failed YouTube call as our code sees it: HTTP status and Google's reason code, or no answer at all. */
export type YoutubeFailure = { kind: 'http'; status: number; reason: string | null; message: string } | { kind: 'network'; message: string } | { kind: 'grant'; error: string };

const QUOTA = new Set(['quotaExceeded', 'dailyLimitExceeded', 'uploadLimitExceeded']);
const RATE = new Set(['rateLimitExceeded', 'userRateLimitExceeded']);

/** Reads a thrown gaxios error (googleapis) without trusting its message text. */
export function failureOf(error: unknown): YoutubeFailure {
  const e = error as { response?: { status?: number; data?: { error?: unknown } }; message?: string };
  const data = e.response?.data?.error;
  if (typeof data === 'string') return { kind: 'grant', error: data };
  if (e.response?.status) {
    const reason = (data as { errors?: { reason?: string }[] } | undefined)?.errors?.[0]?.reason ?? null;
    return { kind: 'http', status: e.response.status, reason, message: (data as { message?: string } | undefined)?.message ?? `HTTP ${e.response.status}` };
  }
  return { kind: 'network', message: networkCause(error) };
}

/** Sorted by status and reason code. `untilReset` is how long until the quota day ends (midnight Pacific). */
export function sortYoutubeFailure(f: YoutubeFailure, mayHavePosted: boolean, untilResetMs: number): DeliveryResult {
  if (f.kind === 'grant') return { kind: 'needsReauth', reason: `Google OAuth: ${f.error}` };
  if (f.kind === 'network') return { kind: mayHavePosted ? 'outcomeUnknown' : 'retryLater', reason: noAnswerFrom('YouTube', f.message) };
  const reason = `YouTube ${f.status}${f.reason ? ` ${f.reason}` : ''}: ${f.message}`;
  if (f.status === 401) return { kind: 'needsReauth', reason };
  if (f.status === 403 && f.reason && QUOTA.has(f.reason)) return { kind: 'retryLater', reason, afterMs: untilResetMs, quotaExhausted: true };
  if ((f.status === 403 || f.status === 429) && (f.reason === null || RATE.has(f.reason))) return { kind: 'retryLater', reason, afterMs: 60_000 };
  if (f.status >= 500) return mayHavePosted ? { kind: 'outcomeUnknown', reason } : { kind: 'retryLater', reason };
  return { kind: 'rejected', reason };
}
