import { BudgetStopped, type SendBudgetGate } from '../../src/app/sendBudget.js';

/**
 * Every call the bot makes to Zalo waits its turn: one at a time, each starting at least `gapMs`
 * plus a random part of `jitterMs` after the previous one ended. Zalo publishes no limits; regular
 * bursts are what gets personal accounts locked (platforms.md §2), so the gap is generous and uneven.
 *
 * With a send budget, each call also takes its place in the account's hourly and daily budget
 * (src/app/sendBudget.ts) at its turn. When the budget is spent, calls that may be tried again later
 * (`ifFree`: the notices the desk reads from the audit trail, which stay owed) are answered at once
 * with BudgetSpent; the others wait for room. Notices go before replies: at each turn the most
 * urgent call waiting is taken, and when room comes back after a wait, `onRoom` is told and the
 * pacer waits until the first notice it asks for is queued (or it found none owed), so the owed
 * notices are not pushed back by a /help answer however slow the database is.
 */
export interface Pace {
  gapMs: number;
  jitterMs: number;
}

export const ZALO_PACE: Pace = { gapMs: 2500, jitterMs: 1000 };

/** notice: acknowledgements and outcomes; reply: everything else (answers to commands, cards, warnings). */
export type SendPriority = 'notice' | 'reply';
const RANK: Record<SendPriority, number> = { notice: 0, reply: 1 };
/** How long the worker waits, room come back, for the owed notices to be read from the audit trail. */
const NOTICE_WAIT_MS = 10_000;
/** How long the worker waits before reading the budget again after the database failed to answer. */
const BUDGET_RETRY_MS = 5_000;

export interface PacedOptions {
  priority?: SendPriority;
  /** Answered with BudgetSpent instead of waiting when the budget has no room. */
  ifFree?: boolean;
  /** Told once if the call has to wait for the budget (it stays queued and is made when there is room). */
  onWait?: () => void;
}

export class PacerStopped extends Error {
  constructor() {
    super('Zalo sends stopped');
  }
}

export class BudgetSpent extends Error {
  constructor(readonly freeAt: number) {
    super('send budget spent');
  }
}

/** Tells a call once that it waits for the budget. */
function waits(job: Job): void {
  const told = job.onWait;
  job.onWait = null;
  told?.();
}

interface Job {
  call: () => Promise<unknown>;
  rank: number;
  ifFree: boolean;
  onWait: (() => void) | null;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
}

export class Pacer {
  private readonly jobs: Job[] = [];
  private lastEnd = Number.NEGATIVE_INFINITY;
  private working = false;
  private stopped = false;
  /** While the worker waits for budget: when it expects room (ifFree calls are answered at once meanwhile). */
  private spentUntil: number | null = null;
  private readonly stopping = new AbortController();
  private readonly timers = new Set<{ timer: NodeJS.Timeout; cancel: () => void }>();

  private readonly random: () => number;
  private readonly budget: SendBudgetGate | null;
  private readonly onRoom: () => unknown;
  private readonly onBudgetError: (error: unknown) => void;
  /** Set while room() waits for the notices onRoom asked for: called when one is queued. */
  private noticeQueued: (() => void) | null = null;
  private readonly ready: () => boolean;

  constructor(
    private readonly pace: Pace,
    options: {
      random?: () => number;
      budget?: SendBudgetGate | null;
      /** Room came back after the budget was spent: the desk tells what it owes first (settles once nothing more is to be queued). */
      onRoom?: () => unknown;
      /** The budget could not be read (the database failed): the worker pauses and tries again. */
      onBudgetError?: (error: unknown) => void;
      /** False while a call could not reach the platform (not signed in): it runs without spending budget, and fails by itself. */
      ready?: () => boolean;
    } = {},
  ) {
    this.random = options.random ?? Math.random;
    this.budget = options.budget ?? null;
    this.onRoom = options.onRoom ?? (() => undefined);
    this.onBudgetError = options.onBudgetError ?? (() => undefined);
    this.ready = options.ready ?? (() => true);
  }

  /** Calls waiting for their turn. */
  get waiting(): number {
    return this.jobs.length;
  }

  run<T>(call: () => Promise<T>, options: PacedOptions = {}): Promise<T> {
    if (this.stopped) return Promise.reject(new PacerStopped());
    const ifFree = options.ifFree ?? false;
    if (ifFree && this.spentUntil !== null) return Promise.reject(new BudgetSpent(this.spentUntil));
    const done = new Promise<T>((resolve, reject) => {
      const job: Job = { call, rank: RANK[options.priority ?? 'reply'], ifFree, onWait: options.onWait ?? null, resolve: resolve as (value: unknown) => void, reject };
      if (this.spentUntil !== null) waits(job);
      // After the last job of its rank or a more urgent one: first in, first out within a rank.
      const at = this.jobs.findIndex((j) => j.rank > job.rank);
      this.jobs.splice(at === -1 ? this.jobs.length : at, 0, job);
      if (job.rank === RANK.notice) this.noticeQueued?.();
    });
    if (!this.working) void this.work();
    return done;
  }

  private async work(): Promise<void> {
    this.working = true;
    try {
      while (this.jobs.length > 0 && !this.stopped) {
        await this.sleep(this.lastEnd + this.pace.gapMs + this.random() * this.pace.jitterMs - Date.now());
        if (this.budget && this.ready() && !(await this.roomOrPause())) continue;
        const job = this.jobs.shift();
        if (!job) continue;
        try {
          job.resolve(await job.call());
        } catch (error) {
          job.reject(error);
        } finally {
          this.lastEnd = Date.now();
        }
      }
    } catch (error) {
      if (!(error instanceof PacerStopped || error instanceof BudgetStopped)) throw error;
    } finally {
      this.working = false;
    }
  }

  /** room(), and a database that cannot be read is a pause, not the end of the worker (nor of the process). */
  private async roomOrPause(): Promise<boolean> {
    try {
      return await this.room();
    } catch (error) {
      if (error instanceof PacerStopped || error instanceof BudgetStopped) throw error;
      this.onBudgetError(error);
      await this.sleep(BUDGET_RETRY_MS);
      return false;
    }
  }

  /**
   * Takes a place in the budget for the next call. False when there was none: the worker then waited for
   * room without taking it, told `onRoom`, and let the notices it asked for join the queue, so the most
   * urgent call (a notice before a waiting reply) takes the place at the next turn.
   */
  private async room(): Promise<boolean> {
    const budget = this.budget!;
    const got = await budget.tryTake();
    if (got.ok) return true;
    this.spentUntil = got.freeAt;
    this.refuseIfFree(got.freeAt);
    for (const job of this.jobs) waits(job);
    if (this.jobs.length === 0) {
      this.spentUntil = null;
      return false;
    }
    try {
      await budget.waitForRoom(this.stopping.signal);
    } finally {
      this.spentUntil = null;
    }
    // The notices onRoom asks for join the queue ahead of the replies waiting: the worker waits for the
    // first of them (or for onRoom to settle with none owed), at most NOTICE_WAIT_MS if the database hangs.
    const queued = new Promise<void>((resolve) => (this.noticeQueued = resolve));
    const settled = Promise.resolve(this.onRoom()).catch(() => undefined);
    try {
      await Promise.race([queued, settled, this.sleep(NOTICE_WAIT_MS).catch(() => undefined)]);
    } finally {
      this.noticeQueued = null;
    }
    return false;
  }

  private refuseIfFree(freeAt: number): void {
    for (let i = this.jobs.length - 1; i >= 0; i -= 1) {
      const job = this.jobs[i]!;
      if (!job.ifFree) continue;
      this.jobs.splice(i, 1);
      job.reject(new BudgetSpent(freeAt));
    }
  }

  /** Calls still waiting are refused; returns how many there were. */
  stop(): number {
    this.stopped = true;
    this.stopping.abort();
    const dropped = this.jobs.length;
    for (const job of this.jobs.splice(0)) job.reject(new PacerStopped());
    for (const t of this.timers) {
      clearTimeout(t.timer);
      t.cancel();
    }
    this.timers.clear();
    return dropped;
  }

  private sleep(ms: number): Promise<void> {
    if (this.stopped) return Promise.reject(new PacerStopped());
    if (ms <= 0) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const entry = {
        timer: setTimeout(() => {
          this.timers.delete(entry);
          resolve();
        }, ms),
        cancel: () => reject(new PacerStopped()),
      };
      this.timers.add(entry);
    });
  }
}
