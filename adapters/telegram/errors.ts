import { GrammyError } from 'grammy';

/** What a failed Bot API call means for us, sorted by Telegram's error code (never by its wording); a network failure may or may not have delivered. */
export type SendFailure =
  | { kind: 'retryLater'; afterSeconds: number }
  | { kind: 'needsReauth' }
  | { kind: 'rejected'; code: number }
  | { kind: 'outcomeUnknown' };

export function sortError(error: unknown): SendFailure {
  if (error instanceof GrammyError) {
    if (error.error_code === 429) return { kind: 'retryLater', afterSeconds: error.parameters.retry_after ?? 1 };
    if (error.error_code === 401 || error.error_code === 404) return { kind: 'needsReauth' };
    if (error.error_code >= 500) return { kind: 'outcomeUnknown' };
    return { kind: 'rejected', code: error.error_code };
  }
  return { kind: 'outcomeUnknown' };
}

/** Failures in a row after which a card job's failure is an error for the operator, not a passing network hiccup. */
const PERSISTENT_FAILURES = 3;

/**
 * One failed send that the next run repeats (a keep-alive socket closed under us, a 502) is a warning; only a
 * failure that keeps coming back, or one Telegram will never accept as it is, is an error someone must look at.
 */
export function cardFailureLevel(failure: SendFailure, failures: number): 'warn' | 'error' {
  if (failure.kind === 'needsReauth' || failure.kind === 'rejected') return 'error';
  return failures >= PERSISTENT_FAILURES ? 'error' : 'warn';
}

/**
 * A sweep that sends cards, run one at a time however often the clock or a press asks: a failure is
 * logged, sorted, and counts as nothing sent; what it did not send goes at the next sweep.
 */
export function sweepOneAtATime(log: { error: (detail: object, text: string) => void }, what: string, send: () => Promise<number>): () => Promise<number> {
  let running: Promise<number> = Promise.resolve(0);
  return () => {
    running = running.then(send).catch((error: unknown) => (log.error({ failure: sortError(error) }, `${what} not sent; tried again at the next sweep`), 0));
    return running;
  };
}
