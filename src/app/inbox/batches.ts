import type { InboxDeps } from './inbox.js';
import type { InboxRow } from './ports.js';

/** How large and how old a batch may grow before it is taken, quiet or not. */
export interface BatchLimits {
  maxParts: number;
  /** Counted from when its first part was received by us (the inbox row), not from the platform's timestamp. */
  maxMs: number;
}

export interface BatchOptions {
  limits?: BatchLimits;
  /** The quiet time a batch holding these parts waits for (a photo-only batch may wait longer for its caption). */
  quietFor?: (rows: readonly InboxRow[]) => number;
}

/** Where a recalled event stood: waiting in an open batch (now taken out), in a released batch (taken out if not too late), or neither. */
export type Dropped = { kind: 'dropped' } | { kind: 'released'; taken: Promise<void> } | { kind: 'absent' };

/** The generation a stored batch key carries (`base#3`); a key without one was stored before generations. */
const GENERATION = /^(.*)#(\d+)$/;
function parseKey(batchKey: string): { base: string; generation: number } {
  const m = GENERATION.exec(batchKey);
  return m ? { base: m[1]!, generation: Number(m[2]) } : { base: batchKey, generation: -1 };
}

interface BaseState {
  /** The batch still taking parts, as stored; null once it was released. */
  open: string | null;
  timer: NodeJS.Timeout | null;
  /** Parks, drops and releases of the base, one at a time, so a release cannot miss or take a part being parked. */
  ops: Promise<unknown>;
  /** The takes of the base, in the order their batches were released. */
  takes: Promise<void>;
  /** When the open batch's first part was received: its age counts from there. */
  openSince: Date | null;
  /** Released batches not taken yet. */
  inFlight: Set<string>;
  /** A take failed: the base's state is kept (generations only grow anyway), its rows wait for the next start. */
  failed: boolean;
}

/**
 * Events that arrive one by one but belong together (an album's photos, a Zalo sender's caption and
 * pictures) wait in the inbox, parked under a batch key, and are taken together once the key has
 * been quiet for a while, or at once when the batch reaches its limits. The timers only say when to
 * look: what a batch holds is read from the inbox, so a restart finds every part.
 *
 * A batch key is its base (a sender in a group, an album) and a generation: releasing a batch moves
 * the base on at once, so a part that comes later never joins a batch already released, even while
 * that one is still being taken (its files downloading). Generations only grow, in this process and
 * across restarts (seeded from the clock, and above any found in the inbox), so a new batch never
 * shares its key with rows a failed take left behind.
 */
export class InboxBatches {
  private readonly bases = new Map<string, BaseState>();
  private readonly running = new Set<Promise<void>>();
  private stopped = false;
  private generation: number;

  constructor(
    private readonly deps: InboxDeps,
    /** Saves the batch's effect; its events are marked done after it returns. `current` reads which are still in the batch (a recall takes one out). */
    private readonly take: (rows: InboxRow[], current: () => Promise<InboxRow[]>) => Promise<void>,
    private readonly quietMs: number,
    private readonly onError: (error: unknown, batchKey: string) => void,
    private readonly options: BatchOptions = {},
  ) {
    this.generation = deps.clock().getTime();
  }

  /**
   * Runs one park, drop or release of a base after the ones before it. A base's state is forgotten
   * when idle (checked in the same line); an operation queued on a forgotten state runs on the new one.
   */
  private onBase<T>(base: string, op: (state: BaseState) => Promise<T> | T): Promise<T> {
    let state = this.bases.get(base);
    if (!state) {
      state = { open: null, openSince: null, timer: null, ops: Promise.resolve(), takes: Promise.resolve(), inFlight: new Set(), failed: false };
      this.bases.set(base, state);
    }
    const own = state;
    const run = own.ops.then(() => (this.bases.get(base) === own ? op(own) : this.onBase(base, op)));
    own.ops = run.catch(() => undefined);
    return run;
  }

  /** Parks a taken event in its base's open batch and restarts the batch's quiet time (0: a batch of one, taken at once). */
  park(key: string, base: string, quietMs?: number): Promise<void> {
    return this.onBase(base, async (state) => {
      // Past its age the open batch is released before this part, which starts the next one.
      const limits = this.options.limits;
      if (state.open && limits && state.openSince && this.deps.clock().getTime() - state.openSince.getTime() >= limits.maxMs) this.release(base, state, state.open);
      const batchKey = state.open ?? `${base}#${this.generation++}`;
      state.open = batchKey;
      await this.deps.store.batchInbound(key, batchKey);
      this.plan(base, state, batchKey, await this.deps.store.batchedInbound(batchKey), quietMs);
    });
  }

  /** Sets when the open batch is taken: after its quiet time, never past its limits (reached: at once). */
  private plan(base: string, state: BaseState, batchKey: string, rows: readonly InboxRow[], quietMs?: number): void {
    if (state.open === batchKey) state.openSince = rows[0]?.receivedAt ?? null;
    if (this.stopped || rows.length === 0) return;
    const limits = this.options.limits;
    let wait = quietMs ?? this.options.quietFor?.(rows) ?? this.quietMs;
    if (limits) {
      const age = this.deps.clock().getTime() - rows[0]!.receivedAt.getTime();
      wait = rows.length >= limits.maxParts ? 0 : Math.min(wait, limits.maxMs - age);
    }
    if (wait <= 0) return this.release(base, state, batchKey);
    if (state.timer) clearTimeout(state.timer);
    state.timer = setTimeout(() => {
      state.timer = null;
      void this.onBase(base, (now) => {
        if (now.open === batchKey) this.release(base, now, batchKey);
      });
    }, wait);
  }

  /** Closes the batch (the base moves on to a new generation) and queues its take behind the base's earlier ones. */
  private release(base: string, state: BaseState, batchKey: string): void {
    if (state.open === batchKey) {
      state.open = null;
      state.openSince = null;
      if (state.timer) clearTimeout(state.timer);
      state.timer = null;
    }
    state.inFlight.add(batchKey);
    const run = state.takes
      .then(async () => {
        const rows = await this.deps.store.batchedInbound(batchKey);
        if (rows.length === 0) return;
        await this.take(rows, () => this.deps.store.batchedInbound(batchKey));
        await this.deps.store.finishInbound(
          rows.map((r) => r.key),
          'batched',
          this.deps.clock(),
        );
      })
      .catch((error: unknown) => {
        state.failed = true;
        this.onError(error, batchKey);
      })
      .finally(() => {
        state.inFlight.delete(batchKey);
        if (this.bases.get(base) !== state) return;
        void this.onBase(base, (now) => {
          if (now === state && !state.failed && state.open === null && state.inFlight.size === 0) this.bases.delete(base);
        });
      });
    state.takes = run;
    this.running.add(run);
    void run.finally(() => this.running.delete(run));
  }

  /**
   * Takes a recalled event back out of its batch. Still open: it never becomes part of a submission.
   * Released: it is taken out too (a take reads `current` before it saves), and the caller waits for
   * the take to end, to remove it from what was saved when the recall came too late for that.
   */
  drop(key: string, base: string): Promise<Dropped> {
    const take = async (state: BaseState | null): Promise<Dropped> => {
      const row = await this.deps.store.inboundRow(key);
      // Rows parked before generations carry the base itself as their key.
      if (row?.state !== 'batched' || !row.batchKey || parseKey(row.batchKey).base !== base) return { kind: 'absent' };
      // Read before the row is taken out: a take is not one of this base's operations, and once it has
      // finished its rows it leaves inFlight, so a later look would call a part it saved "never taken".
      const released = state?.inFlight.has(row.batchKey) ?? false;
      // Its take finished it first (after the read above): the part is in what that take saved.
      if ((await this.deps.store.finishInbound([key], 'batched', this.deps.clock())) === 0) return { kind: 'absent' };
      // A batch left by an earlier run and not resumed yet is taken later, without it: dropped as well.
      return released && state ? { kind: 'released', taken: state.takes } : { kind: 'dropped' };
    };
    // A base with nothing open or being taken here needs no state (recalls must not grow the map).
    return this.bases.has(base) ? this.onBase(base, take) : take(null);
  }

  /**
   * After a restart, from the inbox: the newest batch of each base takes parts again and waits one
   * full quiet time from now (the rest of an album sent while the service was down arrives with the
   * first updates after the start), within its limits; older batches of the base had been released,
   * so they are taken at once, in order.
   */
  resume(rows: readonly InboxRow[]): Promise<void> {
    const byKey = new Map<string, InboxRow[]>();
    for (const row of rows) if (row.state === 'batched' && row.batchKey) byKey.set(row.batchKey, [...(byKey.get(row.batchKey) ?? []), row]);
    const byBase = new Map<string, { batchKey: string; generation: number }[]>();
    for (const batchKey of byKey.keys()) {
      const { base, generation } = parseKey(batchKey);
      this.generation = Math.max(this.generation, generation + 1);
      byBase.set(base, [...(byBase.get(base) ?? []), { batchKey, generation }]);
    }
    const restored = [...byBase].map(([base, batches]) =>
      this.onBase(base, (state) => {
        batches.sort((a, b) => a.generation - b.generation);
        const newest = batches.pop()!;
        for (const older of batches) this.release(base, state, older.batchKey);
        state.open = newest.batchKey;
        this.plan(base, state, newest.batchKey, byKey.get(newest.batchKey)!);
      }),
    );
    return Promise.all(restored).then(() => undefined);
  }

  /** On shutdown: batches still open are left in the inbox for the next start; batches being taken finish. */
  async stop(): Promise<void> {
    this.stopped = true;
    for (const state of this.bases.values()) if (state.timer) clearTimeout(state.timer);
    while (this.running.size > 0) await Promise.allSettled([...this.running]);
  }

  /** Takes every open batch now (tests, and a shutdown that wants nothing left behind). */
  async flush(): Promise<void> {
    await Promise.all(
      [...this.bases.keys()].map((base) =>
        this.onBase(base, (state) => {
          if (state.open) this.release(base, state, state.open);
        }),
      ),
    );
    while (this.running.size > 0) await Promise.allSettled([...this.running]);
  }
}
