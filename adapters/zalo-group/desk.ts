import type { Logger } from 'pino';
import { explain, message, type Lang } from '../../src/core/messages.js';
import { sealingKey } from '../../src/core/sealing.js';
import type { Deps } from '../../src/app/deps.js';
import { withdrawByRecall } from '../../src/app/submitters.js';
import type { ZaloGroupConfig } from '../../src/config.js';
import type { MediaStore } from '../../src/store/mediaFiles.js';
import { ZALO_COMMANDS, parseCommand } from './commands.js';
import { ACCOUNT_KEY, loadCredentials } from './credentials.js';
import { PLATFORM, type ZaloDeskEnv, type ZaloDeskHooks } from './env.js';
import { createZaloGateway, type Backoff, type ConnectionStatus } from './gateway.js';
import { BatchCollector, takeBatch } from './intake.js';
import type { IncomingMessage, IncomingRecall } from './mapping.js';
import { openNotices, tellOutcomes } from './notices.js';
import { ZaloReviews } from './reviews.js';

export interface ZaloDeskOptions {
  config: ZaloGroupConfig;
  deps: Deps;
  hubSecret: string;
  media: MediaStore;
  portalBaseUrl: string;
  hooks: ZaloDeskHooks;
  log: Logger;
  /** zca-js's and the downloads' HTTP client (tests: Zalo's hosts go to a local fake). */
  fetch?: typeof fetch;
  backoff?: Backoff;
  /** How long the desk waits after a sender's last message before taking the batch in. */
  quietMs?: number;
}

/** The Zalo group desk: intake, acknowledgements, outcomes, and a reviewer fallback, over one paced gateway. */
export function createZaloDesk(options: ZaloDeskOptions) {
  const { deps, log, config } = options;
  const key = sealingKey(options.hubSecret);
  const fetchImpl = options.fetch ?? fetch;
  const intakeSites = new Map(config.intakeGroups.map((g) => [g.groupId, g.siteKey]));
  const running = new Set<Promise<void>>();
  /** Set once the admins heard that Zalo is down, so they also hear when it is back. */
  let alerted = false;

  const gateway = createZaloGateway({
    credentials: () => loadCredentials(deps, key),
    pace: config.pace,
    backoff: options.backoff,
    fetch: fetchImpl,
    log,
    handlers: {
      message: (m) => track(`zalo:m:${m.msgId}`, m.threadId, () => onMessage(m)),
      reaction: (r) => track(`zalo:r:${r.id}`, r.threadId, () => reviews.onReaction(r)),
      recall: (u) => track(`zalo:u:${u.id}`, u.threadId, () => onRecall(u)),
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
    fetch: fetchImpl,
    async say(threadId, text, quote = null, isGroup = true) {
      const result = await gateway.sendText(threadId, text, { quote, isGroup });
      if (result.kind !== 'sent') log.error({ thread: threadId, result }, 'Zalo message not sent');
      return result;
    },
  };
  const reviews = new ZaloReviews(env);
  const batches = new BatchCollector(async (parts) => {
    const threadId = parts[0]!.threadId;
    try {
      const siteKey = intakeSites.get(threadId) ?? (await deps.store.sites())[0]?.key ?? '';
      const site = await deps.store.siteByKey(siteKey);
      if (!site) throw new Error(`Zalo intake group ${threadId} has no site`);
      await takeBatch(env, site.id, parts);
    } catch (error) {
      log.error({ err: error, thread: threadId }, 'Zalo submission not recorded');
      await env.say(threadId, message('vi', 'intake_failed'), parts[0]!.quote);
    }
  }, options.quietMs ?? 3000);

  /**
   * Each platform event is taken once (a reconnect may push it again; a failure frees it for the next
   * push), and the events of one thread in the order Zalo sent them: a recall never overtakes its message.
   */
  const lanes = new Map<string, Promise<void>>();
  function track(inboundKey: string, threadId: string, handle: () => Promise<void>): void {
    const run = (lanes.get(threadId) ?? Promise.resolve()).then(async () => {
      if (!(await deps.store.claimInbound(inboundKey, deps.clock()))) return;
      try {
        await handle();
      } catch (error) {
        await deps.store.releaseInbound(inboundKey);
        log.error({ err: error, event: inboundKey }, 'Zalo event failed');
      }
    });
    lanes.set(threadId, run);
    running.add(run);
    void run.finally(() => {
      running.delete(run);
      if (lanes.get(threadId) === run) lanes.delete(threadId);
    });
  }

  async function onMessage(m: IncomingMessage): Promise<void> {
    const command = m.kind === 'text' ? parseCommand(m.text) : null;
    if (command) {
      const person = await deps.store.personByIdentity(PLATFORM, m.from);
      const lang: Lang = person?.lang ?? 'vi';
      const handler = ZALO_COMMANDS[command.name];
      const answer = handler ? await handler(env, reviews, m, command.args, { person, lang }) : message(lang, 'unknown_command', { command: command.name });
      if (answer) await env.say(m.threadId, answer, m.isGroup ? m.quote : null, m.isGroup);
      return;
    }
    if (await reviews.onReply(m)) return;
    if (m.isGroup && intakeSites.has(m.threadId) && m.kind !== 'other') return batches.add(m);
    if (!m.isGroup) await env.say(m.threadId, message('vi', 'zalo_help'), null, false);
  }

  async function onRecall(u: IncomingRecall): Promise<void> {
    if (!intakeSites.has(u.threadId)) return;
    // Recalled before the batch was taken: it never becomes a submission.
    if (batches.drop(u.threadId, u.from, u.recalledMsgId)) return;
    const done = await withdrawByRecall(deps, { channel: PLATFORM, chatId: u.threadId, messageId: u.recalledMsgId, byPlatformId: u.from });
    if (done.ok) {
      await env.say(u.threadId, message('vi', 'zalo_withdrawn', { name: u.name, code: done.value.code ?? '?' }));
      options.hooks.withdrawn(done.value);
    } else if (done.reason === 'wrong_state') {
      await env.say(u.threadId, explain('vi', { reason: 'zalo_withdraw_too_late', detail: { ...done.detail, name: u.name } }));
    }
  }

  async function onStatus(s: ConnectionStatus): Promise<void> {
    const at = deps.clock();
    if (s.kind === 'connected') {
      log.info({ account: s.accountId }, 'Zalo listener connected');
      await deps.store.setChatAccountState(ACCOUNT_KEY, 'active', null, at);
      if (alerted) options.hooks.alert(message('vi', 'alert_zalo_back'));
      alerted = false;
    } else if (s.kind === 'takenOver') {
      log.warn({ code: s.code }, 'another Zalo Web session took the account');
      if (!alerted) options.hooks.alert(message('vi', 'alert_zalo_taken_over', { account: gateway.accountId ?? '?', code: String(s.code), minutes: String(Math.ceil(s.retryInMs / 60_000)) }));
      alerted = true;
    } else if (s.kind === 'dropped') {
      log.warn({ code: s.code, retryInMs: s.retryInMs }, 'Zalo listener dropped; reconnecting');
    } else if (s.needsPerson) {
      log.error({ reason: s.reason }, 'Zalo sign-in refused');
      await deps.store.setChatAccountState(ACCOUNT_KEY, 'needsLogin', s.reason, at);
      if (!alerted) options.hooks.alert(message('vi', 'alert_zalo_login_failed', { reason: s.reason }));
      alerted = true;
    } else {
      log.warn({ reason: s.reason, retryInMs: s.retryInMs }, 'Zalo sign-in failed; trying again');
    }
  }

  return {
    gateway,
    reviews,
    /** Run by the clock (jobs/): tells senders the outcomes decided since the last run, and puts up the review cards decisions called for. */
    async tellOutcomes(): Promise<number> {
      const told = await tellOutcomes(env);
      await reviews.sweep();
      return told;
    },
    /** Run by the clock: posts missing review cards. */
    sweep: () => reviews.sweep(),
    /** Run by the clock: signs in again once a person has stored a new session. */
    checkSession: () => gateway.poke(),
    async start() {
      await openNotices(deps);
      await gateway.start();
    },
    /** Resolves when every event taken so far has been handled. */
    async settled(): Promise<void> {
      while (running.size > 0) await Promise.allSettled([...running]);
    },
    async stop(): Promise<void> {
      await batches.flush();
      await this.settled();
      const dropped = gateway.stop();
      if (dropped > 0) log.warn({ dropped }, 'Zalo messages not sent at shutdown');
    },
  };
}

export type ZaloDesk = ReturnType<typeof createZaloDesk>;
