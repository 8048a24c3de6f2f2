import { createTelegramDesk } from '../adapters/telegram/desk.js';
import { zaloHooks } from './deskHooks.js';
import { scheduleTable, type ChatDeskJobs, type InteractionJobs } from '../jobs/table.js';
import { drainWebhooks } from './app/interactions/webhooks.js';
import { runPlatformActions } from './app/interactions/platformActions.js';
import { interactionsFor } from './interactionSetup.js';
import { ticketsFor } from './ticketSetup.js';
import { oneAtATime, startJobs } from '../jobs/schedule.js';
import type { Deps } from './app/deps.js';
import { anchoring } from './app/auditCheckpoint.js';
import { createDispatcher } from './app/dispatch.js';
import { RefusalLog } from './app/refusals.js';
import { resealLegacyCredentials } from './app/credentials.js';
import { sealingKey } from './core/sealing.js';
import { problemAlert, reportStuck, sendAlerts, storedAlert } from './app/mirrors.js';
import { configOrExit } from './config.js';
import { auditKeys } from './core/audit.js';
import { formTokenKey } from './core/interactions/formToken.js';
import { bilingual } from './core/messages.js';
import { createHttpApp } from './http/app.js';
import { operatorHealthToken } from './http/health.js';
import { createPortalServer } from './http/fastPath.js';
import { publicWeb } from './http/web.js';
import { configSecrets, rememberHubSecret } from './knownSecrets.js';
import { createLogger } from './logger.js';
import { channelLimits } from './limits.js';
import { dispatchEnvFor, MIRROR_LABELS, mirrorQuotas } from './mirrorSetup.js';
import { ensureHubSecret } from './secret.js';
import { prepareTrail } from './trailStart.js';
import { checkpointFile } from './store/auditCheckpoints.js';
import { migrate } from './store/migrate.js';
import { createPrismaStore } from './store/prismaStore.js';
import { providerOf, redactUrl } from './store/url.js';
import { VERSION } from './version.js';
import { zaloFetch } from '../adapters/zalo-group/web.js';

/** What a failed start prints passes the log's redactor too, once it exists. */
let scrub = (text: string) => text;

/** Composition root: builds everything from config and starts it. */
async function main(): Promise<void> {
  const config = configOrExit();
  // What the process knows is secret reaches the log's redactor from here, as it is learnt.
  const secrets = configSecrets(config);
  const log = createLogger(config, secrets);
  scrub = (text) => secrets.scrub(text);
  // A crash prints its error through the redactor too, not raw to stderr.
  const crash = (error: unknown) => {
    log.fatal({ err: error }, 'portal-hub stopped on an unexpected error / dừng vì lỗi không lường trước');
    log.flush();
    process.exit(1);
  };
  process.on('uncaughtException', crash);
  process.on('unhandledRejection', crash);
  const secret = ensureHubSecret(config.dataDir, config.hubSecret);
  rememberHubSecret(secrets, secret.secret);
  log.info({ source: secret.source }, 'hub secret ready');

  const report = await migrate(config.databaseUrl);
  log.info({ database: redactUrl(config.databaseUrl), provider: providerOf(config.databaseUrl), applied: report.applied, alreadyApplied: report.alreadyApplied }, report.applied.length ? 'migrations applied' : 'database schema up to date');

  const keys = auditKeys(secret.secret);
  const store = createPrismaStore(config.databaseUrl, keys);
  const trail = await prepareTrail(store, { dataDir: config.dataDir, timeZone: config.timeZone, secretSource: secret.source, keys });
  if (!trail.ok) throw new Error(trail.reason);
  if (trail.upgraded) {
    const { rows, oldHead } = trail.upgraded;
    log.warn({ rows, oldHead }, bilingual('audit_keyed', { rows: String(rows), seq: String(oldHead.seq), hash: oldHead.hash }));
  }
  const clock = () => new Date();
  const refusals = new RefusalLog({ store, clock }, (error) => log.error({ err: error }, 'refused attempt not recorded in the audit trail'));
  const deps: Deps = { store, clock, timeZone: config.timeZone, refusals };
  // Before any desk or worker reads a credential: values of the old form open nowhere after this.
  const resealed = await resealLegacyCredentials(deps, sealingKey(secret.secret));
  if (resealed.resealed.length) log.info({ rows: resealed.resealed }, 'credentials re-sealed to their rows');
  if (resealed.unreadable.length) log.warn({ rows: resealed.unreadable }, 'credentials this HUB_SECRET cannot open: reconnect them');
  if (resealed.refused.length) log.warn({ rows: resealed.refused }, 'credentials of the old form appeared after the upgrade (copied from a backup or another row): not used, reconnect them');
  const startedAt = Date.now();
  let ready = true;

  // Alerts from every process (`dispatch` workers too) are stored; this process, holding the desk, sends them (job telegram-alerts). Always logged too.
  const alert = storedAlert(deps, (text, error) => (error ? log.error({ err: error, alert: text }, 'alert not stored') : log.warn({ alert: text }, 'alert for the admins')));
  // Before the desk: the tickets chat acts through the ticket use cases, which do not depend on the desk.
  const tickets = await ticketsFor(config, deps, secret.secret, {
    alert,
    log: log.child({ part: 'tickets' }),
    revealed: (value) => secrets.rememberCredentials(value),
    // The desk is made below; mail jobs run only after it exists.
    mailDesk: {
      submitted: (submission) => telegram?.mail.submitted(submission),
      revised: (before, after) => telegram?.mail.revised(before, after),
      toEditors: (code, name, text, kind) => telegram?.mail.toEditors(code, name, text, kind),
    },
  });

  const stopDesks = new AbortController();
  const telegram = config.telegram
    ? createTelegramDesk({
        config: config.telegram,
        deps,
        hubSecret: secret.secret,
        media: { dir: config.mediaDir, maxBytes: config.mediaMaxBytes, stopping: stopDesks.signal },
        portalBaseUrl: config.portalBaseUrl,
        publicBaseUrl: config.publicBaseUrl,
        quotas: mirrorQuotas(config),
        interactions: { chat: config.interactions.telegramChat, digestAt: config.interactions.digestAt },
        tickets: { env: tickets.env, chat: config.tickets.telegramChat },
        log: log.child({ desk: 'telegram' }),
      })
    : null;
  if (!telegram) log.warn('Telegram desk is off: set TELEGRAM_BOT_TOKEN to turn it on / Bàn biên tập Telegram đang tắt: đặt TELEGRAM_BOT_TOKEN để bật');

  const deskStates: Record<string, { state: string; reason?: string }> = {};
  const telegramOn = () => deskStates.telegram?.state === 'on';

  // zca-js takes half a second to load; a service without Zalo groups does not load it.
  const zalo = config.zaloGroup
    ? (await import('../adapters/zalo-group/desk.js')).createZaloDesk({
        config: config.zaloGroup,
        deps,
        hubSecret: secret.secret,
        media: { dir: config.mediaDir, maxBytes: config.mediaMaxBytes, stopping: stopDesks.signal },
        portalBaseUrl: config.portalBaseUrl,
        hooks: zaloHooks(telegram, alert),
        log: log.child({ desk: 'zalo' }),
        fetch: zaloFetch(config.zaloWebBase),
        revealed: (credentials) => secrets.rememberCredentials(credentials),
      })
    : null;
  if (zalo) await zalo.start();

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
          },
        ]
      : []),
    ...(zalo ? [{ name: 'zalo', sweep: () => zalo.sweep(), published: async () => undefined, tellOutcomes: () => zalo.tellOutcomes(), checkSession: () => zalo.checkSession() }] : []),
  ];
  const limits = channelLimits({ redisUrl: config.redisUrl });
  const dispatchEnv = dispatchEnvFor(config, deps, secret.secret, {
    leaseMs: 5 * 60_000,
    limits,
    hooks: {
      onProblem: (problem) => {
        const text = problemAlert(problem);
        if (text) alert(text);
      },
      onBug: (error, delivery) => log.error({ err: error, code: delivery.code, delivery: delivery.id }, 'delivery failed unexpectedly'),
      onMiss: (miss) => log.warn(miss, 'delivery not made; it is retried or reported'),
      revealed: (credentials) => secrets.rememberCredentials(credentials),
    },
  });
  const dispatcher = createDispatcher(dispatchEnv);
  const wiring = interactionsFor(config, deps, secret.secret, {
    alert,
    refused: (source, detail) => void refusals.refused({ kind: 'webhook_signature', source, detail }),
    log: log.child({ part: 'interactions' }),
    revealed: (credentials) => secrets.rememberCredentials(credentials),
  });
  // Cards wait for the desk like its other catch-up jobs: what is unannounced stays owed. One run at a time,
  // whether the clock or a drain that just stored something starts it, so no card goes out twice.
  const announce = telegram ? oneAtATime(async () => (telegramOn() ? telegram.interactions.announce() : 0)) : null;
  const interactions: InteractionJobs = {
    drain: async () => {
      const touched = await drainWebhooks(deps, wiring.webhookSources, (prefix, key, error) => log.warn({ err: error, prefix, key }, 'webhook event not readable; kept in the inbox, marked done'));
      // A webhook's event is on the moderators' chat at once, not a clock tick later.
      if (touched.length && announce) await announce();
      return touched.length;
    },
    actions: () => runPlatformActions({ deps, platforms: wiring.platforms, sealingKey: sealingKey(secret.secret), leaseMs: 5 * 60_000, random: Math.random, alert, revealed: (c) => secrets.rememberCredentials(c) }),
    polls: wiring.polls,
    ...(telegram && announce ? { announce, digest: async () => (telegramOn() ? telegram.interactions.digest() : 0) } : {}),
  };
  // Ticket cards wait for the desk too; one run at a time, every 1.5 s. Assignees, reminders and escalations reach people in chat through it.
  if (telegram?.tickets) {
    const ticketDesk = telegram.tickets;
    tickets.env.notifier = ticketDesk.notifier;
    const announceTickets = oneAtATime(async () => (telegramOn() ? ticketDesk.announce() : 0));
    tickets.jobs.push({ name: 'tickets-cards', everyMs: 1_500, firstAfterMs: 1_000, run: announceTickets });
  }
  const mirrors = { dispatch: () => dispatcher.tick(), reportStuck: () => reportStuck(deps, alert) };
  const audit = anchoring(deps, checkpointFile(config.dataDir), keys.checkpoints, alert);
  const scheduler = startJobs(scheduleTable(deps, desks, mirrors, refusals, audit, interactions, tickets.jobs), log);

  const web = publicWeb({
    deps,
    baseUrl: config.portalBaseUrl,
    mediaDir: config.mediaDir,
    emc: config.emc,
    mirrorLabels: MIRROR_LABELS,
    onMissingMedia: (ref, codes) => alert(bilingual('alert_media_missing', { ref, codes: codes.join(', ') })),
    forms: {
      key: formTokenKey(secret.secret),
      perMinute: config.interactions.formPerMinute,
      minSeconds: config.interactions.formMinSeconds,
      trustedProxies: new Set(config.interactions.formTrustedProxies),
    },
    tickets: tickets.env,
  });
  const app = createHttpApp({
    web: web.app,
    webhooks: wiring.routes,
    ping: () => store.ping(),
    uptime: () => (Date.now() - startedAt) / 1000,
    ready: () => ready,
    desks: () => deskStates,
    operatorToken: operatorHealthToken(secret.secret),
    telegramWebhook: telegram?.mode === 'webhook' ? telegram.webhook : undefined,
    refused: (refusal) => void refusals.refused(refusal),
  });
  const access = log.child({ log: 'access' });
  const server = createPortalServer(web.cache, web.headers, app.fetch, (entry) => access.info(entry, 'request'));
  server.listen(config.port, config.host, () => {
    const address = server.address();
    const port = typeof address === 'object' && address ? address.port : config.port;
    log.info({ port, version: VERSION }, `portal-hub listening on http://${config.host}:${port}`);
  });

  // The desk connects in the background: a Telegram that is down must not keep the portal and /healthz closed.
  if (telegram) {
    deskStates.telegram = { state: 'connecting' };
    void telegram
      .start({ signal: stopDesks.signal, onState: (state, reason) => (deskStates.telegram = reason ? { state, reason } : { state }) })
      .catch((error: unknown) => {
        deskStates.telegram = { state: 'failed', reason: error instanceof Error ? error.message : String(error) };
        log.error({ err: error }, 'Telegram desk failed to start');
      });
  }

  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    ready = false;
    stopDesks.abort();
    log.info({ signal }, 'shutting down');
    await new Promise<void>((resolve) => server.close(() => resolve()));
    // Together: a running job may wait on chat messages paced minutes ahead (a backlog of receipts),
    // and only the desks' stop drops those (they are told after the restart), so the jobs can end.
    await Promise.all([scheduler.stop(), zalo?.stop(), telegram?.stop()]);
    // The last rows written are anchored too: a cut made while the service is down is caught.
    await audit.toFile().catch((error: unknown) => log.error({ err: error }, 'audit checkpoint at shutdown not written'));
    await limits.close();
    await store.close();
    log.info('stopped');
    log.flush();
    process.exit(0);
  };
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGINT', () => void shutdown('SIGINT'));
}

main().catch((error: unknown) => {
  console.error('portal-hub không khởi động được / failed to start:', scrub(error instanceof Error ? error.message : String(error)));
  process.exit(1);
});
