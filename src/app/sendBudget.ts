import { message } from '../core/messages.js';
import { alertDue, budgetStatus, REAL_WINDOWS, type BudgetStatus, type BudgetWindows, type SendLimits } from '../core/sendBudget.js';
import type { ChatStore } from './chatPorts.js';
import type { Clock } from './ports.js';

/**
 * One chat account's send budget (src/core/sendBudget.ts for the rules), kept in the send log so a
 * restart, or a crash loop, starts from what was really sent. A sender asks it before every message:
 * `tryTake` when the message may wait for a later run (owed notices stay owed), `take` when it must go
 * and may wait. Each send is recorded before it goes out: a send cut short by a crash still counts,
 * erring on the side of the account. One process sends for an account (the desk lease), so the
 * in-process queue below is what keeps two senders from taking the same last place.
 */

export class BudgetStopped extends Error {
  constructor() {
    super('send budget stopped');
  }
}

export type Take = { ok: true; status: BudgetStatus } | { ok: false; freeAt: number };

export interface SendBudgetGate {
  readonly limits: SendLimits;
  status(): Promise<BudgetStatus>;
  /** Records one send if there is room now; otherwise says when there will be. */
  tryTake(): Promise<Take>;
  /** Waits for room, then records one send; rejects with BudgetStopped when `signal` aborts or the budget stops. */
  take(signal?: AbortSignal): Promise<BudgetStatus>;
  /** Waits until there is room, recording nothing (the caller decides who takes it); rejects as `take` does. */
  waitForRoom(signal?: AbortSignal): Promise<void>;
  stop(): void;
}

export interface SendBudgetOptions {
  store: Pick<ChatStore, 'chatSendLog' | 'addChatSendLog'>;
  clock: Clock;
  /** The account the log is kept for (a chat account key; one per bot). */
  accountKey: string;
  /** What admins read the account as, in the alert. */
  label: string;
  limits: SendLimits;
  /** The settings that raise the hourly and daily limits, named in the alert. */
  settings?: { hour: string; day: string };
  /** Told once per window when the budget turns tight (Vietnamese, from the catalogue). */
  alert?: (text: string) => void;
  windows?: BudgetWindows;
  /** How often a waiting sender looks again: the clock may have moved on faster than a timer (tests, a suspended host). */
  pollMs?: number;
}

const SENT = 'sent';
const alertKind = (window: 'hour' | 'day') => `alert:${window}`;

export function createSendBudget(options: SendBudgetOptions): SendBudgetGate {
  const windows = options.windows ?? REAL_WINDOWS;
  const pollMs = options.pollMs ?? 30_000;
  const { store, clock, accountKey, limits } = options;
  const stopping = new AbortController();
  /** One look at the log at a time, so two senders never both take the last place. */
  let queue: Promise<unknown> = Promise.resolve();
  const serially = <T>(run: () => Promise<T>): Promise<T> => {
    const next = queue.then(run);
    queue = next.catch(() => undefined);
    return next;
  };

  const read = async (now: number) => {
    const log = await store.chatSendLog(accountKey, new Date(now - windows.dayMs));
    const last = (kind: string) => log.filter((e) => e.kind === kind).at(-1)?.at.getTime() ?? null;
    return {
      status: budgetStatus(log.filter((e) => e.kind === SENT).map((e) => e.at.getTime()), limits, now, windows),
      lastAlert: { hour: last(alertKind('hour')), day: last(alertKind('day')) },
    };
  };
  const add = (kind: string, now: number) => store.addChatSendLog(accountKey, { kind, at: new Date(now) }, new Date(now - windows.dayMs));

  async function maybeAlert(status: BudgetStatus, lastAlert: { hour: number | null; day: number | null }, now: number): Promise<void> {
    const due = alertDue(status, lastAlert, now, windows);
    if (!due || !options.alert) return;
    // The day's alert says what the hour's would: both are marked, so the admins hear it once.
    await add(alertKind(due), now);
    if (due === 'day' && status.hourTight) await add(alertKind('hour'), now);
    const next = status.nextFreeAt === null ? '' : message('vi', 'budget_next_free', { minutes: String(Math.max(1, Math.ceil((status.nextFreeAt - now) / 60_000))) });
    options.alert(
      message('vi', due === 'day' ? 'alert_send_budget_day' : 'alert_send_budget_hour', {
        account: options.label,
        sent: String(due === 'day' ? status.sentDay : status.sentHour),
        limit: String(due === 'day' ? limits.perDay : limits.perHour),
        left: String(due === 'day' ? status.leftDay : status.leftHour),
        next,
        setting: due === 'day' ? (options.settings?.day ?? 'ZALO_SEND_PER_DAY') : (options.settings?.hour ?? 'ZALO_SEND_PER_HOUR'),
      }),
    );
  }

  const tryTake = (): Promise<Take> =>
    serially(async () => {
      if (stopping.signal.aborted) throw new BudgetStopped();
      const now = clock().getTime();
      const before = await read(now);
      if (before.status.nextFreeAt !== null) return { ok: false as const, freeAt: before.status.nextFreeAt };
      await add(SENT, now);
      const after = await read(now);
      await maybeAlert(after.status, after.lastAlert, now);
      return { ok: true as const, status: after.status };
    });

  const sleep = (ms: number, signal?: AbortSignal) =>
    new Promise<void>((resolve, reject) => {
      const signals = [stopping.signal, ...(signal ? [signal] : [])];
      if (signals.some((s) => s.aborted)) return reject(new BudgetStopped());
      const stop = () => {
        clearTimeout(timer);
        reject(new BudgetStopped());
      };
      const timer = setTimeout(() => {
        for (const s of signals) s.removeEventListener('abort', stop);
        resolve();
      }, ms);
      for (const s of signals) s.addEventListener('abort', stop, { once: true });
    });

  return {
    limits,
    status: () => serially(async () => (await read(clock().getTime())).status),
    tryTake,
    async take(signal) {
      for (;;) {
        const got = await tryTake();
        if (got.ok) return got.status;
        await sleep(Math.max(1, Math.min(got.freeAt - clock().getTime(), pollMs)), signal);
      }
    },
    async waitForRoom(signal) {
      for (;;) {
        const status = await serially(async () => (await read(clock().getTime())).status);
        if (status.nextFreeAt === null) return;
        await sleep(Math.max(1, Math.min(status.nextFreeAt - clock().getTime(), pollMs)), signal);
      }
    },
    stop() {
      stopping.abort();
    },
  };
}
