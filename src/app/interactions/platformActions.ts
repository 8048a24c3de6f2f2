import { randomUUID } from 'node:crypto';
import { backoffMs, type DeliveryResult, type Lookup } from '../../core/delivery.js';
import type { InteractionRecord } from '../../core/interactions/model.js';
import { bilingual } from '../../core/messages.js';
import type { Deps } from '../deps.js';
import { channelAccount } from '../dispatch.js';
import type { ChannelAccount } from '../outboxPorts.js';
import type { PlatformActionRecord } from './ports.js';

/** One platform's side of interactions (adapters/<platform>/interactions.ts): answering and hiding. */
export interface InteractionPlatform {
  /** Posts the reply where the interaction is: under the comment, or to the follower who wrote. */
  reply(account: ChannelAccount, target: InteractionRecord, text: string): Promise<DeliveryResult>;
  /**
   * Whether an earlier reply went out after all (its answer was lost): asked before any retry of a
   * call that may have posted. Platforms that cannot tell answer `unknown`, and nothing is re-sent.
   */
  findReply(account: ChannelAccount, target: InteractionRecord, text: string, since: Date): Promise<Lookup>;
  /** Hides the comment on the platform; hiding what is gone counts as done. */
  hide(account: ChannelAccount, target: InteractionRecord): Promise<DeliveryResult>;
}

export interface PlatformActionsEnv {
  deps: Deps;
  platforms: Partial<Record<string, InteractionPlatform>>;
  sealingKey: Buffer;
  leaseMs: number;
  random: () => number;
  revealed?: (credentials: string) => void;
  /** Something a person must act on (a refused reply, a reply that may or may not be out). */
  alert: (text: string) => void;
}

/** Tries several times, then a person hears of it; a platform that will not take it is no reason to loop. */
const MAX_ATTEMPTS = 8;

/** Runs the platform calls moderators asked for that are due; returns how many were settled. */
export async function runPlatformActions(env: PlatformActionsEnv, limit = 20): Promise<number> {
  const now = env.deps.clock();
  const due = await env.deps.store.dueActions(now, limit);
  let settled = 0;
  for (const row of due) {
    const token = randomUUID();
    if (!(await env.deps.store.claimAction(row.id, token, now, env.leaseMs))) continue;
    if (await runOne(env, row, token)) settled += 1;
  }
  return settled;
}

async function runOne(env: PlatformActionsEnv, row: PlatformActionRecord, token: string): Promise<boolean> {
  const { store } = env.deps;
  const settle = (state: PlatformActionRecord['state'], extra: { nextAttemptAt?: Date; externalId?: string | null; lastError?: string | null } = {}, audited = false) =>
    store.settleAction(row.id, token, { state, at: env.deps.clock(), ...extra }, audited ? { at: env.deps.clock(), actorId: null, action: `interaction_${row.action}_${state}`, subjectType: 'interaction', subjectId: row.interactionId, data: { externalId: extra.externalId ?? null, error: extra.lastError ?? null } } : null);
  const interaction = await store.interactionById(row.interactionId);
  const channel = (await store.channels()).find((c) => c.id === row.channelId);
  const platform = channel ? env.platforms[channel.platform] : undefined;
  if (!interaction || !channel || !platform) return settle('rejected', { lastError: 'no channel or platform for this interaction' }, true);
  const account = channelAccount(env, channel);
  if (!account) return settle('pending', { nextAttemptAt: later(env, row, 30 * 60_000), lastError: 'stored credentials cannot be read with this HUB_SECRET' });
  const label = channel.platform;

  if (row.action === 'reply' && row.callStartedAt) {
    // An earlier call may have posted: ask before sending again, and never send blind.
    const found = await platform.findReply(account, interaction, row.text ?? '', new Date(row.callStartedAt.getTime() - 60_000));
    if (found.kind === 'found') return settle('done', { externalId: found.externalId }, true);
    if (found.kind === 'unknown') {
      env.alert(bilingual('alert_interaction_reply_unknown', { id: interaction.id.slice(0, 8), source: label }));
      return settle('unknown', { lastError: found.reason }, true);
    }
  }
  if (!(await store.markActionStarted(row.id, token, env.deps.clock()))) return false;
  const result = row.action === 'reply' ? await platform.reply(account, interaction, row.text ?? '') : await platform.hide(account, interaction);
  switch (result.kind) {
    case 'delivered':
      return settle('done', { externalId: result.externalId, lastError: null }, true);
    case 'retryLater':
      return settle('pending', { nextAttemptAt: later(env, row, result.afterMs), lastError: result.reason });
    case 'outcomeUnknown':
      // Looked up on the next try (callStartedAt is set) before anything is sent again.
      return settle('pending', { nextAttemptAt: later(env, row), lastError: result.reason });
    case 'needsReauth':
    case 'rejected': {
      if (result.kind === 'needsReauth' && row.attempts + 1 < MAX_ATTEMPTS) return settle('pending', { nextAttemptAt: later(env, row, 15 * 60_000), lastError: result.reason });
      env.alert(bilingual('alert_interaction_action_rejected', { id: interaction.id.slice(0, 8), source: label, action: row.action, reason: result.reason }));
      return settle('rejected', { lastError: result.reason }, true);
    }
  }
}

function later(env: PlatformActionsEnv, row: PlatformActionRecord, afterMs?: number): Date {
  return new Date(env.deps.clock().getTime() + (afterMs ?? backoffMs(row.attempts + 1, env.random())));
}
