import { timingSafeEqual } from 'node:crypto';
import type { QuotaRule } from '../../src/core/quota.js';
import { autoRetry } from '@grammyjs/auto-retry';
import { Bot, GrammyError, HttpError, type Context } from 'grammy';
import type { Message, Update, UserFromGetMe } from 'grammy/types';
import type { Logger } from 'pino';
import { message } from '../../src/core/messages.js';
import { submissionCard } from './render.js';
import type { SubmissionRecord } from '../../src/app/ports.js';
import type { MailDeskHooks } from '../../src/app/mail/env.js';
import type { Deps } from '../../src/app/deps.js';
import type { TelegramConfig } from '../../src/config.js';
import { callbackSigner, webhookSecret } from './callbackData.js';
import { CardDesk, PLATFORM } from './cards.js';
import { COMMANDS, type CommandEnv, type Handler } from './commands.js';
import { ROYALTY_COMMANDS } from './royaltyCommands.js';
import { MONEY_COMMANDS } from './moneyCommands.js';
import { RoyaltyCards } from './royaltyCards.js';
import { RoyaltyDueList } from './royaltyDue.js';
import { StaleSitesList } from './staleSites.js';
import { ServiceCards } from './serviceCards.js';
import { tellAdReports } from './adReports.js';
import { reportWriter, royaltySpreadsheet } from '../office/index.js';
import { reportCommand, telegramReportSender } from './reports.js';
import { publishMenus } from './menus.js';
import { sortError } from './errors.js';
import { AlbumCollector } from './albums.js';
import { fileOf, takeSubmission } from './intake.js';
import { drainInbox, inboxMiddleware, replayInbox } from './inbox.js';
import { Inbox } from '../../src/app/inbox/inbox.js';
import { threadOf } from './messageKinds.js';
import { SenderMessages } from './senderMessages.js';
import { fetchFile, type MediaStore } from './media.js';
import { onPress, onReplyToCard } from './presses.js';
import { InteractionCards, type InteractionDeskOptions } from './interactionCards.js';
import { onInteractionPress, onInteractionReply } from './interactionPresses.js';
import { LINE_ACTION } from './interactionRender.js';
import { SendQueue, TELEGRAM_LIMITS, type Limits } from './sendQueue.js';
import { TicketCards, type TicketDeskOptions } from './ticketCards.js';
import { ticketCommands } from './ticketCommands.js';
import { onTicketPress, onTicketReply } from './ticketPresses.js';
import { newsByHandCommand } from './newsByHand.js';
import { DownloadStopped } from '../../src/store/mediaFiles.js';
import { senderOf } from './sender.js';

export interface TelegramDeskOptions {
  config: TelegramConfig;
  deps: Deps;
  hubSecret: string;
  media: MediaStore;
  portalBaseUrl: string;
  /** Set: webhook mode at `${publicBaseUrl}/telegram/webhook`. Null: long polling. */
  publicBaseUrl: string | null;
  log: Logger;
  /** Tests pass the bot's identity so no getMe round trip is needed. */
  botInfo?: UserFromGetMe;
  limits?: Limits;
  albumQuietMs?: number;
  quotas?: Partial<Record<string, QuotaRule>>;
  /** The moderators' chat for interaction cards and the digest time (absent: the editorial chat, 08:00). */
  interactions?: InteractionDeskOptions;
  /** Questions and complaints: the ticket use cases and the tickets chat (absent: /ticket and /tickets say the desk is off). */
  tickets?: TicketDeskOptions;
  /** Days without a publication after which a site is listed weekly (absent: 30). */
  timeliness?: { staleDays: number };
}

const DEFAULT_STALE_DAYS = 30;

export const WEBHOOK_PATH = '/telegram/webhook';
/** Edits are asked for: a collaborator's correction must not be lost. */
const ALLOWED_UPDATES: ('message' | 'edited_message' | 'callback_query')[] = ['message', 'edited_message', 'callback_query'];

/** The Telegram desk: intake groups, review cards, commands; long polling or webhook. */
export function createTelegramDesk(options: TelegramDeskOptions) {
  const { config, deps, log } = options;
  const bot = new Bot(config.token, { client: { apiRoot: config.apiRoot }, botInfo: options.botInfo });
  // 429s wait retry_after and try again; a network failure or 5xx is not retried: the message may have gone out.
  bot.api.config.use(autoRetry({ maxRetryAttempts: 5, maxDelaySeconds: 120, rethrowHttpErrors: true, rethrowInternalServerErrors: true }));
  const queue = new SendQueue(
    (chatId, text, thread) => bot.api.sendMessage(chatId, text, thread === undefined ? {} : { message_thread_id: thread }),
    (chatId, error) => log.error({ chat: chatId, failure: sortError(error) }, 'chat notice not delivered'),
    options.limits ?? TELEGRAM_LIMITS,
  );
  const signer = callbackSigner(options.hubSecret);
  const intakeSites = new Map(config.intakeChats.map((c) => [c.chatId, c.siteKey]));
  // An upgraded intake group keeps its site under its new id (see SenderMessages.intakeChatOf).
  const siteKeyFor = async (chatId: string) => intakeSites.get((await senders.intakeChatOf(chatId)) ?? chatId) ?? (await deps.store.sites())[0]?.key ?? '';
  const env: CommandEnv = { deps, api: bot.api, queue, signer, editorialChat: config.editorialChat, siteDeskChats: new Map(config.siteDeskChats.map((c) => [c.siteKey, c.chatId])), portalBaseUrl: options.portalBaseUrl, log, mediaDir: options.media.dir, siteKeyFor, quotas: options.quotas ?? {} };
  const desk = new CardDesk(env);
  const interactionCards = new InteractionCards(env, options.interactions ?? { chat: null, digestAt: '08:00' });
  const ticketCards = options.tickets ? new TicketCards(env, options.tickets) : null;
  const royaltyCards = new RoyaltyCards(env, royaltySpreadsheet);
  const royaltyDue = new RoyaltyDueList(env);
  const staleSites = new StaleSitesList(env, options.timeliness?.staleDays ?? DEFAULT_STALE_DAYS);
  const serviceCards = new ServiceCards(env);
  const report = reportCommand(reportWriter, options.timeliness?.staleDays ?? DEFAULT_STALE_DAYS);
  const commands: Record<string, Handler> = { ...COMMANDS, ...ROYALTY_COMMANDS, ...MONEY_COMMANDS, ...ticketCommands(ticketCards), nhap: newsByHandCommand(desk), baocao: report, report };
  const fileRoot = `${config.apiRoot}/file/bot${config.token}`;
  const inbox = new Inbox({ store: deps.store, clock: deps.clock }, `${PLATFORM}:`);
  const replaying = new Set<number>();
  const drained = new Set<number>();
  const albums = new AlbumCollector(
    { store: deps.store, clock: deps.clock },
    async (parts) => {
      const chatId = String(parts[0]!.chat.id);
      try {
        const site = await deps.store.siteByKey(await siteKeyFor(chatId));
        if (!site) throw new Error(`intake chat ${chatId} has no site`);
        await takeSubmission(env, desk, options.media, fileRoot, site.id, parts);
      } catch (error) {
        // Cut short by a shutdown it is no failure to report: it is taken again at the next start.
        if (!(error instanceof DownloadStopped)) queue.notice(chatId, message('vi', 'intake_failed'));
        // Thrown on: the message stays in the inbox and is taken again at the next start, never dropped.
        throw error;
      }
    },
    options.albumQuietMs,
    (error, batchKey) => log.error({ err: error, batch: batchKey }, 'submission not recorded; its messages stay in the inbox and are taken again at the next start'),
  );
  const senders = new SenderMessages({ env, desk, albums, media: options.media, fileRoot, intakeChats: new Set(intakeSites.keys()), adminChat: config.adminChat, botId: () => bot.botInfo.id });

  const langOf = (ctx: Context) => senderOf(deps, ctx);
  const reply = (ctx: Context, text: string) => {
    const chatId = String(ctx.chat?.id);
    return queue
      .call(chatId, () => bot.api.sendMessage(chatId, text, { message_thread_id: ctx.msg ? threadOf(ctx.msg) : undefined, reply_parameters: { message_id: ctx.msg?.message_id ?? 0, allow_sending_without_reply: true } }))
      .catch((error: unknown) => log.error({ chat: chatId, failure: sortError(error) }, 'reply not delivered'));
  };

  // Every update is stored in the inbox before it is handled; a re-delivered one is taken once.
  bot.use(inboxMiddleware(inbox, albums, replaying, log));

  bot.on('callback_query:data', (ctx) => {
    const pressed = signer.read(ctx.callbackQuery.data);
    if (pressed?.action === 'ticket') return onTicketPress(ticketCards, ctx, pressed);
    if (pressed?.action === 'royaltySheet') return royaltyCards.onPress(ctx, pressed);
    if (pressed?.action === 'serviceContract') return serviceCards.onPress(ctx, pressed);
    return pressed && LINE_ACTION[pressed.action] ? onInteractionPress(interactionCards, ctx, pressed) : onPress(env, desk, ctx, pressed);
  });

  bot.on('message', async (ctx) => {
    const msg = ctx.msg;
    const chatId = String(msg.chat.id);
    const command = /^\/([A-Za-z_]+)(?:@(\w+))?(?:\s+([\s\S]*))?$/.exec(msg.text ?? '');
    if (command) {
      const [, name = '', addressee, args = ''] = command;
      if (addressee && addressee.toLowerCase() !== bot.botInfo.username.toLowerCase()) return;
      const who = await langOf(ctx);
      if (name === 'submit' && (await senders.intakeChatOf(chatId)) !== null) {
        const target = msg.reply_to_message;
        if (args.trim() === '' && !target) return void (await reply(ctx, message(who.lang, 'submit_empty')));
        return albums.add(args.trim() === '' && target ? target : { ...msg, text: args });
      }
      const handler = commands[name.toLowerCase()];
      const text = handler ? await handler(env, ctx, args, who) : message(who.lang, 'unknown_command', { command: name });
      return void (await reply(ctx, text));
    }
    const repliedTo = msg.reply_to_message;
    const card = repliedTo && repliedTo.from?.id === bot.botInfo.id ? await deps.store.cardByMessage(PLATFORM, chatId, String(repliedTo.message_id)) : null;
    if (card?.subjectType === 'interaction' && (await onInteractionReply(interactionCards, ctx, card))) return;
    if (card?.subjectType === 'ticket' && (await onTicketReply(ticketCards, ctx, card))) return;
    if (card && card.subjectType !== 'interaction' && card.subjectType !== 'ticket' && (await onReplyToCard(env, desk, ctx, card, () => mediaOf(msg)))) return;
    if (await senders.onMessage(msg)) return;
    if (msg.chat.type === 'private') await reply(ctx, message((await langOf(ctx)).lang, 'help'));
  });

  bot.on('edited_message', (ctx) => senders.onEdit(ctx.editedMessage));

  async function mediaOf(msg: Message): Promise<string[]> {
    const file = fileOf(msg);
    if (!file) return [];
    const got = await fetchFile(bot.api, fileRoot, file, options.media, deps.clock());
    // Not fetched now: kept by reference, as the intake does, so the card says the portal cannot show it.
    return got.ok ? [got.ref] : got.reason === 'unavailable' ? [`telegram-file:${file.fileId}`] : [];
  }

  bot.catch((error) => log.error({ err: error.error, update: error.ctx.update.update_id }, 'telegram update failed'));

  const secret = webhookSecret(options.hubSecret);
  return {
    bot,
    desk,
    queue,
    /** Royalty sheets waiting for a step, as cards in the editorial chat (job telegram-royalty-cards); the weekly 60-day list (job telegram-royalty-due). */
    royalties: { announce: () => royaltyCards.announce(), remindDue: () => royaltyDue.remind() },
    /** Sites with nothing published for too long, weekly to the editorial chat and each site's board (job telegram-stale-sites). */
    timeliness: { remindStale: () => staleSites.remind() },
    /** The calendar's periodic reports: the province's to the editorial chat, a site's to its own groups (job periodic-reports). */
    reports: { send: telegramReportSender(env) },
    /** Media-service contracts waiting for the head or the standing deputy head, as cards in the editorial chat (job telegram-service-cards). */
    services: { announce: () => serviceCards.announce(), adReports: () => tellAdReports(env) },
    /** Interaction cards and the daily digest in the moderators' chat (jobs interactions-cards and interactions-digest). */
    interactions: { announce: () => interactionCards.announce(), digest: () => interactionCards.digest() },
    /** Ticket cards in the tickets chat (job tickets-cards), and how the ticket use cases reach people here. */
    tickets: ticketCards ? { announce: () => ticketCards.announce(), notifier: ticketCards.notifier } : null,
    /** News items that came by mail: their cards at once, a follow-up's revision, and what goes to the editors. */
    mail: {
      submitted: (submission: SubmissionRecord) => desk.later(() => desk.showSubmission(submission)),
      revised: (before: SubmissionRecord, after: SubmissionRecord) =>
        desk.later(async () => {
          await desk.closeCards(before.id, (lang) => message(lang, 'card_revised', { number: String(after.revision) }), (lang) => submissionCard(lang, before, deps.timeZone));
          await desk.showSubmission(after);
        }),
      toEditors: (code: string, name: string, text: string, kind: 'change' | 'correction') => {
        const notice = message('vi', kind === 'change' ? 'editors_sender_change' : 'editors_correction_request', { code, name, text: text.trim().slice(0, 1500) });
        void deps.store
          .itemByCode(code)
          .then((item) => desk.announce(item?.siteId ?? null, notice))
          .catch((error: unknown) => log.error({ err: error, code }, 'sender’s message for the editors not passed on'));
      },
    } satisfies MailDeskHooks,
    mode: options.publicBaseUrl ? ('webhook' as const) : ('polling' as const),
    /** Webhook mode: handles the updates any web process stored in the inbox (job telegram-inbox). */
    drainInbox: () => drainInbox(bot, inbox, replaying, drained),
    /** Sends an alert to the admins' chat; false when none is configured. */
    alertAdmins(text: string): boolean {
      if (!config.adminChat) return false;
      queue.notice(config.adminChat, text);
      return true;
    },
    /**
     * Connects to Telegram, retrying with back-off until it answers: Telegram may be unreachable
     * when the service boots, and the portal must not wait for it (the caller does not await
     * this). grammY's own first call retries network failures forever and silently, and a hung
     * call waits 500 s, so each attempt here is one bounded getMe whose failure is logged with its
     * reason. `onState` hears where the desk stands, for /healthz; `signal` ends the retries.
     */
    async start(lifecycle: { onState?: (state: 'connecting' | 'retrying' | 'on', reason?: string) => void; signal?: AbortSignal; attemptMs?: number } = {}) {
      const { onState = () => undefined, signal, attemptMs = 10_000 } = lifecycle;
      const reasonOf = (error: unknown): string => {
        if (error instanceof GrammyError) return `Bot API error ${error.error_code}: ${error.description}`;
        const cause = error instanceof HttpError ? error.error : error;
        const code = typeof cause === 'object' && cause !== null && 'code' in cause ? String(cause.code) : null;
        const name = cause instanceof Error ? cause.name : 'Error';
        // Only a code or an error's name: the text of a failed call holds the request URL, and so the bot token (/healthz shows this).
        return code ?? (name === 'AbortError' || name === 'TimeoutError' ? `no answer within ${attemptMs / 1000} s` : name);
      };
      await desk.openOutcomes();
      const known = new Set((await deps.store.sites()).map((s) => s.key));
      for (const c of config.siteDeskChats) {
        if (!known.has(c.siteKey)) log.warn({ site: c.siteKey, chat: c.chatId }, 'TELEGRAM_SITE_DESK_CHATS names no site of this portal: that chat gets no cards until the site exists / TELEGRAM_SITE_DESK_CHATS ghi một trang không có');
      }
      onState('connecting');
      for (let attempt = 1; ; attempt += 1) {
        if (signal?.aborted) return;
        try {
          // grammY types its signal with its abort-controller shim; at run time it takes Node's own.
          const attemptSignal = AbortSignal.any([AbortSignal.timeout(attemptMs), ...(signal ? [signal] : [])]) as unknown as Parameters<typeof bot.api.getMe>[0];
          if (!bot.isInited()) bot.botInfo = await bot.api.getMe(attemptSignal);
          if (options.publicBaseUrl) {
            await bot.api.setWebhook(`${options.publicBaseUrl}${WEBHOOK_PATH}`, { secret_token: secret, allowed_updates: ALLOWED_UPDATES }, attemptSignal);
          }
          break;
        } catch (error) {
          if (signal?.aborted) return;
          const reason = reasonOf(error);
          const retryInSeconds = Math.min(60, 2 ** (attempt - 1));
          onState('retrying', reason);
          log.warn({ attempt, retryInSeconds, reason, failure: sortError(error) }, `Telegram unreachable (${reason}); the desk retries in ${retryInSeconds} s, the portal keeps serving / Không kết nối được Telegram, sẽ thử lại`);
          await new Promise<void>((resolve) => {
            // The listener goes with the wait: one per attempt would pile up on the signal while Telegram stays down.
            const stop = () => (clearTimeout(timer), resolve());
            const timer = setTimeout(() => (signal?.removeEventListener('abort', stop), resolve()), retryInSeconds * 1000);
            signal?.addEventListener('abort', stop, { once: true });
          });
        }
      }
      // Updates a crash left waiting are handled before new ones are fetched.
      await replayInbox(bot, inbox, albums, replaying, log);
      if (!options.publicBaseUrl) {
        void bot.start({ allowed_updates: ALLOWED_UPDATES, drop_pending_updates: false }).catch((error: unknown) => log.error({ err: error }, 'telegram polling stopped'));
      }
      onState('on');
      if (ticketCards) ticketCards.on = true;
      log.info({ bot: bot.botInfo.username, mode: options.publicBaseUrl ? 'webhook' : 'polling' }, 'Telegram desk on');
      // The menu is a convenience: a failure is said, and every command still works when typed.
      void publishMenus(bot.api, { editorialChat: config.editorialChat, ticketsChat: options.tickets?.chat ?? null, adminChat: config.adminChat }).catch((error: unknown) =>
        log.warn({ failure: sortError(error) }, 'Telegram command menus not set; commands still work when typed / chưa đặt được menu lệnh Telegram'),
      );
      desk.later(async () => void (await desk.sweep()));
    },
    /** Webhook entry: Telegram's secret header first (the body is read only after it), then one update, taken once. */
    webhook: {
      accepts(headerSecret: string | undefined): boolean {
        const given = Buffer.from(headerSecret ?? '');
        const expected = Buffer.from(secret);
        return given.length === expected.length && timingSafeEqual(given, expected);
      },
      take: async (body: unknown): Promise<{ status: 200 | 400 | 500; body: { ok: boolean; error?: string } }> => {
        if (typeof body !== 'object' || body === null || !Number.isInteger((body as { update_id?: unknown }).update_id)) return { status: 400, body: { ok: false, error: 'not_an_update' } };
        try {
          await bot.handleUpdate(body as Update);
          return { status: 200, body: { ok: true } };
        } catch (error) {
          log.error({ err: error }, 'webhook update failed; Telegram will deliver it again');
          return { status: 500, body: { ok: false, error: 'failed' } };
        }
      },
    },
    async stop() {
      if (bot.isRunning()) await bot.stop();
      await albums.flush();
      await albums.stop();
      // Waiting messages are dropped first, so follow-ups blocked on rate limits end now.
      const dropped = queue.stop();
      await desk.settled();
      await interactionCards.settled();
      if (ticketCards) {
        ticketCards.on = false;
        await ticketCards.settled();
      }
      if (dropped > 0) log.warn({ dropped }, 'chat messages not sent at shutdown; waiting cards are sent again at the next start');
    },
  };
}

export type TelegramDesk = ReturnType<typeof createTelegramDesk>;
