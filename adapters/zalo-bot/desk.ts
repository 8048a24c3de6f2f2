import { setMaxListeners } from 'node:events';
import type { Logger } from 'pino';
import { message } from '../../src/core/messages.js';
import { hasSubstance } from '../../src/core/chatIntake.js';
import { MEMORY_CAP } from '../../src/core/boundedMap.js';
import type { ChatDeskHooks } from '../../src/app/chatPorts.js';
import type { Deps } from '../../src/app/deps.js';
import { Inbox } from '../../src/app/inbox/inbox.js';
import { InboxBatches } from '../../src/app/inbox/batches.js';
import type { InboxRow } from '../../src/app/inbox/ports.js';
import type { ZaloBotConfig } from '../../src/config.js';
import { guardedDownload } from '../../src/guardedFetch.js';
import { DownloadStopped, type MediaStore } from '../../src/store/mediaFiles.js';
import { BudgetStopped, createSendBudget } from '../../src/app/sendBudget.js';
import { zaloBotClient } from './client.js';
import { botListener } from './listening.js';
import { BOT_COMMANDS, OTHER_GROUP_COMMANDS, link, parseCommand, type Who } from './commands.js';
import { PLATFORM, type BotSendResult, type ZaloBotEnv } from './env.js';
import { openBotNotices, takeBotBatch, tellBotOutcomes } from './intake.js';
import { toBotEvent, type BotEvent } from './mapping.js';
import { BotReviews } from './reviews.js';
import { BUDGET_SPENT, BotSender, PAUSED, type SenderBudget } from './sender.js';

const MAX_WAITING_REPLIES = 200;
/** Tries of a reply held back (budget, 429) before it is given up, logged. */
const REPLY_ATTEMPTS = 6;
const BOT_BATCH_LIMITS = { maxParts: 20, maxMs: 60_000 };


export interface ZaloBotDeskOptions {
  config: ZaloBotConfig;
  deps: Deps;
  hubSecret: string;
  media: MediaStore;
  portalBaseUrl: string;
  /** Set: webhook mode (the platform posts to PUBLIC_BASE_URL/zalo-bot/webhook); null: long polling. */
  publicBaseUrl: string | null;
  hooks: ChatDeskHooks;
  log: Logger;
  fetch?: typeof fetch;
  /** How long the desk waits after a sender's last message before taking the batch in. */
  quietMs?: number;
  /** Seconds a long poll stays open. */
  pollSeconds?: number;
  /** Least time between two sends. */
  gapMs?: number;
  /** How often a send waiting for the budget looks again (tests move the clock by hand). */
  budgetPollMs?: number;
  /** The longest pause a 429 may impose on sends (tests shorten Zalo's 30 s). */
  maxPauseMs?: number;
  /** Told each change of where the desk stands (for /healthz). */
  onState?: (state: BotDeskState, reason?: string) => void;
}

export type BotDeskState = 'starting' | 'on' | 'needsToken';

/** Told a stranger once: kept with the chat cursors, so a restart does not make the bot speak again. */
const strangerKey = (userId: string) => `${PLATFORM}:told:${userId}`;

/**
 * The official Zalo bot (Zalo Bot Platform) as an intake and review surface. Every update is stored raw
 * in the durable inbox first (by the long poll here, or by whichever web process the webhook reached)
 * and handled from there, in order, by the process holding the desk.
 */
export function createZaloBotDesk(options: ZaloBotDeskOptions) {
  const { deps, log, config } = options;
  const client = zaloBotClient({ apiRoot: config.apiRoot, token: config.token, fetch: options.fetch });
  // The bot's hourly and daily budget, kept in the database: a restart or a crash loop does not reset it.
  const budget = createSendBudget({
    store: deps.store,
    clock: deps.clock,
    accountKey: PLATFORM,
    label: 'Zalo Bot (bot chính thức)',
    limits: config.budget,
    settings: { hour: 'ZALO_BOT_SEND_PER_HOUR', day: 'ZALO_BOT_SEND_PER_DAY' },
    alert: (text) => options.hooks.alert(text),
    pollMs: options.budgetPollMs,
  });
  // Room is checked before a message and each piece counted once it went out: one sender per account
  // (the desk lease) and one message at a time, so the check and the count cannot be raced.
  const senderBudget: SenderBudget = {
    async roomFor(count) {
      const status = await budget.status();
      if (status.nextFreeAt !== null) return status.nextFreeAt;
      return status.leftHour >= count && status.leftDay >= count ? null : deps.clock().getTime() + 60_000;
    },
    async record() {
      await budget.tryTake();
    },
  };
  const sender = new BotSender(client, options.gapMs ?? 500, senderBudget, options.maxPauseMs);
  const intakeSites = new Map(config.intakeChats.map((c) => [c.chatId, c.siteKey]));
  const stop = new AbortController();
  // Each reply waiting for the budget listens for the stop (at most MAX_WAITING_REPLIES), and so do a poll and a wait.
  setMaxListeners(MAX_WAITING_REPLIES + 10, stop.signal);
  let botName: string | null = null;
  let tokenRefused = false;
  let state: BotDeskState = 'starting';
  const setState = (next: BotDeskState, reason?: string) => {
    if (next === state) return;
    state = next;
    options.onState?.(next, reason);
  };

  const env: ZaloBotEnv = {
    deps,
    log,
    media: options.media,
    portalBaseUrl: options.portalBaseUrl,
    hooks: options.hooks,
    reviewChat: config.reviewChat,
    download: guardedDownload(config.mediaHosts),
    acknowledge: async () => void (await tellSerially()),
    async say(chatId, text) {
      // With the token refused every send would fail and spend a place in the budget: none is tried until it works again.
      if (state === 'needsToken') return { kind: 'needsReauth', reason: 'the bot token is refused' };
      const result = await sender.send(chatId, text);
      if (result.kind === 'needsReauth') tokenFailed(result.reason);
      else if (result.kind === 'sent' && result.missing) log.warn({ chat: chatId, missing: result.missing }, 'Zalo Bot long message cut short: its last pieces were not sent');
      else if (result.kind !== 'sent' && result.reason !== BUDGET_SPENT && result.reason !== PAUSED) log.warn({ chat: chatId, result }, 'Zalo Bot message not sent');
      return result;
    },
    reply: (chatId, text) => reply(chatId, text),
  };

  /**
   * A reply to a person (a command's answer): with the budget spent it waits for room in the background,
   * so the chat's next messages are still taken in; notices do not wait here, they stay owed in the audit
   * trail's cursor. Waiting replies live in memory only (at most MAX_WAITING_REPLIES; a restart drops them, logged).
   */
  const waitingReplies = new Set<Promise<void>>();
  async function reply(chatId: string, text: string): Promise<void> {
    const first = await env.say(chatId, text);
    if (first.kind === 'sent') return;
    if (first.kind !== 'retryLater') return void log.warn({ chat: chatId, result: first }, 'Zalo Bot reply not sent');
    if (waitingReplies.size >= MAX_WAITING_REPLIES) return void log.warn({ chat: chatId }, 'Zalo Bot reply dropped: too many replies wait to be sent');
    const later = sendWhenAllowed(chatId, text).finally(() => waitingReplies.delete(later));
    waitingReplies.add(later);
  }

  /**
   * A reply held back by the budget or by the platform's 429: tried again when both allow. Waiting for the
   * budget costs no attempt (it may wait hours); a 429 or 5xx after room was found does, REPLY_ATTEMPTS at most.
   */
  async function sendWhenAllowed(chatId: string, text: string): Promise<void> {
    try {
      for (let refused = 0; refused < REPLY_ATTEMPTS && !stop.signal.aborted; ) {
        await budget.waitForRoom(stop.signal);
        const pause = sender.resumesAt - Date.now();
        if (pause > 0) await wait(pause);
        if (stop.signal.aborted) break;
        // Room again: the receipts and outcomes owed take it first; the answer has what is left.
        await tellSerially().catch(() => undefined);
        const sent = await env.say(chatId, text);
        if (sent.kind === 'sent') return;
        if (sent.kind !== 'retryLater') return void log.warn({ chat: chatId, result: sent }, 'Zalo Bot reply not sent');
        if (sent.reason !== BUDGET_SPENT) refused += 1;
      }
      log.warn({ chat: chatId }, 'Zalo Bot reply not sent: refused on each attempt, or the desk stopped');
    } catch (error) {
      if (error instanceof BudgetStopped) log.warn({ chat: chatId }, 'Zalo Bot reply not sent: it waited for the send budget when the desk stopped');
      else log.error({ err: error, chat: chatId }, 'Zalo Bot reply not sent: the send budget could not be read');
    }
  }
  const reviews = new BotReviews(env);
  const inboxDeps = { store: deps.store, clock: deps.clock };
  const inbox = new Inbox(inboxDeps, `${PLATFORM}:`);
  const batches = new InboxBatches(
    inboxDeps,
    async (rows) => {
      const parts = rows.map((r) => toBotEvent(JSON.parse(r.payload) as unknown, botName)).filter((e): e is BotEvent => e !== null);
      const first = parts[0];
      if (!first) return;
      // As on Telegram: chat without a photo or a text of substance ("cảm ơn ạ") is no submission.
      if (!parts.some((p) => p.photoUrl) && !hasSubstance(parts.map((p) => p.text).join('\n'))) return void log.debug({ chat: first.chatId, messages: parts.length }, 'Zalo Bot chat not taken as a submission');
      try {
        const siteKey = intakeSites.get(first.chatId) ?? (await deps.store.sites())[0]?.key ?? '';
        const site = await deps.store.siteByKey(siteKey);
        if (!site) throw new Error(`Zalo Bot intake chat ${first.chatId} has no site`);
        await takeBotBatch(env, site.id, parts);
      } catch (error) {
        if (!(error instanceof DownloadStopped)) await env.reply(first.chatId, message('vi', 'intake_failed'));
        throw error;
      }
    },
    options.quietMs ?? 3000,
    (error, batchKey) => log.error({ err: error, batch: batchKey }, 'Zalo Bot submission not recorded; its messages stay in the inbox and are taken again at the next start'),
    // As on the zca-js desk: a steady sender's messages do not grow one submission without end.
    { limits: BOT_BATCH_LIMITS },
  );

  let telling: Promise<unknown> = Promise.resolve();
  function tellSerially(): Promise<number> {
    const run = telling.then(() => tellBotOutcomes(env, budget));
    telling = run.catch((error: unknown) => log.error({ err: error }, 'Zalo Bot outcomes not told; the next run tries again'));
    return run;
  }

  function tokenFailed(reason: string): void {
    setState('needsToken', reason);
    if (tokenRefused) return;
    tokenRefused = true;
    log.error({ reason }, 'Zalo Bot token refused');
    options.hooks.alert(message('vi', 'alert_zalo_bot_token', { reason }));
  }

  function tokenAccepted(): void {
    setState('on');
    if (!tokenRefused) return;
    tokenRefused = false;
    options.hooks.alert(message('vi', 'alert_zalo_bot_back'));
  }

  /** Groups the bot is in but not configured for: their id in the log once, for an admin setting it up. */
  const seenGroups = new Set<string>();

  async function handle(event: BotEvent): Promise<void> {
    const person = await deps.store.personByIdentity(PLATFORM, event.from);
    const who: Who = { person, lang: person?.lang ?? 'vi' };
    const command = parseCommand(event.text);
    const answer = (text: string | null) => (text ? reply(event.chatId, text) : Promise.resolve());
    const intake = event.isGroup ? intakeSites.has(event.chatId) : person !== null;
    if (event.isGroup && !intake && event.chatId !== config.reviewChat) {
      if (!seenGroups.has(event.chatId) && seenGroups.size < MEMORY_CAP) {
        seenGroups.add(event.chatId);
        log.info({ chat: event.chatId }, 'Zalo Bot group not configured: the bot answers nobody there (send /id in it as a portal admin, or set ZALO_BOT_INTAKE_CHATS)');
      }
      const handler = command ? OTHER_GROUP_COMMANDS[command.name] : undefined;
      if (handler) await answer(await handler(env, reviews, event, command?.args ?? '', who));
      return;
    }
    if (!event.isGroup && !person) return strangerWrote(event, command, who);
    // Someone not linked is answered once (then only a /link that works): a stranger in a group cannot spend the budget.
    const toPerson = async (text: string | null) => (person || command?.name === 'link' ? answer(text) : text && (await onceForStranger(event.from, () => env.say(event.chatId, text))));
    if (command) {
      const handler = BOT_COMMANDS[command.name];
      await toPerson(handler ? await handler(env, reviews, event, command.args, who) : message(who.lang, 'unknown_command', { command: command.name }));
      return;
    }
    if (!intake) return;
    if (event.kind === 'sticker' || event.kind === 'unsupported') return void (await toPerson(message('vi', 'zalo_bot_unsupported', { name: event.name })));
    await batches.park(event.key, `${PLATFORM}:batch:${event.chatId}:${event.from}`);
  }

  /** A private message from someone not linked: a /link that works is answered; otherwise one polite answer, ever, then silence. */
  async function strangerWrote(event: BotEvent, command: { name: string; args: string } | null, who: Who): Promise<void> {
    if (command?.name === 'link') {
      const text = await link(env, reviews, event, command.args, who);
      if (await deps.store.personByIdentity(PLATFORM, event.from)) return void (text && (await reply(event.chatId, text)));
    }
    await onceForStranger(event.from, () => env.say(event.chatId, message('vi', 'zalo_bot_stranger', { name: event.name })));
  }

  /** One answer ever to a person not linked (kept with the chat cursors, so a restart does not make the bot speak again). */
  async function onceForStranger(userId: string, send: () => Promise<BotSendResult>): Promise<void> {
    if ((await deps.store.chatCursor(strangerKey(userId))) !== null) return void log.debug({ from: userId }, 'Zalo Bot: a person not linked was answered once already');
    const sent = await send();
    if (sent.kind === 'sent') await deps.store.setChatCursor(strangerKey(userId), 1);
  }

  /** Ids handed over already whose handler failed: they wait for the next start instead of failing every run. */
  const tried = new Set<string>();
  let draining: Promise<number> | null = null;
  /** Handles what waits in the inbox, in the order it arrived; one run at a time. */
  function drain(): Promise<number> {
    draining ??= (async () => {
      let handled = 0;
      const rows: InboxRow[] = await inbox.unfinished();
      for (const row of rows) {
        if (row.state !== 'waiting' || tried.has(row.key) || stop.signal.aborted) continue;
        try {
          const event = toBotEvent(JSON.parse(row.payload) as unknown, botName);
          if (event) await handle(event);
          else log.warn({ key: row.key }, 'Zalo Bot update not readable; kept in the inbox, marked done');
          await inbox.finish(row.key);
          handled += 1;
        } catch (error) {
          tried.add(row.key);
          log.error({ err: error, key: row.key }, 'Zalo Bot update failed; it is handled again at the next start');
        }
      }
      for (const key of tried) if (!rows.some((r) => r.key === key)) tried.delete(key);
      return handled;
    })().finally(() => (draining = null));
    return draining;
  }

  const listener = botListener({
    client,
    config,
    hubSecret: options.hubSecret,
    publicBaseUrl: options.publicBaseUrl,
    pollSeconds: options.pollSeconds ?? 30,
    signal: stop.signal,
    log,
    alert: (text) => options.hooks.alert(text),
    token: { refused: tokenFailed, accepted: tokenAccepted },
    named: (name) => (botName = name),
    heard: async (update) => {
      const event = toBotEvent(update, botName);
      if (!event) return void log.warn('Zalo Bot update not readable; skipped');
      await inbox.take(event.key, update);
      await drain();
    },
  });
  const wait = listener.wait;

  let running: Promise<void> | null = null;
  return {
    reviews,
    mode: options.publicBaseUrl ? ('webhook' as const) : ('polling' as const),
    get state() {
      return state;
    },
    async start(): Promise<void> {
      await openBotNotices(deps);
      const rows = await inbox.unfinished();
      await batches.resume(rows);
      running = (async () => {
        await listener.introduce();
        // What a crash left waiting is handled before anything new.
        await drain();
        await listener.listen();
      })().catch((error: unknown) => log.error({ err: error }, 'Zalo Bot desk stopped unexpectedly'));
    },
    /** Run by the clock in webhook mode: handles what any web process stored. */
    drain,
    /** Run by the clock: what is owed waits while the token is refused (as Telegram's jobs wait for it), so nothing is spent on failures. */
    async tellOutcomes(): Promise<number> {
      if (state !== 'on') return 0;
      const told = await tellSerially();
      await reviews.sweep();
      return told;
    },
    sweep: async () => (state === 'on' ? reviews.sweep() : 0),
    /** Run by the clock (job zalo-bot-royalty-due): the 60-day rule's weekly list in the review chat, while the token works. */
    remindDue: async () => (state === 'on' ? reviews.remindDue() : 0),
    async stop(): Promise<void> {
      stop.abort();
      sender.stop();
      budget.stop();
      await Promise.allSettled([...waitingReplies]);
      await batches.flush();
      await running;
      await draining;
      await batches.stop();
    },
  };
}

export type ZaloBotDesk = ReturnType<typeof createZaloBotDesk>;
