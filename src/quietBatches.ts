/**
 * Things that arrive one by one but belong together (an album's photos, a sender's caption and
 * pictures) are collected per key and handed over together once the key has been quiet for a
 * while. Both chat desks use it; the timer belongs to the batch, not to the schedule table.
 */
export class QuietBatches<T> {
  private readonly batches = new Map<string, { items: T[]; timer: NodeJS.Timeout }>();

  constructor(
    private readonly take: (items: T[]) => Promise<void>,
    private readonly quietMs: number,
  ) {}

  add(key: string, item: T): void {
    const batch = this.batches.get(key);
    if (batch) clearTimeout(batch.timer);
    this.batches.set(key, { items: [...(batch?.items ?? []), item], timer: setTimeout(() => void this.release(key), this.quietMs) });
  }

  /** Takes an item back out of a waiting batch; true when one was there. An emptied batch is forgotten. */
  drop(key: string, matches: (item: T) => boolean): boolean {
    const batch = this.batches.get(key);
    if (!batch || !batch.items.some(matches)) return false;
    batch.items = batch.items.filter((item) => !matches(item));
    if (batch.items.length === 0) {
      clearTimeout(batch.timer);
      this.batches.delete(key);
    }
    return true;
  }

  private async release(key: string): Promise<void> {
    const batch = this.batches.get(key);
    this.batches.delete(key);
    if (batch) await this.take(batch.items);
  }

  /** Hands over every batch still waiting (on shutdown). */
  async flush(): Promise<void> {
    const keys = [...this.batches.keys()];
    for (const key of keys) clearTimeout(this.batches.get(key)!.timer);
    await Promise.all(keys.map((key) => this.release(key)));
  }
}
