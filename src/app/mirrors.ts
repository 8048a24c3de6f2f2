import { formatLocal } from '../core/dates.js';
import { bilingual, message, type Lang } from '../core/messages.js';
import { ok, refuse, type Outcome } from '../core/result.js';
import { quotaPeriod, type QuotaRule } from '../core/quota.js';
import type { Deps } from './deps.js';
import { pollingNote, type PollNote } from './interactions/pollNote.js';
import { refusedForRole } from './refusals.js';
import type { MirrorProblem } from './dispatch.js';
import type { ChannelRecord } from './outboxPorts.js';
import type { Operator } from './people.js';
import { mayAdministerPortal } from './people.js';

/** Tells the admins something they must act on (the admins' chat; the log when there is none). */
export type Alert = (text: string) => void;

/**
 * An alert raised in any process (a `dispatch` worker has no chat of its own): stored, and sent
 * by the process that holds the desk (sendAlerts). Logged too, so none is lost if the write fails.
 */
export function storedAlert(deps: Deps, log: (text: string, error?: unknown) => void): Alert {
  return (text) => {
    log(text);
    deps.store.raiseAlert(text, deps.clock()).catch((error: unknown) => log(text, error));
  };
}

/** Run by the clock in the process that holds the desk: each stored alert goes to the admins' chat once. */
export async function sendAlerts(deps: Deps, send: (text: string) => boolean): Promise<number> {
  let sent = 0;
  for (const a of await deps.store.unsentAlerts(50)) {
    // Marked first: of two processes, only the one whose update marks it sends it.
    if (await deps.store.markAlertSent(a.id, deps.clock())) {
      send(a.text);
      sent += 1;
    }
  }
  return sent;
}

const ALERTED: ReadonlySet<MirrorProblem['kind']> = new Set(['needsReauth', 'rejected', 'quotaLow', 'quotaExhausted']);

export function problemAlert(problem: MirrorProblem): string | null {
  if (!ALERTED.has(problem.kind)) return null;
  return bilingual(`alert_${problem.kind}`, { channel: problem.channel, code: problem.code, reason: problem.reason });
}

/** Run by the clock: each delivery past its deadline is reported once, naming the command that retries it. */
export async function reportStuck(deps: Deps, alert: Alert): Promise<number> {
  const now = deps.clock();
  const stuck = await deps.store.takeStuckDeliveries(now);
  if (stuck.length === 0) return 0;
  const channels = new Map((await deps.store.channels()).map((c) => [c.id, c]));
  for (const d of stuck) {
    const minutes = String(Math.round((now.getTime() - d.deadlineAt.getTime()) / 60_000) + 30);
    const channel = channels.get(d.channelId);
    // On a channel waiting for a reconnect, /retry would not help: the alert names the reconnect.
    const reauth = channel?.state === 'needsReauth';
    const reason = (reauth ? channel.lastError : d.lastError) ?? '—';
    alert(bilingual(reauth ? 'alert_stuck_reauth' : 'alert_stuck', { code: d.code, channel: channel?.key ?? '?', minutes, attempts: String(d.attempts), reason }));
  }
  return stuck.length;
}

export interface ChannelOverview {
  channel: ChannelRecord;
  waiting: number;
  /** Units left in the platform's current quota period, where it has one. */
  quota: { left: number; of: number; period: 'day' | 'month' } | null;
  /** A comment poller sharing that quota read less, or nothing, this period so uploads keep theirs. */
  polling?: PollNote | null;
}

export async function channelsOverview(deps: Deps, quotas: Partial<Record<string, QuotaRule>> = {}): Promise<ChannelOverview[]> {
  const [channels, waiting] = await Promise.all([deps.store.channels(), deps.store.waitingByChannel()]);
  const now = deps.clock();
  return Promise.all(
    channels.map(async (channel) => {
      const rule = quotas[channel.platform];
      const period = rule ? quotaPeriod(now, rule) : null;
      const used = period ? await deps.store.quotaUsed(channel.id, period) : 0;
      const polling = period ? await pollingNote(deps.store, channel.id, period) : null;
      return { channel, waiting: waiting[channel.id] ?? 0, quota: rule ? { left: Math.max(0, rule.units - used), of: rule.units, period: rule.period } : null, polling };
    }),
  );
}

export function describeChannel(o: ChannelOverview, lang: Lang, timeZone: string): string {
  const c = o.channel;
  return message(lang, 'channel_line', {
    key: c.key,
    platform: c.platform,
    state: message(lang, `channel_state_${c.state}`),
    last: c.lastSuccessAt ? formatLocal(c.lastSuccessAt, timeZone) : message(lang, 'never'),
    waiting: String(o.waiting),
    quota: (o.quota ? message(lang, `channel_quota_${o.quota.period}`, { left: String(o.quota.left), of: String(o.quota.of) }) : '') + (o.polling ? message(lang, `channel_polling_${o.polling}`) : ''),
    error: c.lastError ? ` — ${c.lastError}` : '',
  });
}

/** `/retry CODE`: the item's waiting or refused deliveries are due now; never those of an item taken down. */
export async function retryItem(deps: Deps, op: Operator, code: string): Promise<Outcome<number, 'unknown_item' | 'not_admin' | 'retry_taken_down'>> {
  if (!(await mayAdministerPortal(deps, op))) return op.kind === 'person' ? refusedForRole(deps, op.personId, 'delivery.retry', refuse('not_admin')) : refuse('not_admin');
  const upper = code.trim().toUpperCase();
  const item = await deps.store.itemByCode(upper);
  if (!item) return refuse('unknown_item', { code: upper });
  if (item.state === 'takenDown') return refuse('retry_taken_down', { code: upper });
  const now = deps.clock();
  const count = await deps.store.retryDeliveries(item.id, now, { at: now, actorId: op.kind === 'person' ? op.personId : null, action: 'delivery.retry', subjectType: 'item', subjectId: item.id, data: { code: upper } });
  return ok(count);
}
