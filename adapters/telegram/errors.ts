import { GrammyError, HttpError } from 'grammy';

/** What a failed Bot API call means for us, sorted by Telegram's error code (never by its wording). */
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
  if (error instanceof HttpError) return { kind: 'outcomeUnknown' };
  throw error;
}
