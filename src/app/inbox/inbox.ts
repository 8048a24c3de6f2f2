import type { InboxRow, InboxStore } from './ports.js';

export interface InboxDeps {
  store: InboxStore;
  clock: () => Date;
}

/**
 * A desk's side of the durable inbox. An event is stored raw before anything else happens to it
 * (before Telegram hears it was received, before a Zalo event is acted on); its handler then saves
 * the effect, and only after that is the event marked done. The effects are idempotent (a submission
 * is keyed by its first message, a decision by the state it moves), so a crash between the effect and
 * the mark repeats a handler, never an effect; a crash before the effect leaves the event waiting, and
 * the next start hands it over again (`unfinished`).
 */
export class Inbox {
  constructor(
    private readonly deps: InboxDeps,
    /** Every key of this desk starts with it (`telegram:`, `zalo:`). */
    readonly prefix: string,
  ) {}

  /** Stores an event; false when it was taken before (a re-delivery, a catch-up that overlaps). */
  take(key: string, payload: unknown): Promise<boolean> {
    return this.deps.store.takeInbound(key, JSON.stringify(payload), this.deps.clock());
  }

  /** The event's effect is saved (or it had none): it is not handed over again. A batched event is left to its batch. */
  async finish(key: string): Promise<void> {
    await this.deps.store.finishInbound([key], 'waiting', this.deps.clock());
  }

  /** What a crash or a failed handler left: waiting events to hand over again, batched ones to collect again. */
  unfinished(): Promise<InboxRow[]> {
    return this.deps.store.unfinishedInbound(this.prefix);
  }
}
