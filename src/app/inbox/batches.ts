import type { InboxDeps } from './inbox.js';
import type { InboxRow } from './ports.js';

/**
 * Events that arrive one by one but belong together (an album's photos, a Zalo sender's caption and
 * pictures) wait in the inbox, parked under a batch key, and are taken together once the key has
 * been quiet for a while. The timers only say when to look: what a batch holds is read from the
 * inbox, so a restart finds every part and takes the batch when its quiet time is over.
 */
export class InboxBatches {
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private readonly running = new Set<Promise<void>>();
  private stopped = false;

  constructor(
    private readonly deps: InboxDeps,
    /** Saves the batch's effect; its events are marked done after it returns. */
    private readonly take: (rows: InboxRow[]) => Promise<void>,
    private readonly quietMs: number,
    private readonly onError: (error: unknown, batchKey: string) => void,
  ) {}

  /** Parks a taken event in its batch and restarts the batch's quiet time (0: a batch of one, taken at once). */
  async park(key: string, batchKey: string, quietMs = this.quietMs): Promise<void> {
    await this.deps.store.batchInbound(key, batchKey);
    this.schedule(batchKey, quietMs);
  }

  /** Takes an event back out of its batch before the batch is taken; true when it was still waiting there. */
  async drop(key: string, batchKey: string): Promise<boolean> {
    const row = await this.deps.store.inboundRow(key);
    if (row?.state !== 'batched' || row.batchKey !== batchKey) return false;
    await this.deps.store.finishInbound([key], 'batched', this.deps.clock());
    return true;
  }

  /**
   * After a restart: each batch found in the inbox waits one full quiet time from now. The rest of an
   * album sent while the service was down arrives with the first updates after the start; taken at
   * once, the first part would become a submission alone and the rest an untitled second one.
   */
  resume(rows: readonly InboxRow[]): void {
    const batches = new Set<string>();
    for (const row of rows) if (row.state === 'batched' && row.batchKey) batches.add(row.batchKey);
    for (const batchKey of batches) this.schedule(batchKey, this.quietMs);
  }

  private schedule(batchKey: string, ms: number): void {
    if (this.stopped) return;
    clearTimeout(this.timers.get(batchKey));
    this.timers.set(
      batchKey,
      setTimeout(() => void this.release(batchKey), ms),
    );
  }

  private release(batchKey: string): Promise<void> {
    this.timers.delete(batchKey);
    const run = (async () => {
      const rows = await this.deps.store.batchedInbound(batchKey);
      if (rows.length === 0) return;
      await this.take(rows);
      await this.deps.store.finishInbound(
        rows.map((r) => r.key),
        'batched',
        this.deps.clock(),
      );
    })().catch((error: unknown) => this.onError(error, batchKey));
    this.running.add(run);
    void run.finally(() => this.running.delete(run));
    return run;
  }

  /** On shutdown: batches still quiet are left in the inbox for the next start; batches being taken finish. */
  async stop(): Promise<void> {
    this.stopped = true;
    for (const timer of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
    while (this.running.size > 0) await Promise.allSettled([...this.running]);
  }

  /** Takes every waiting batch now (tests, and a shutdown that wants nothing left behind). */
  async flush(): Promise<void> {
    const keys = [...this.timers.keys()];
    for (const key of keys) clearTimeout(this.timers.get(key));
    await Promise.all(keys.map((key) => this.release(key)));
  }
}
