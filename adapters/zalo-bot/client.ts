import { EMPTY_POLL, sortBotError, type BotFailure } from './errors.js';

/** One Bot Platform call's outcome: its result, or why it failed (sorted in errors.ts). */
export type BotCall<T> = { kind: 'ok'; result: T } | BotFailure;

export interface BotClientOptions {
  apiRoot: string;
  /** Secret: part of every URL, so URLs are never logged. */
  token: string;
  fetch?: typeof fetch;
  /** How long a call (other than a long poll) may take before its outcome is unknown. */
  timeoutMs?: number;
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * The Zalo Bot Platform's HTTP API (`<root>/bot<TOKEN>/<method>`): every method is a POST with a JSON
 * body, answered `{ok:true, result}` or `{ok:false, error_code, description}` [doc copy, platforms.md].
 */
export function zaloBotClient(options: BotClientOptions) {
  const fetchImpl = options.fetch ?? fetch;
  const timeoutMs = options.timeoutMs ?? 20_000;

  type Raw<T> = BotCall<T> | { kind: 'failed'; status: number; errorCode: number | null; description: string };

  async function raw<T>(method: string, body: Record<string, unknown>, opts: { timeoutMs?: number; signal?: AbortSignal } = {}): Promise<Raw<T>> {
    const signals = [AbortSignal.timeout(opts.timeoutMs ?? timeoutMs), ...(opts.signal ? [opts.signal] : [])];
    let response: Response;
    try {
      response = await fetchImpl(`${options.apiRoot}/bot${options.token}/${method}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body), signal: AbortSignal.any(signals) });
    } catch (error) {
      // No answer: a send may have gone out, so it is not sent again blindly; a read is simply tried again.
      const reason = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
      return method.startsWith('send') ? { kind: 'outcomeUnknown', reason } : { kind: 'retryLater', reason, afterMs: 5_000 };
    }
    let parsed: unknown = null;
    try {
      parsed = await response.json();
    } catch {
      // Not JSON (a proxy's error page): sorted by the HTTP status alone.
    }
    const answer = isRecord(parsed) ? parsed : {};
    if (response.ok && answer['ok'] === true) return { kind: 'ok', result: answer['result'] as T };
    const errorCode = typeof answer['error_code'] === 'number' ? answer['error_code'] : null;
    const description = typeof answer['description'] === 'string' ? answer['description'] : response.statusText;
    return { kind: 'failed', status: response.status, errorCode, description };
  }

  async function call<T>(method: string, body: Record<string, unknown>, opts: { timeoutMs?: number; signal?: AbortSignal } = {}): Promise<BotCall<T>> {
    const got = await raw<T>(method, body, opts);
    return got.kind === 'failed' ? sortBotError(got.status, got.errorCode, got.description) : got;
  }

  return {
    call,
    getMe: () => call<unknown>('getMe', {}),
    /** One update, or null when the long poll ended with nothing new. */
    async getUpdate(timeoutSeconds: number, signal?: AbortSignal): Promise<BotCall<unknown>> {
      const got = await raw<unknown>('getUpdates', { timeout: String(timeoutSeconds) }, { timeoutMs: (timeoutSeconds + 10) * 1000, signal });
      if (got.kind !== 'failed') return got;
      if (got.status === EMPTY_POLL || got.errorCode === EMPTY_POLL) return { kind: 'ok', result: null };
      return sortBotError(got.status, got.errorCode, got.description);
    },
    setWebhook: (url: string, secret: string) => call<unknown>('setWebhook', { url, secret_token: secret }),
    deleteWebhook: () => call<unknown>('deleteWebhook', {}),
    async sendMessage(chatId: string, text: string): Promise<BotCall<{ messageId: string }>> {
      const got = await call<unknown>('sendMessage', { chat_id: chatId, text });
      if (got.kind !== 'ok') return got;
      const id = isRecord(got.result) ? got.result['message_id'] : undefined;
      return { kind: 'ok', result: { messageId: typeof id === 'string' || typeof id === 'number' ? String(id) : '' } };
    },
  };
}

export type ZaloBotClient = ReturnType<typeof zaloBotClient>;
