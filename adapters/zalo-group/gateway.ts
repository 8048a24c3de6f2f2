import { ThreadType, Zalo, type API, type SendMessageQuote } from 'zca-js';
import type { Logger } from 'pino';
import type { DeliveryResult } from '../../src/core/delivery.js';
import { sortClose, sortLoginError, sortSendError, statusWatching } from './errors.js';
import { messageEvent, type ZaloEvent } from './mapping.js';
import type { SendBudgetGate } from '../../src/app/sendBudget.js';
import { Pacer, type Pace, type PacedOptions } from './pacer.js';

/** What a QR login gives and a later login needs (platforms.md §2): cookie, imei, user agent. */
export interface ZaloCredentials {
  cookie: unknown[];
  imei: string;
  userAgent: string;
}

export type ConnectionStatus =
  | { kind: 'connected'; accountId: string }
  | { kind: 'takenOver'; code: number; retryInMs: number }
  /** Taken over again soon after: the gateway stops trying until resume() (an admin's `zalo resume`). */
  | { kind: 'heldOff'; code: number }
  | { kind: 'dropped'; code: number; retryInMs: number }
  | { kind: 'loginFailed'; reason: string; needsPerson: boolean; retryInMs: number | null };

export interface GatewayHandlers {
  /** A message, reaction or recall as zca-js handed it over (the desk keeps it raw in its inbox). */
  event(event: ZaloEvent): void;
  /**
   * Zalo's answer to the old-message request sent at each connection: the newest group messages it
   * kept, so what was posted while nobody listened (a restart, a take-over, a network drop) is taken in.
   */
  history(events: ZaloEvent[]): void;
  /** The answer to the old-reaction request sent with it: reactions given while nobody listened (a reviewer's 👍 on a card). */
  reactionHistory(events: ZaloEvent[]): void;
  status(status: ConnectionStatus): void;
}

function parsedContent<T>(content: T | string): T {
  if (typeof content !== 'string') return content;
  try {
    return JSON.parse(content) as T;
  } catch {
    // Not a reaction we can read: toIncomingReaction finds no target and it is left alone.
    return {} as T;
  }
}

/** Messages that may wait in the pacer for the budget at once (replies to commands; notices never wait there). */
export const MAX_QUEUED_SENDS = 200;

/** The reason of the retryLater a detached send answers while it waits for the budget: it will go, later. */
export const QUEUED_FOR_BUDGET = 'queued until the send budget has room';

export type SendResult = { kind: 'sent'; msgId: string } | Exclude<DeliveryResult, { kind: 'delivered' }>;

/** The Zalo account as the desk sees it (what it hears comes through `GatewayHandlers`); zca-js stays behind this. */
export interface ZaloGateway {
  /**
   * Paced and, with a budget, counted against it. When the budget is spent, `ifFree` answers
   * retryLater at once (not sent); `detach` answers QUEUED_FOR_BUDGET at once while the message waits
   * for room and goes later (its failure is logged), so the caller's lane moves on; otherwise it waits.
   */
  sendText(threadId: string, text: string, options?: { quote?: SendMessageQuote | null; isGroup?: boolean; detach?: boolean } & Omit<PacedOptions, 'onWait'>): Promise<SendResult>;
  readonly accountId: string | null;
  readonly connected: boolean;
  /** Taken over twice in a short time: not trying again until resume(). */
  readonly heldOff: boolean;
  /** Signs in and listens; a failure is reported through `status`, not thrown. Held off, it waits for resume(). */
  start(from?: { heldOff: boolean }): Promise<void>;
  /** Tries again now if the gateway is waiting for new credentials and they changed. */
  poke(): Promise<void>;
  /** Tries again after a hold-off (an admin closed the other session and ran `zalo resume`). */
  resume(): Promise<void>;
  /** Stops listening; returns how many sends were still waiting (they are refused). */
  stop(): number;
}

export interface Backoff {
  firstMs: number;
  maxMs: number;
  /** After another Zalo Web session took the account: long enough for a person to finish there. */
  takenOverMs: number;
}

export const ZALO_BACKOFF: Backoff = { firstMs: 2000, maxMs: 5 * 60_000, takenOverMs: 5 * 60_000 };

/**
 * A second take-over within this time means a person keeps Zalo Web open with the bot's account:
 * signing in again would push them out and be pushed out in turn, an alert pair each round.
 */
export const TAKEOVER_WINDOW_MS = 60 * 60_000;

export interface GatewayOptions {
  /** The stored session and a version that changes when a person signs in again; null when there is none. */
  credentials(): Promise<{ credentials: ZaloCredentials; version: string } | null>;
  handlers: GatewayHandlers;
  pace: Pace;
  /** The account's hourly and daily send budget: every message takes its place in it. */
  budget?: SendBudgetGate | null;
  /** Room came back in a spent budget: the desk tells the notices it owes before other replies go. */
  onBudgetRoom?: () => unknown;
  backoff?: Backoff;
  /** zca-js's HTTP client; tests send Zalo's hosts to a local fake. */
  fetch?: typeof fetch;
  log: Logger;
}

/** One listener for the account (Zalo allows one web session): signs in with the stored session, listens, reconnects. */
export function createZaloGateway(options: GatewayOptions): ZaloGateway {
  const backoff = options.backoff ?? ZALO_BACKOFF;
  const pacer = new Pacer(options.pace, { budget: options.budget, onRoom: options.onBudgetRoom, ready: () => api !== null, onBudgetError: (error) => log.error({ err: error }, 'Zalo send budget not readable; sends pause and try again') });
  const log = options.log;
  let api: API | null = null;
  let accountId: string | null = null;
  let connected = false;
  let stopped = false;
  let failures = 0;
  let retryTimer: NodeJS.Timeout | null = null;
  /** The credentials version a person must replace before trying again; null when not waiting for one. */
  let refusedVersion: string | null = null;
  /** When other sessions took the account lately; two within TAKEOVER_WINDOW_MS hold the gateway off. */
  let takeOvers: number[] = [];
  let heldOff = false;

  const later = (ms: number) => {
    if (stopped) return;
    if (retryTimer) clearTimeout(retryTimer);
    retryTimer = setTimeout(() => {
      retryTimer = null;
      void attempt();
    }, ms);
  };
  const nextDelay = () => Math.min(backoff.maxMs, backoff.firstMs * 2 ** Math.min(failures++, 16));

  async function attempt(): Promise<void> {
    if (stopped) return;
    const stored = await options.credentials();
    if (!stored) {
      refusedVersion = '';
      return options.handlers.status({ kind: 'loginFailed', reason: 'no stored session', needsPerson: true, retryInMs: null });
    }
    let signedIn: API;
    const watched = statusWatching(options.fetch ?? fetch);
    try {
      signedIn = await new Zalo({ checkUpdate: false, logging: false, selfListen: false, polyfill: watched.fetch }).login(stored.credentials as Parameters<Zalo['login']>[0]);
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      if (sortLoginError(error, watched.statuses) === 'needsLogin') {
        refusedVersion = stored.version;
        return options.handlers.status({ kind: 'loginFailed', reason, needsPerson: true, retryInMs: null });
      }
      const retryInMs = nextDelay();
      options.handlers.status({ kind: 'loginFailed', reason, needsPerson: false, retryInMs });
      return later(retryInMs);
    }
    if (stopped) return;
    refusedVersion = null;
    api = signedIn;
    accountId = signedIn.getOwnId();
    listen(signedIn);
  }

  function listen(signedIn: API): void {
    const listener = signedIn.listener;
    // Open is not enough: a session another client holds is opened and then closed (3000). Zalo's
    // cipher key is the first thing a session it accepts receives.
    listener.on('cipher_key', () => {
      connected = true;
      failures = 0;
      options.handlers.status({ kind: 'connected', accountId: accountId ?? '?' });
      listener.requestOldMessages(ThreadType.Group);
      listener.requestOldReactions(ThreadType.Group);
    });
    listener.on('message', (m) => options.handlers.event(messageEvent(m)));
    listener.on('reaction', (r) => options.handlers.event({ kind: 'reaction', threadId: r.threadId, isGroup: r.isGroup, data: r.data }));
    listener.on('undo', (u) => options.handlers.event({ kind: 'undo', threadId: u.threadId, isGroup: u.isGroup, data: u.data }));
    // Our own messages come back in the history too; a recall in it is left out (it comes as a plain message there).
    listener.on('old_messages', (messages, type) => {
      if (type !== ThreadType.Group) return;
      options.handlers.history(messages.filter((m) => !m.isSelf && !(typeof m.data.content === 'object' && m.data.content !== null && 'deleteMsg' in m.data.content)).map(messageEvent));
    });
    // zca-js parses a live reaction's content but hands old ones over as Zalo sent them (a JSON string).
    listener.on('old_reactions', (reactions, isGroup) => {
      if (!isGroup) return;
      options.handlers.reactionHistory(reactions.filter((r) => !r.isSelf).map((r) => ({ kind: 'reaction', threadId: r.threadId, isGroup: true, data: { ...r.data, content: parsedContent(r.data.content) } })));
    });
    // Only the message: the event carries the socket, whose request headers hold the session cookie.
    listener.on('error', (event: unknown) => log.warn({ reason: String((event as { message?: unknown } | null)?.message ?? 'unknown') }, 'Zalo listener error'));
    listener.on('closed', (code: number) => {
      connected = false;
      listener.removeAllListeners();
      const because = sortClose(code);
      if (because === 'stopped' || stopped) return;
      if (because === 'takenOver') {
        const now = Date.now();
        takeOvers = [...takeOvers.filter((at) => now - at < TAKEOVER_WINDOW_MS), now];
        if (takeOvers.length >= 2) {
          heldOff = true;
          return options.handlers.status({ kind: 'heldOff', code });
        }
        options.handlers.status({ kind: 'takenOver', code, retryInMs: backoff.takenOverMs });
        return later(backoff.takenOverMs);
      }
      const retryInMs = nextDelay();
      options.handlers.status({ kind: 'dropped', code, retryInMs });
      later(retryInMs);
    });
    listener.start();
  }

  return {
    get accountId() {
      return accountId;
    },
    get connected() {
      return connected;
    },
    get heldOff() {
      return heldOff;
    },
    sendText(threadId, text, { quote = null, isGroup = true, priority, ifFree, detach = false } = {}) {
      // Replies waiting for the budget are held in memory: past a bound, more are refused (and logged by the desk), not queued without end.
      if (detach && pacer.waiting >= MAX_QUEUED_SENDS) return Promise.resolve({ kind: 'rejected' as const, reason: `more than ${MAX_QUEUED_SENDS} messages wait for the send budget` });
      let waiting: ((result: SendResult) => void) | null = null;
      const queued = new Promise<SendResult>((resolve) => (waiting = resolve));
      const onWait = detach ? () => waiting?.({ kind: 'retryLater', reason: QUEUED_FOR_BUDGET, quotaExhausted: true }) : undefined;
      const sending = (async (): Promise<SendResult> => {
        try {
          return await pacer.run(async () => {
            if (!api) return { kind: 'retryLater' as const, reason: 'Zalo is not signed in' };
            const sent = await api.sendMessage({ msg: text, quote: quote ?? undefined }, threadId, isGroup ? ThreadType.Group : ThreadType.User);
            return { kind: 'sent' as const, msgId: String(sent.message?.msgId ?? '') };
          }, { priority, ifFree, onWait });
        } catch (error) {
          return sortSendError(error);
        }
      })();
      if (!detach) return sending;
      // Answered early, the caller no longer hears how it went: the log does.
      void queued.then(() => sending).then((result) => {
        if (result.kind === 'sent') log.info({ thread: threadId }, 'Zalo message sent after waiting for the send budget');
        else log.error({ thread: threadId, result }, 'Zalo message not sent after waiting for the send budget');
      });
      return Promise.race([sending, queued]);
    },
    async start(from = { heldOff: false }) {
      // Held off before a restart: wait for resume() instead of signing in.
      if (from.heldOff) {
        heldOff = true;
        return;
      }
      await attempt();
    },
    async poke() {
      if (stopped || refusedVersion === null) return;
      const stored = await options.credentials();
      if (stored && stored.version !== refusedVersion) {
        refusedVersion = null;
        await attempt();
      }
    },
    async resume() {
      if (stopped || !heldOff) return;
      heldOff = false;
      takeOvers = [];
      await attempt();
    },
    stop() {
      stopped = true;
      if (retryTimer) clearTimeout(retryTimer);
      api?.listener.stop();
      connected = false;
      return pacer.stop();
    },
  };
}
