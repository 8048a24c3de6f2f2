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
