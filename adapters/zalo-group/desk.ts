import type { Logger } from 'pino';
import { message, type Lang } from '../../src/core/messages.js';
import { sealingKey } from '../../src/core/sealing.js';
import type { Deps } from '../../src/app/deps.js';
import type { ZaloGroupConfig } from '../../src/config.js';
import type { MediaStore } from '../../src/store/mediaFiles.js';
import { QUIET_HANDLERS, ZALO_COMMANDS, parseCommand } from './commands.js';
import { QUIET_COMMANDS, audienceOf } from './audience.js';
import { MEMORY_CAP } from '../../src/core/boundedMap.js';
import { ACCOUNT_KEY, loadCredentials } from './credentials.js';
import { RESUME_ASKED } from './resume.js';
import { PLATFORM, type ZaloDeskEnv, type ZaloDeskHooks } from './env.js';
import { createZaloGateway, QUEUED_FOR_BUDGET, type Backoff, type ConnectionStatus } from './gateway.js';
import { createSendBudget } from '../../src/app/sendBudget.js';
import { partsOfRows, quietOf, takeBatch } from './intake.js';
import { onRecall as recallInGroup } from './recalls.js';
import { eventKey, toIncomingMessage, toIncomingReaction, toIncomingRecall, type IncomingMessage, type IncomingRecall, type ZaloEvent } from './mapping.js';
import { CatchUp, openListening } from './catchUp.js';
import { Inbox } from '../../src/app/inbox/inbox.js';
import { InboxBatches } from '../../src/app/inbox/batches.js';
import { openNotices, tellOutcomes } from './notices.js';
import { ZaloReviews } from './reviews.js';
import { DownloadStopped } from '../../src/store/mediaFiles.js';
import { hasSubstance } from '../../src/core/chatIntake.js';
import { guardedDownload } from '../../src/guardedFetch.js';

export interface ZaloDeskOptions {
  config: ZaloGroupConfig;
  deps: Deps;
  hubSecret: string;
  media: MediaStore;
  portalBaseUrl: string;
  hooks: ZaloDeskHooks;
  log: Logger;
  /** zca-js's HTTP client (tests: Zalo's hosts go to a local fake). Attachments are downloaded apart, from `config.mediaHosts` only. */
  fetch?: typeof fetch;
  backoff?: Backoff;
  /** How long the desk waits after a sender's last message before taking the batch in. */
  quietMs?: number;
  /** How long after connecting Zalo has to answer the old-message request before the groups hear it did not. */
  catchUpWaitMs?: number;
  /** Told the session (cookies, imei) each time it is unsealed, so the log never shows it. */
  revealed?: (credentials: string) => void;
  /** How long the listener may stay disconnected, reconnecting by itself, before the admins are told. */
  disconnectAlertMs?: number;
  /** How often sends waiting for the send budget look again (tests move the clock by hand). */
  budgetPollMs?: number;
}

/** A reconnect usually takes seconds; past this the groups are unheard long enough for the admins to know. */
export const DISCONNECT_ALERT_MS = 2 * 60_000;

/** The Zalo group desk: intake, acknowledgements, outcomes, and a reviewer fallback, over one paced gateway. */
export function createZaloDesk(options: ZaloDeskOptions) {
  const { deps, log, config } = options;
  const key = sealingKey(options.hubSecret);
  const fetchImpl = options.fetch ?? fetch;
  const intakeSites = new Map(config.intakeGroups.map((g) => [g.groupId, g.siteKey]));
  const configuredGroups = new Set([...intakeSites.keys(), ...(config.reviewGroup ? [config.reviewGroup] : [])]);
  const running = new Set<Promise<void>>();
  /** Set once the admins heard that Zalo is down, so they also hear when it is back. */
  let alerted = false;
  /** Runs while the listener is away and reconnecting by itself: tells the admins once it has been too long. */
  let awayTimer: NodeJS.Timeout | null = null;
  /** Why the latest try failed, for that alert. */
  let awayBecause = '';
  let stopping = false;

  // The account's hourly and daily send budget, kept in the database: a restart does not reset it.
  const budget = createSendBudget({ store: deps.store, clock: deps.clock, accountKey: ACCOUNT_KEY, label: 'Zalo (nhóm cộng tác viên)', limits: config.budget, alert: (text) => options.hooks.alert(text), pollMs: options.budgetPollMs });
  const gateway = createZaloGateway({
    credentials: async () => {
      const stored = await loadCredentials(deps, key);
      // The cookies' values and the imei: their names, domains and the user agent are no secret.
      if (stored) options.revealed?.(JSON.stringify([stored.credentials.imei, ...stored.credentials.cookie.map((c) => (c !== null && typeof c === 'object' && 'value' in c ? c.value : c))]));
      return stored;
    },
    pace: config.pace,
    budget,
    // Room again after the budget was spent: the acknowledgements owed go before the replies waiting.
    onBudgetRoom: () => tellSerially(),
    backoff: options.backoff,
    fetch: fetchImpl,
    log,
    handlers: {
      event: (e) => track(e, false),
      history: (events) => void catchUp.answered(events).catch((error: unknown) => log.error({ err: error }, 'Zalo history not taken in')),
      reactionHistory: (events) => void catchUp.reactionsAnswered(events).catch((error: unknown) => log.error({ err: error }, 'Zalo reaction history not taken in')),
      status: (s) => void onStatus(s).catch((error: unknown) => log.error({ err: error }, 'Zalo status not recorded')),
    },
  });

  const env: ZaloDeskEnv = {
    deps,
    log,
    media: options.media,
    portalBaseUrl: options.portalBaseUrl,
    hooks: options.hooks,
    reviewGroup: config.reviewGroup,
    download: guardedDownload(config.mediaHosts),
    acknowledge: async () => void (await tellSerially()),
    async say(threadId, text, quote = null, isGroup = true, { ifFree = false } = {}) {
      // With the budget spent a reply waits for room, but the group's lane moves on (its next messages are still taken in).
      const result = await gateway.sendText(threadId, text, { quote, isGroup, priority: 'reply', ifFree, detach: !ifFree });
      if (result.kind === 'retryLater' && result.reason === QUEUED_FOR_BUDGET) log.info({ thread: threadId }, 'Zalo reply waits for the send budget');
      else if (result.kind !== 'sent') log.error({ thread: threadId, result }, 'Zalo message not sent');
      return result;
    },
    tell: (threadId, text, quote = null) => gateway.sendText(threadId, text, { quote, priority: 'notice', ifFree: true }),
    budget,
  };
  const reviews = new ZaloReviews(env);
  const inboxDeps = { store: deps.store, clock: deps.clock };
  const inbox = new Inbox(inboxDeps, `${PLATFORM}:`);
  const batches = new InboxBatches(
    inboxDeps,
    async (rows, current) => {
      const parts = partsOfRows(rows);
      const threadId = parts[0]!.threadId;
      // As on Telegram (src/core/chatIntake.ts): chat without a file or a text of substance ("cảm ơn ạ") is no submission.
      if (!parts.some((p) => p.href) && !hasSubstance(parts.map((p) => p.text).join('\n'))) {
        log.debug({ thread: threadId, messages: parts.length }, 'Zalo chat not taken as a submission');
        return;
      }
      try {
        const siteKey = intakeSites.get(threadId) ?? (await deps.store.sites())[0]?.key ?? '';
        const site = await deps.store.siteByKey(siteKey);
        if (!site) throw new Error(`Zalo intake group ${threadId} has no site`);
        await takeBatch(env, site.id, parts, current);
      } catch (error) {
        // Cut short by a shutdown it is no failure to report: it is taken again at the next start.
        if (!(error instanceof DownloadStopped)) await env.say(threadId, message('vi', 'intake_failed'), parts[0]!.quote);
        // Thrown on: the messages stay in the inbox and are taken again at the next start, never dropped.
        throw error;
      }
    },
    options.quietMs ?? 3000,
    (error, batchKey) => log.error({ err: error, batch: batchKey }, 'Zalo submission not recorded; its messages stay in the inbox and are taken again at the next start'),
    // A sender's batch is one submission of at most maxParts messages spanning at most maxMs; photos alone wait for their caption.
    { limits: { maxParts: config.batch.maxParts, maxMs: config.batch.maxMs }, quietFor: quietOf(options.quietMs ?? 3000, config.batch.captionWindowMs) },
  );
  /** The base of a sender's batches in a group (each batch adds its generation; rows from before generations carry this alone). */
  const batchKeyOf = (threadId: string, from: string) => `${PLATFORM}:batch:${threadId}:${from}`;
  const catchUp = new CatchUp(env, inbox, [...intakeSites.keys()], (e) => track(e, false), options.catchUpWaitMs ?? 15_000);

  /**
   * Each platform event is stored raw in the inbox before it is acted on, and taken once (a reconnect
   * or the history may push it again); the events of one thread in the order Zalo sent them: a recall
   * never overtakes its message. An event whose handling failed stays in the inbox for the next start.
   */
  const lanes = new Map<string, Promise<void>>();
  function track(e: ZaloEvent, replay: boolean): void {
    const key = eventKey(e);
    const run = (lanes.get(e.threadId) ?? Promise.resolve()).then(async () => {
      try {
        if (!replay && !(await inbox.take(key, e))) return;
        await handle(key, e);
        await inbox.finish(key);
      } catch (error) {
        log.error({ err: error, event: key }, 'Zalo event failed; it is handled again at the next start');
      }
    });
    lanes.set(e.threadId, run);
    running.add(run);
    void run.finally(() => {
      running.delete(run);
      if (lanes.get(e.threadId) === run) lanes.delete(e.threadId);
    });
  }

  async function handle(key: string, e: ZaloEvent): Promise<void> {
    if (e.kind === 'message') return onMessage(key, toIncomingMessage(e));
    if (e.kind === 'undo') return onRecall(toIncomingRecall(e));
    const reaction = toIncomingReaction(e);
    if (reaction) await reviews.onReaction(reaction);
  }

  /** Outcome notices (acknowledgements too) are told by one run at a time, so none is told twice. */
  let telling: Promise<unknown> = Promise.resolve();
  function tellSerially(): Promise<number> {
    const run = telling.then(() => tellOutcomes(env));
    telling = run.catch((error: unknown) => log.error({ err: error }, 'Zalo outcomes not told; the next run tries again'));
    return run;
  }

  async function onMessage(key: string, m: IncomingMessage): Promise<void> {
    const command = m.kind === 'text' ? parseCommand(m.text) : null;
    const person = await deps.store.personByIdentity(PLATFORM, m.from);
    const lang: Lang = person?.lang ?? 'vi';
    const audience = audienceOf(m, configuredGroups, person !== null);
    if (audience === 'otherGroup' || audience === 'unlinkedPerson') {
      if (audience === 'otherGroup') noteOtherGroup(m.threadId);
      const handler = command && QUIET_COMMANDS[audience].has(command.name) ? QUIET_HANDLERS[command.name] : undefined;
      const answer = handler ? await handler(env, reviews, m, command?.args ?? '', { person, lang }) : null;
      if (answer) await env.say(m.threadId, answer, m.isGroup ? m.quote : null, m.isGroup);
      else log.debug({ thread: m.threadId, audience }, 'Zalo message from a chat the bot does not answer');
      return;
    }
    if (command) {
      const handler = ZALO_COMMANDS[command.name];
      const answer = handler ? await handler(env, reviews, m, command.args, { person, lang }) : message(lang, 'unknown_command', { command: command.name });
      if (answer) await env.say(m.threadId, answer, m.isGroup ? m.quote : null, m.isGroup);
      return;
    }
    if (await reviews.onReply(m)) return;
    const intake = m.isGroup && intakeSites.has(m.threadId);
    if (intake && m.kind === 'voice') return void (await env.say(m.threadId, message('vi', 'zalo_voice_refused', { name: m.name }), m.quote));
    if (intake && m.kind !== 'other') return batches.park(key, batchKeyOf(m.threadId, m.from));
    if (!m.isGroup) await env.say(m.threadId, message(lang, 'zalo_help'), null, false);
  }

  /** A group the bot is in but not configured for: its id in the log once, so an admin can set it up. */
  const seenGroups = new Set<string>();
  function noteOtherGroup(threadId: string): void {
    if (seenGroups.has(threadId) || seenGroups.size >= MEMORY_CAP) return;
    seenGroups.add(threadId);
    log.info({ group: threadId }, 'Zalo group not configured: the bot answers nobody there (send /id in it as a portal admin, or set ZALO_GROUP_INTAKE / ZALO_REVIEW_GROUP)');
  }

  async function onRecall(u: IncomingRecall): Promise<void> {
    if (!intakeSites.has(u.threadId)) return;
    await recallInGroup(env, batches, batchKeyOf(u.threadId, u.from), u);
  }

  async function onStatus(s: ConnectionStatus): Promise<void> {
    const at = deps.clock();
    if (s.kind === 'connected') {
      log.info({ account: s.accountId }, 'Zalo listener connected');
      if (awayTimer) clearTimeout(awayTimer);
      awayTimer = null;
      catchUp.asked();
      await deps.store.setChatAccountState(ACCOUNT_KEY, 'active', null, at);
      if (alerted) options.hooks.alert(message('vi', 'alert_zalo_back'));
      alerted = false;
      return;
    }
    if (s.kind === 'heldOff') {
      log.warn({ code: s.code }, 'Zalo account taken over again; not connecting until an admin runs zalo resume');
      if (awayTimer) clearTimeout(awayTimer);
      awayTimer = null;
      await deps.store.setChatAccountState(ACCOUNT_KEY, 'heldOff', `taken over again (${s.code})`, at);
      options.hooks.alert(message('vi', 'alert_zalo_held_off', { code: String(s.code) }));
      alerted = true;
      return;
    }
    if (s.kind === 'loginFailed' && s.needsPerson) {
      log.error({ reason: s.reason }, 'Zalo sign-in refused');
      await deps.store.setChatAccountState(ACCOUNT_KEY, 'needsLogin', s.reason, at);
      if (!alerted) options.hooks.alert(message('vi', 'alert_zalo_login_failed', { reason: s.reason }));
      alerted = true;
      return;
    }
    // Away, reconnecting by itself: `zalo status` says so at once, the admins hear it once it lasts.
    const reason = s.kind === 'loginFailed' ? s.reason : `${s.kind === 'takenOver' ? 'taken over' : 'closed'} (${s.code})`;
    awayBecause = reason;
    // Armed before the write below, so a stop meanwhile finds and clears it.
    const waitMs = options.disconnectAlertMs ?? DISCONNECT_ALERT_MS;
    if (!awayTimer && !stopping) {
      awayTimer = setTimeout(() => {
        awayTimer = null;
        if (gateway.connected || alerted || stopping) return;
        alerted = true;
        options.hooks.alert(message('vi', 'alert_zalo_disconnected', { minutes: String(Math.max(1, Math.round(waitMs / 60_000))), reason: awayBecause }));
      }, waitMs);
      awayTimer.unref();
    }
    await deps.store.setChatAccountState(ACCOUNT_KEY, 'disconnected', reason, at);
    if (s.kind === 'takenOver') {
      log.warn({ code: s.code }, 'another Zalo Web session took the account');
      if (!alerted) options.hooks.alert(message('vi', 'alert_zalo_taken_over', { account: gateway.accountId ?? '?', code: String(s.code), minutes: String(Math.ceil(s.retryInMs / 60_000)) }));
      alerted = true;
    } else if (s.kind === 'dropped') log.warn({ code: s.code, retryInMs: s.retryInMs }, 'Zalo listener dropped; reconnecting');
    else log.warn({ reason: s.reason, retryInMs: s.retryInMs }, 'Zalo sign-in failed; trying again');
  }

  return {
    gateway,
    reviews,
    /** Run by the clock (jobs/): tells senders the outcomes decided since the last run, and puts up the review cards decisions called for. */
    async tellOutcomes(): Promise<number> {
      const told = await tellSerially();
      await reviews.sweep();
      return told;
    },
    /** Run by the clock: posts missing review cards. */
    sweep: () => reviews.sweep(),
    /** Run by the clock (job zalo-royalty-due): the 60-day rule's weekly list in the review group. */
    remindDue: () => reviews.remindDue(),
    /** Run by the clock: signs in again once a person has stored a new session, or an admin ran `zalo resume`. */
    async checkSession(): Promise<void> {
      if (gateway.heldOff) {
        const account = await deps.store.chatAccount(ACCOUNT_KEY);
        // A positive sign only: what `zalo resume` writes (not an older state the hold-off has not replaced yet).
        if (account && account.state !== 'heldOff' && account.lastError === RESUME_ASKED) await gateway.resume();
        return;
      }
      await gateway.poke();
    },
    async start() {
      await openNotices(deps);
      await openListening(deps);
      // What a crash left in the inbox is handled before anything new is heard.
      const rows = await inbox.unfinished();
      for (const row of rows) if (row.state === 'waiting') track(JSON.parse(row.payload) as ZaloEvent, true);
      await batches.resume(rows);
      if (rows.length > 0) log.info({ events: rows.length }, 'Zalo events taken again from the inbox');
      // Held off before a restart stays held off: signing in would push out the person on Zalo Web again.
      const account = await deps.store.chatAccount(ACCOUNT_KEY);
      if (account?.state === 'heldOff') {
        alerted = true;
        log.warn('Zalo account held off since a second take-over; not connecting until an admin runs zalo resume');
      }
      await gateway.start({ heldOff: account?.state === 'heldOff' });
    },
    /** Resolves when every event taken so far has been handled. */
    async settled(): Promise<void> {
      while (running.size > 0) await Promise.allSettled([...running]);
    },
    async stop(): Promise<void> {
      stopping = true;
      await batches.flush();
      await this.settled();
      await batches.stop();
      catchUp.stop();
      if (awayTimer) clearTimeout(awayTimer);
      awayTimer = null;
      const dropped = gateway.stop();
      if (dropped > 0) log.warn({ dropped }, 'Zalo messages not sent at shutdown');
    },
  };
}

export type ZaloDesk = ReturnType<typeof createZaloDesk>;
