/**
 * Every call the bot makes to Zalo waits its turn: one at a time, each starting at least `gapMs`
 * plus a random part of `jitterMs` after the previous one ended. Zalo publishes no limits; regular
 * bursts are what gets personal accounts locked (platforms.md §2), so the gap is generous and uneven.
 */
export interface Pace {
  gapMs: number;
  jitterMs: number;
}

export const ZALO_PACE: Pace = { gapMs: 2500, jitterMs: 1000 };

export class PacerStopped extends Error {
  constructor() {
    super('Zalo sends stopped');
  }
}

export class Pacer {
  private tail: Promise<unknown> = Promise.resolve();
  private lastEnd = Number.NEGATIVE_INFINITY;
  private waitingCount = 0;
  private stopped = false;
  private readonly timers = new Set<{ timer: NodeJS.Timeout; cancel: () => void }>();

  constructor(
    private readonly pace: Pace,
    private readonly random: () => number = Math.random,
  ) {}

  /** Calls waiting for their turn. */
  get waiting(): number {
    return this.waitingCount;
  }

  run<T>(call: () => Promise<T>): Promise<T> {
    if (this.stopped) return Promise.reject(new PacerStopped());
    this.waitingCount += 1;
    const turn = this.tail.then(async () => {
      try {
        await this.sleep(this.lastEnd + this.pace.gapMs + this.random() * this.pace.jitterMs - Date.now());
      } finally {
        this.waitingCount -= 1;
      }
      try {
        return await call();
      } finally {
        this.lastEnd = Date.now();
      }
    });
    this.tail = turn.catch(() => undefined);
    return turn;
  }

  /** Calls still waiting are refused; returns how many there were. */
  stop(): number {
    this.stopped = true;
    const dropped = this.waitingCount;
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
