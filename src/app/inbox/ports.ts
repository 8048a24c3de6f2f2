/** One platform event in the durable inbox. */
export interface InboxRow {
  key: string;
  receivedAt: Date;
  /** The event as the platform sent it (JSON). */
  payload: string;
  state: 'waiting' | 'batched' | 'done';
  batchKey: string | null;
}

/**
 * The durable inbox: an event is stored raw in the same write that marks it taken, so a crash
 * after that write loses nothing, and a re-delivered event finds its row and is not taken twice.
 */
export interface InboxStore {
  /** Stores the event and marks it taken; false when it was taken before. */
  takeInbound(key: string, payload: string, at: Date): Promise<boolean>;
  /** Parks a taken event in a quiet batch; it is done when the batch is. */
  batchInbound(key: string, batchKey: string): Promise<void>;
  /** Marks events in state `from` done (their effect is saved, or they had none); returns how many were still in `from`. */
  finishInbound(keys: readonly string[], from: 'waiting' | 'batched', at: Date): Promise<number>;
  inboundRow(key: string): Promise<InboxRow | null>;
  /** Events taken but not done whose key starts with `prefix`, in the order they were taken. */
  unfinishedInbound(prefix: string): Promise<InboxRow[]>;
  /** The event taken last whose key starts with `prefix`, done or not. */
  latestInbound(prefix: string): Promise<InboxRow | null>;
  /** The events parked in one batch, in the order they were taken. */
  batchedInbound(batchKey: string): Promise<InboxRow[]>;
  /** Forgets done events taken before `before`; waiting ones stay until they are done. */
  pruneInbound(before: Date): Promise<number>;
}
