import type { Logger } from 'pino';
import { message } from '../../src/core/messages.js';
import type { ZaloBotConfig } from '../../src/config.js';
import type { ZaloBotClient } from './client.js';
import { zaloBotWebhookSecret } from './webhookSecret.js';

export const WEBHOOK_PATH = '/zalo-bot/webhook';

export interface BotListenerOptions {
  client: ZaloBotClient;
  config: Pick<ZaloBotConfig, 'intakeChats' | 'reviewChat'>;
  hubSecret: string;
  /** Set: webhook mode; null: long polling. */
  publicBaseUrl: string | null;
  pollSeconds: number;
  /** The desk's stop: every loop here ends with it. */
  signal: AbortSignal;
  log: Logger;
  alert: (text: string) => void;
  token: { refused: (reason: string) => void; accepted: () => void };
  /** The bot's own name, to cut its @mentions. */
  named: (name: string | null) => void;
  /** One update from a long poll: stored and handled by the desk. */
  heard: (update: unknown) => Promise<void>;
}

/**
 * How the desk hears the platform: who the bot is (getMe), then either the webhook registered (the web
 * processes store what it posts) or a long poll. Every call is tried again with back-off until the desk
 * stops; a refused token is told to the desk, which alerts once.
 */
export function botListener(o: BotListenerOptions) {
  const { client, log, signal } = o;

  const wait = (ms: number) =>
    new Promise<void>((resolve) => {
      const done = () => {
        clearTimeout(timer);
        signal.removeEventListener('abort', done);
        resolve();
      };
      const timer = setTimeout(done, ms);
      signal.addEventListener('abort', done, { once: true });
    });

  /** A call tried until the platform accepts it (or the desk stops), backing off to 5 minutes. */
  async function untilAccepted(what: string, call: () => ReturnType<ZaloBotClient['call']>): Promise<unknown> {
    for (let delay = 1000; !signal.aborted; delay = Math.min(delay * 2, 5 * 60_000)) {
      const got = await call();
      if (got.kind === 'ok') return got.result;
      if (got.kind === 'needsReauth') o.token.refused(got.reason);
      else log.warn({ result: got }, `Zalo Bot ${what} failed; trying again`);
      await wait(delay);
    }
    return null;
  }

  /** Polling and a webhook exclude each other: until the platform confirms no webhook is set (a 5xx at start must not leave the bot deaf). */
  const dropWebhook = () => untilAccepted('deleteWebhook', () => client.deleteWebhook());

  async function poll(): Promise<void> {
    for (let failures = 0; !signal.aborted; ) {
      const got = await client.getUpdate(o.pollSeconds, signal);
      if (signal.aborted) return;
      if (got.kind === 'ok') {
        failures = 0;
        o.token.accepted();
        if (got.result !== null) await o.heard(got.result);
        continue;
      }
      failures += 1;
      if (got.kind === 'needsReauth') o.token.refused(got.reason);
      else log.warn({ result: got }, 'Zalo Bot poll failed; trying again');
      // Refused outright (409: a webhook is set, by another deployment or by hand): polling gets nothing until it is dropped.
      if (got.kind === 'rejected') {
        if (failures === 3) o.alert(message('vi', 'alert_zalo_bot_poll_refused', { reason: got.reason }));
        await dropWebhook();
      }
      const backoff = Math.min(1000 * 2 ** Math.min(failures, 8), got.kind === 'needsReauth' ? 5 * 60_000 : 60_000);
      await wait(Math.max(backoff, got.kind === 'retryLater' ? (got.afterMs ?? 0) : 0));
    }
  }

  return {
    wait,
    /** Asks who the bot is until the platform answers: its name and whether its account type may join groups. */
    async introduce(): Promise<void> {
      const me = await untilAccepted('getMe', () => client.getMe());
      if (me === null) return;
      const info = (typeof me === 'object' ? me : {}) as Record<string, unknown>;
      o.named(typeof info['account_name'] === 'string' ? info['account_name'] : typeof info['name'] === 'string' ? info['name'] : null);
      o.token.accepted();
      if (info['can_join_groups'] === false && (o.config.intakeChats.length > 0 || o.config.reviewChat)) o.alert(message('vi', 'alert_zalo_bot_no_groups', { type: String(info['account_type'] ?? '?') }));
    },
    /** Webhook registered (then returns), or the long poll (until the desk stops). */
    async listen(): Promise<void> {
      if (o.publicBaseUrl) {
        const set = await untilAccepted('setWebhook', () => client.setWebhook(`${o.publicBaseUrl}${WEBHOOK_PATH}`, zaloBotWebhookSecret(o.hubSecret)));
        if (set !== null) log.info('Zalo Bot webhook set');
        return;
      }
      await dropWebhook();
      await poll();
    },
  };
}
