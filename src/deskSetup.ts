import { logLine } from './core/messages.js';
import type { Logger } from 'pino';
import type { TelegramDesk } from '../adapters/telegram/desk.js';
import { zaloFetch } from '../adapters/zalo-group/web.js';
import { createZaloBotDesk } from '../adapters/zalo-bot/desk.js';
import { periodicReportsJob, scheduleTable, type AuditJobs, type ChatDeskJobs, type InteractionJobs } from '../jobs/table.js';
import { reportWriter } from '../adapters/office/index.js';
import { makeDueReports } from './app/reports/calendar.js';
import { oneAtATime, startJobs, type Job } from '../jobs/schedule.js';
import type { Deps } from './app/deps.js';
import { createDispatcher } from './app/dispatch.js';
import { drainWebhooks } from './app/interactions/webhooks.js';
import { runPlatformActions } from './app/interactions/platformActions.js';
import { problemAlert, reportStuck, sendAlerts, type Alert } from './app/mirrors.js';
import type { RefusalLog } from './app/refusals.js';
import type { Config } from './config.js';
import { sealingKey } from './core/sealing.js';
import { zaloHooks } from './deskHooks.js';
import type { InteractionWiring } from './interactionSetup.js';
import type { Secrets } from './redaction.js';
import type { ChannelLimits } from './limits.js';
import { dispatchEnvFor, mirrorQuotas } from './mirrorSetup.js';
import type { TicketWiring } from './ticketSetup.js';

/** What the desk needs from the process around it; made once, at boot, in every process. */
export interface DeskContext {
  config: Config;
  deps: Deps;
  hubSecret: string;
  log: Logger;
  secrets: Pick<Secrets, 'rememberCredentials'>;
  alert: Alert;
  refusals: RefusalLog;
  tickets: TicketWiring;
  wiring: InteractionWiring;
  limits: ChannelLimits;
  audit: AuditJobs;
  /** Where each chat desk stands, for /healthz. */
  deskStates: Record<string, { state: string; reason?: string }>;
  /** Whether this process still holds the desk lease: every job checks it before it runs. */
  holds: () => boolean;
  /** The Telegram desk of the current term, for hooks made before it (mail): null between terms. */
  current: { telegram: TelegramDesk | null };
}

/**
 * One term of the desk: everything that must run in exactly one process of the deployment — the
 * Telegram poller (or, in webhook mode, setWebhook and the handling of what any process stored), the
 * Zalo group listener, the schedule table. Started when this process wins the desk lease; the function
 * it resolves to stops it all when the lease is lost or at shutdown. Each term makes its desks anew: a
 * stopped desk has dropped its send queue (what it still owed is sent by the next term, from the
 * database), and is never started again.
 */
export async function startDeskTerm(ctx: DeskContext): Promise<() => Promise<void>> {
  const { config, deps, log, alert } = ctx;
  const stopDesks = new AbortController();
  // A service without Telegram does not load grammY and the desk's cards (a few MB, measured as Pss).
  const telegram = config.telegram
    ? (await import('../adapters/telegram/desk.js')).createTelegramDesk({
        config: config.telegram,
        deps,
        hubSecret: ctx.hubSecret,
        media: { dir: config.mediaDir, maxBytes: config.mediaMaxBytes, stopping: stopDesks.signal },
        portalBaseUrl: config.portalBaseUrl,
        publicBaseUrl: config.publicBaseUrl,
        quotas: mirrorQuotas(config),
        interactions: { chat: config.interactions.telegramChat, digestAt: config.interactions.digestAt },
        tickets: { env: ctx.tickets.env, chat: config.tickets.telegramChat },
        timeliness: { staleDays: config.staleSiteDays },
        log: log.child({ desk: 'telegram' }),
      })
    : null;
  ctx.current.telegram = telegram;
  const telegramOn = () => ctx.deskStates.telegram?.state === 'on';

  // zca-js takes half a second to load; a service without Zalo groups does not load it.
  const zalo = config.zaloGroup
    ? (await import('../adapters/zalo-group/desk.js')).createZaloDesk({
        config: config.zaloGroup,
        deps,
        hubSecret: ctx.hubSecret,
        media: { dir: config.mediaDir, maxBytes: config.mediaMaxBytes, stopping: stopDesks.signal },
        portalBaseUrl: config.portalBaseUrl,
        hooks: zaloHooks(telegram, alert),
        log: log.child({ desk: 'zalo' }),
        fetch: zaloFetch(config.zaloWebBase),
        revealed: (credentials) => ctx.secrets.rememberCredentials(credentials),
      })
    : null;
  if (zalo) await zalo.start();
  const zaloBot = config.zaloBot
    ? createZaloBotDesk({
        config: config.zaloBot,
        deps,
        hubSecret: ctx.hubSecret,
        media: { dir: config.mediaDir, maxBytes: config.mediaMaxBytes, stopping: stopDesks.signal },
        portalBaseUrl: config.portalBaseUrl,
        publicBaseUrl: config.publicBaseUrl,
        hooks: zaloHooks(telegram, alert),
        log: log.child({ desk: 'zalo-bot' }),
        onState: (state, reason) => (ctx.deskStates['zalo-bot'] = reason ? { state, reason } : { state }),
      })
    : null;
  if (zaloBot) await zaloBot.start();

  const desks: ChatDeskJobs[] = [
    // Until Telegram answers, its catch-up jobs wait: what they would send is still owed at their next run.
    ...(telegram
      ? [
          {
            name: 'telegram',
            sweep: async () => (telegramOn() ? telegram.desk.sweep() : 0),
            published: (codes: string[]) => telegram.desk.announcePublished(codes),
            tellOutcomes: async () => (telegramOn() ? telegram.desk.tellOutcomes() : 0),
            // Stored alerts wait for the desk too: they are marked sent only once handed to it.
            sendAlerts: async () => (telegramOn() ? sendAlerts(deps, (text) => telegram.alertAdmins(text)) : 0),
            royaltyCards: async () => (telegramOn() ? telegram.royalties.announce() : 0),
            royaltyDue: async () => (telegramOn() ? telegram.royalties.remindDue() : 0),
            staleSites: async () => (telegramOn() ? telegram.timeliness.remindStale() : 0),
            serviceCards: async () => (telegramOn() ? telegram.services.announce() : 0),
            adReports: async () => (telegramOn() ? telegram.services.adReports() : 0),
          },
        ]
      : []),
    ...(zalo ? [{ name: 'zalo', sweep: () => zalo.sweep(), published: async () => undefined, tellOutcomes: () => zalo.tellOutcomes(), checkSession: () => zalo.checkSession(), royaltyDue: () => zalo.remindDue() }] : []),
    ...(zaloBot ? [{ name: 'zalo-bot', sweep: () => zaloBot.sweep(), published: async () => undefined, tellOutcomes: () => zaloBot.tellOutcomes(), royaltyDue: () => zaloBot.remindDue() }] : []),
  ];
  const dispatcher = createDispatcher(
    dispatchEnvFor(config, deps, ctx.hubSecret, {
      leaseMs: 5 * 60_000,
      limits: ctx.limits,
      hooks: {
        onProblem: (problem) => {
          const text = problemAlert(problem);
          if (text) alert(text);
        },
        onBug: (error, delivery) => log.error({ err: error, code: delivery.code, delivery: delivery.id }, 'delivery failed unexpectedly'),
        onMiss: (miss) => log.warn(miss, 'delivery not made; it is retried or reported'),
        revealed: (credentials) => ctx.secrets.rememberCredentials(credentials),
      },
    }),
  );
  // Cards wait for the desk like its other catch-up jobs: what is unannounced stays owed. One run at a time,
  // whether the clock or a drain that just stored something starts it, so no card goes out twice.
  const announce = telegram ? oneAtATime(async () => (telegramOn() ? telegram.interactions.announce() : 0)) : null;
  const interactions: InteractionJobs = {
    drain: async () => {
      const touched = await drainWebhooks(deps, ctx.wiring.webhookSources, (prefix, key, error) => log.warn({ err: error, prefix, key }, 'webhook event not readable; kept in the inbox, marked done'));
      // A webhook's event is on the moderators' chat at once, not a clock tick later.
      if (touched.length && announce) await announce();
      return touched.length;
    },
    actions: () => runPlatformActions({ deps, platforms: ctx.wiring.platforms, sealingKey: sealingKey(ctx.hubSecret), leaseMs: 5 * 60_000, random: Math.random, alert, revealed: (c) => ctx.secrets.rememberCredentials(c) }),
    polls: ctx.wiring.polls,
    ...(telegram && announce ? { announce, digest: async () => (telegramOn() ? telegram.interactions.digest() : 0) } : {}),
  };
  const more: Job[] = [...ctx.tickets.jobs];
  // Ticket cards wait for the desk too; one run at a time, every 1.5 s. Assignees, reminders and escalations reach people in chat through it.
  if (telegram?.tickets) {
    const ticketDesk = telegram.tickets;
    ctx.tickets.env.notifier = ticketDesk.notifier;
    more.push({ name: 'tickets-cards', everyMs: 1_500, firstAfterMs: 1_000, run: oneAtATime(async () => (telegramOn() ? ticketDesk.announce() : 0)) });
  }
  // Webhook mode: any process stores Telegram's updates in the inbox; they are handled here, one at a time, in order.
  if (zaloBot?.mode === 'webhook') more.push({ name: 'zalo-bot-inbox', everyMs: 500, firstAfterMs: 500, run: () => zaloBot.drain() });
  if (telegram?.mode === 'webhook') more.push({ name: 'telegram-inbox', everyMs: 500, firstAfterMs: 500, run: async () => (telegramOn() ? telegram.drainInbox() : 0) });
  // Made and stored whether or not a chat desk runs; sent once Telegram answers (a failed send is tried at the next run).
  more.push(
    periodicReportsJob(() =>
      makeDueReports(deps, reportWriter, { afterDays: config.reportAfterDays, staleDays: config.staleSiteDays }, async (report, progress) => {
        if (telegram && !telegramOn()) throw new Error('the Telegram desk is not answering: the report goes at a later run');
        const sent = telegram ? await telegram.reports.send(report, progress) : 'noChat';
        // Stored all the same: said once, when the calendar would have sent it, so an operator does not wait for it in chat.
        if (sent === 'noChat') {
          const chat = !telegram ? 'TELEGRAM_BOT_TOKEN' : report.site ? `TELEGRAM_SITE_DESK_CHATS ${report.site.key}` : 'TELEGRAM_EDITORIAL_CHAT';
          log.warn({ period: report.period.key, site: report.site?.key ?? null }, logLine('report_stored_no_chat', { period: report.period.key, site: report.site?.key ?? 'toàn tỉnh / province', chat }));
        }
        return sent;
      }),
    ),
  );
  const mirrors = { dispatch: () => dispatcher.tick(), reportStuck: () => reportStuck(deps, alert) };
  // A job whose timer fires after the lease ran out (the process was frozen, the database slow) does not run.
  const table = scheduleTable(deps, desks, mirrors, ctx.refusals, ctx.audit, interactions, more).map((job) => ({ ...job, run: async () => (ctx.holds() ? job.run() : 'not holding the desk') }));
  const scheduler = startJobs(table, log);

  // The desk connects in the background: a Telegram that is down must not keep the term (or its stop) waiting.
  if (telegram) {
    ctx.deskStates.telegram = { state: 'connecting' };
    void telegram
      .start({ signal: stopDesks.signal, onState: (state, reason) => (ctx.deskStates.telegram = reason ? { state, reason } : { state }) })
      .catch((error: unknown) => {
        ctx.deskStates.telegram = { state: 'failed', reason: error instanceof Error ? error.message : String(error) };
        log.error({ err: error }, 'Telegram desk failed to start');
      });
  }

  return async () => {
    stopDesks.abort();
    // Together: a running job may wait on chat messages paced minutes ahead (a backlog of receipts),
    // and only the desks' stop drops those (they are told by the next term, from the database), so the jobs can end.
    await Promise.all([scheduler.stop(), zalo?.stop(), zaloBot?.stop(), telegram?.stop()]);
    if (telegram) delete ctx.deskStates.telegram;
    if (zaloBot) delete ctx.deskStates['zalo-bot'];
    if (ctx.current.telegram === telegram) ctx.current.telegram = null;
    if (telegram?.tickets && ctx.tickets.env.notifier === telegram.tickets.notifier) delete ctx.tickets.env.notifier;
    // The last rows written are anchored too: a cut made while the service is down is caught.
    await ctx.audit.toFile().catch((error: unknown) => log.error({ err: error }, 'audit checkpoint at the end of the desk term not written'));
  };
}
