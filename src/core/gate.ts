/**
 * At most `running` tasks at once, the next `waiting` in line first come first served, and beyond that
 * an immediate refusal: the caller answers "busy" instead of letting work pile up. Whatever the tasks
 * cost after they end (drawing a page from their result) runs right after they release their place,
 * so at most `running` of those are ever queued on the event loop ahead of other requests.
 */
export class Gate {
  private active = 0;
  private readonly line: (() => void)[] = [];

  constructor(
    private readonly running: number,
    private readonly waiting: number,
  ) {
    if (!Number.isInteger(running) || running < 1 || !Number.isInteger(waiting) || waiting < 0) throw new Error('Gate: running ≥ 1 and waiting ≥ 0, whole numbers');
  }

  /** Tasks running or waiting now. */
  get load(): number {
    return this.active + this.line.length;
  }

  /**
   * Runs `task` when a place is free; `null` without running it when the line is full. With `rest`, while
   * others wait in line the place stays taken until `rest` ends, after the caller has its value: a flood
   * of tasks then gets only part of the place's time, whatever the line's length.
   */
  async run<T>(task: () => Promise<T>, rest?: () => Promise<void>): Promise<{ value: T } | null> {
    if (this.active >= this.running) {
      if (this.line.length >= this.waiting) return null;
      await new Promise<void>((resolve) => this.line.push(resolve));
    } else this.active += 1;
    let value: T;
    try {
      value = await task();
    } catch (error) {
      this.release();
      throw error;
    }
    // A rest that fails still ends: the place is never lost.
    if (rest && this.line.length > 0) void rest().catch(() => undefined).finally(() => this.release());
    else this.release();
    return { value };
  }

  /** The place passes straight to the first in line (active stays counted), or is given back. */
  private release(): void {
    const next = this.line.shift();
    if (next) next();
    else this.active -= 1;
  }
}
