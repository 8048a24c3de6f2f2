import { randomBytes, randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { zaloBotWebhookIntake } from '../adapters/zalo-bot/webhookIntake.js';
import { interactionsFor } from './interactionSetup.js';
import { ticketsFor } from './ticketSetup.js';
import { startLeadership } from './app/leadership.js';
import { startDeskTerm, type DeskContext } from './deskSetup.js';
import { openLease } from './store/lease.js';
import type { Deps } from './app/deps.js';
import { anchoring } from './app/auditCheckpoint.js';
import { RefusalLog } from './app/refusals.js';
import { resealLegacyCredentials } from './app/credentials.js';
import { sealingKey } from './core/sealing.js';
import { storedAlert } from './app/mirrors.js';
import { configOrExit, loadConfig, placeConfig } from './config.js';
import { databaseRefusal } from './store/errors.js';
import { PROJECT_ROOT } from './projectRoot.js';
import { auditKeys } from './core/audit.js';
import { formTokenKey } from './core/interactions/formToken.js';
import { bilingual, logLine } from './core/messages.js';
import { buildIsFresh } from '../scripts/buildState.mjs';
import { createHttpApp } from './http/app.js';
import { operatorHealthToken } from './http/health.js';
import { createPortalServer } from './http/fastPath.js';
import { publicWeb } from './http/web.js';
import { adBeacon } from './http/portal/ads.js';
import { PageViewCounter, visitorKeyOf } from './app/analytics/pageViewCounter.js';
import { pageViewsOf } from './http/pageViews.js';
import { AdBook } from './app/ads/book.js';
import { AdCounter } from './app/ads/counter.js';
import { startJobs } from '../jobs/schedule.js';
import { webProcessJobs } from '../jobs/table.js';
import { configSecrets, rememberHubSecret } from './knownSecrets.js';
import { createLogger } from './logger.js';
import { channelLimits } from './limits.js';
import { MIRROR_LABELS } from './mirrorSetup.js';
import { dataDirRefusal, ensureHubSecret, HubSecretRefused, newDatabaseRefusal } from './secret.js';
import { prepareTrail } from './trailStart.js';
import { checkpointFile } from './store/auditCheckpoints.js';
import { migrate } from './store/migrate.js';
import { createPrismaStore } from './store/prismaStore.js';
import { providerOf, redactUrl } from './store/url.js';
import { VERSION } from './version.js';
import { reportStartup } from './startupReport.js';
import { shiftedClock } from './clock.js';

/** Requests under way may finish within this after a stop is asked for; their connections are then closed. */
const SHUTDOWN_GRACE_MS = 5_000;
/** A stop that takes longer exits anyway, naming what held it (well inside systemd's 90 s). */
const SHUTDOWN_LIMIT_MS = 30_000;
/** What one database connection's closing may take at a stop before the stop goes on without it. */
const CLOSE_WITHIN_MS = 5_000;

/** What a failed start prints passes the log's redactor too, once it exists. */
let scrub = (text: string) => text;

/** Composition root: builds everything from config and starts it. */
async function main(): Promise<void> {
  // The compiled service after a `git pull` without `npm run build` would run the old code on the new
  // migrations (they are read from prisma/ at start): refused before the database is touched.
  if (fileURLToPath(import.meta.url).endsWith(join('dist', 'service.js')) && !buildIsFresh(PROJECT_ROOT)) {
    console.error(bilingual('start_build_stale', { root: PROJECT_ROOT }));
    process.exit(1);
  }
  // `./data` is the project's, wherever the service is started from (node dist/service.js from /root once made a data folder there).
  placeConfig({ root: PROJECT_ROOT });
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
  const misplaced = dataDirRefusal(config.dataDir) ?? newDatabaseRefusal(config.dataDir, config.databaseUrl);
  if (misplaced) throw new HubSecretRefused(misplaced);
  // The database first: one that cannot be opened stops the start before a key file is made beside it.
  const report = await migrate(config.databaseUrl);
  log.info({ database: redactUrl(config.databaseUrl), provider: providerOf(config.databaseUrl), applied: report.applied, alreadyApplied: report.alreadyApplied }, logLine(report.applied.length ? 'log_migrations_applied' : 'log_schema_up_to_date'));
  const secret = ensureHubSecret(config.dataDir, config.hubSecret);
  rememberHubSecret(secrets, secret.secret);
  log.info({ source: secret.source }, logLine('log_hub_secret_ready'));

  const keys = auditKeys(secret.secret);
  const store = createPrismaStore(config.databaseUrl, keys);
  const trail = await prepareTrail(store, { dataDir: config.dataDir, timeZone: config.timeZone, secretSource: secret.source, keys });
  if (!trail.ok) throw new Error(trail.reason);
  if (trail.upgraded) {
    const { rows, oldHead } = trail.upgraded;
    log.warn({ rows, oldHead }, bilingual('audit_keyed', { rows: String(rows), seq: String(oldHead.seq), hash: oldHead.hash }));
  }
  // In the background: the portal serves meanwhile, and a search before it ends reads from disk as before.
  void store
    .warmSearch()
    .then((w) => (w.warmed ? log.info(w.detail, 'search index read into PostgreSQL’s shared buffers') : 'why' in w.detail && w.detail.why !== 'nothing to warm' && log.info(w.detail, 'search index not warmed: searches read it from disk until used (docs/architecture.md: PostgreSQL memory)')))
    .catch((error: unknown) => log.warn({ err: error }, 'search index not warmed'));
  const clock = shiftedClock(config.clockStart);
  if (config.clockStart) log.warn({ clockStart: config.clockStart.toISOString() }, 'CLOCK_START: the service runs on a moved clock (drills and tests only)');
  const refusals = new RefusalLog({ store, clock }, (error) => log.error({ err: error }, 'refused attempt not recorded in the audit trail'));
  const deps: Deps = { store, clock, timeZone: config.timeZone, refusals, documentDeadlines: config.documentDeadlines };
  // Before any desk or worker reads a credential: values of the old form open nowhere after this.
  const resealed = await resealLegacyCredentials(deps, sealingKey(secret.secret));
  if (resealed.resealed.length) log.info({ rows: resealed.resealed }, logLine('log_credentials_resealed'));
  if (resealed.unreadable.length) log.warn({ rows: resealed.unreadable }, logLine('log_credentials_unreadable'));
  if (resealed.refused.length) log.warn({ rows: resealed.refused }, logLine('log_credentials_refused'));
  const startedAt = Date.now();
  let ready = true;

  // Alerts from every process (`dispatch` workers too) are stored; this process, holding the desk, sends them (job telegram-alerts). Always logged too.
  const alert = storedAlert(deps, (text, error) => (error ? log.error({ err: error, alert: text }, 'alert not stored') : log.warn({ alert: text }, 'cảnh báo gửi quản trị viên / alert for the admins')));
  await reportStartup(config, store, log, alert, clock());
  const current: DeskContext['current'] = { telegram: null };
  // Before the desk: the tickets chat acts through the ticket use cases, which do not depend on the desk.
  const tickets = await ticketsFor(config, deps, secret.secret, {
    alert,
    log: log.child({ part: 'tickets' }),
    revealed: (value) => secrets.rememberCredentials(value),
    // The desk of the current term (this process holding the desk lease); mail jobs run only in a term.
    mailDesk: {
      submitted: (submission) => current.telegram?.mail.submitted(submission),
      revised: (before, after) => current.telegram?.mail.revised(before, after),
      toEditors: (code, name, text, kind) => current.telegram?.mail.toEditors(code, name, text, kind),
    },
  });

  const deskStates: Record<string, { state: string; reason?: string }> = {};
  if (!config.telegram) log.warn('Bàn biên tập Telegram đang tắt: đặt TELEGRAM_BOT_TOKEN để bật / Telegram desk is off: set TELEGRAM_BOT_TOKEN to turn it on');
  const wiring = interactionsFor(config, deps, secret.secret, {
    alert,
    refused: (source, detail) => void refusals.refused({ kind: 'webhook_signature', source, detail }),
    log: log.child({ part: 'interactions' }),
    revealed: (credentials) => secrets.rememberCredentials(credentials),
  });
  const limits = channelLimits({ redisUrl: config.redisUrl });
  const audit = anchoring(deps, checkpointFile(config.dataDir), keys.checkpoints, alert);

  // One desk per deployment: every process serves the web; the chat desks and the schedule table run in the
  // one holding the desk lease (src/app/leadership.ts), started and stopped as it is won and lost.
  const lease = openLease(config.databaseUrl, store);
  const leadership = startLeadership({
    lease,
    holder: `${hostname()}:${process.pid}:${randomBytes(6).toString('hex')}`,
    ...config.deskLease,
    clock,
    monotonic: () => performance.now(),
    lead: () => startDeskTerm({ config, deps, hubSecret: secret.secret, log, secrets, alert, refusals, tickets, wiring, limits, audit, deskStates, holds: () => leadership.holds(), current }),
    log: log.child({ part: 'desk-lease' }),
    // A desk that does not stop may still be sending while another process runs its own: only an exit is sure.
    stuck: () => {
      log.fatal('the chat desks did not stop within 30 s of being told to (desk lease lost, or shutdown); exiting so that no desk runs twice, the supervisor restarts this process / bàn chat không dừng trong 30 giây; thoát để không có hai bàn chạy cùng lúc, trình giám sát sẽ khởi động lại');
      log.flush();
      process.exit(1);
    },
    stuckMs: 30_000,
  });

  // Every process serves ads from its own reading of the book and counts into its own memory, flushed on its own clock.
  const ads = { book: new AdBook(deps), counter: new AdCounter(clock), trustedProxies: new Set(config.interactions.formTrustedProxies) };
  // Reader page views, counted by every web process into its memory and flushed on its own clock (issue 20.5).
  const views = config.pageViews ? new PageViewCounter(clock, visitorKeyOf(secret.secret), config.timeZone) : null;
  const webJobs = startJobs(webProcessJobs(deps, ads, views, randomUUID()), log.child({ part: 'web-jobs' }));
  const web = publicWeb({
    ads,
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
    trustedProxies: new Set(config.interactions.formTrustedProxies),
  });
  const app = createHttpApp({
    web: web.app,
    webhooks: wiring.routes,
    ping: () => store.ping(),
    uptime: () => (Date.now() - startedAt) / 1000,
    ready: () => ready,
    desks: () => deskStates,
    desk: () => ({ held: leadership.holds(), process: leadership.state().holder, holder: leadership.state().leader }),
    operatorToken: operatorHealthToken(secret.secret),
    // Every process takes Telegram's webhook calls; the one holding the desk handles them (and set the webhook).
    telegramWebhook: config.telegram && config.publicBaseUrl ? (await import('../adapters/telegram/webhookIntake.js')).telegramWebhookIntake(deps, secret.secret) : undefined,
    zaloBotWebhook: config.zaloBot && config.publicBaseUrl ? zaloBotWebhookIntake(deps, secret.secret) : undefined,
    refused: (refusal) => void refusals.refused(refusal),
  });
  const access = log.child({ log: 'access' });
  const server = createPortalServer(web.cache, web.headers, app.fetch, (entry) => access.info(entry, 'request'), adBeacon(ads.book, ads.counter, ads.trustedProxies), web.hosts, views ? pageViewsOf(views, web.hosts, ads.trustedProxies) : undefined);
  // A port someone else holds is the operator's to fix: said in words, not a stack trace.
  server.once('error', (error: NodeJS.ErrnoException) => {
    const refusal =
      error.code === 'EADDRINUSE' ? 'start_port_in_use' : error.code === 'EACCES' ? 'start_port_denied' : error.code === 'ENOTFOUND' || error.code === 'EADDRNOTAVAIL' || error.code === 'EAI_AGAIN' ? 'start_host_unknown' : null;
    if (refusal === null) return crash(error);
    const detail = { port: String(config.port), host: config.host };
    log.fatal({ code: error.code, ...detail }, logLine(refusal, detail));
    log.flush();
    console.error(bilingual(refusal, detail));
    process.exit(1);
  });
  server.listen(config.port, config.host, () => {
    const address = server.address();
    const port = typeof address === 'object' && address ? address.port : config.port;
    log.info({ port, version: VERSION }, logLine('log_listening', { url: `http://${config.host}:${port}` }));
  });

  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    ready = false;
    log.info({ signal }, logLine('log_shutting_down'));
    // A stop must end: systemd kills at 90 s and a container runtime sooner, mid-write. Requests
    // under way get a short grace, then their connections are closed (a client that sent half a
    // request would otherwise hold the port for the 60 s header timeout); whatever still holds the
    // stop at the limit is named in the log and the process exits without it.
    const waitingFor = new Set<string>();
    // A database that went away can leave its pool waiting on a connection it will never hear from again: each
    // closing gets a few seconds, then the stop goes on without it (named in the log), well inside the limit.
    const closeWithin = (name: string, closing: Promise<unknown>) =>
      Promise.race([
        closing,
        new Promise<void>((resolve) =>
          setTimeout(() => {
            log.warn({ part: name }, `${name} not closed within ${CLOSE_WITHIN_MS / 1000} s; stopping without waiting for it`);
            resolve();
          }, CLOSE_WITHIN_MS).unref(),
        ),
      ]);
    const part = async (name: string, work: () => Promise<unknown>) => {
      waitingFor.add(name);
      await work();
      waitingFor.delete(name);
    };
    setTimeout(() => server.closeAllConnections(), SHUTDOWN_GRACE_MS).unref();
    setTimeout(() => {
      log.error({ waitingFor: [...waitingFor] }, logLine('log_shutdown_overdue', { parts: [...waitingFor].join(', ') }));
      log.flush();
      process.exit(1);
    }, SHUTDOWN_LIMIT_MS).unref();
    server.closeIdleConnections();
    // The desk (if held here) stops with the web, then the lease is given up: another process takes it at once.
    await Promise.all([part('http', () => new Promise<void>((resolve) => server.close(() => resolve()))), part('desks', () => leadership.stop())]);
    await part('lease', () => closeWithin('lease', lease.close()));
    // What this process counted since its last flush is written before the database closes.
    await part('ad-counts', async () => {
      await webJobs.stop();
      await ads.counter.flush(store).catch((error: unknown) => log.error({ err: error }, 'ad counts not written at shutdown'));
      await views?.flush(store).catch((error: unknown) => log.error({ err: error }, 'page views not written at shutdown'));
    });
    await part('limits', () => limits.close());
    await part('database', () => closeWithin('database', store.close()));
    log.info(logLine('log_stopped'));
    log.flush();
    process.exit(0);
  };
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGINT', () => void shutdown('SIGINT'));
}

main().catch((error: unknown) => {
  // A database that is not there is a setting or an outage to fix, said as such, never a bare ECONNREFUSED line.
  const loaded = loadConfig(process.env, false, { root: PROJECT_ROOT });
  const refusal = loaded.ok ? databaseRefusal(error, loaded.config.databaseUrl, redactUrl(loaded.config.databaseUrl)) : null;
  if (refusal) console.error(bilingual(refusal.key, refusal.detail));
  else console.error('portal-hub không khởi động được / failed to start:', scrub(error instanceof Error ? error.message : String(error)));
  process.exit(1);
});
