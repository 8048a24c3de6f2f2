import { MEMORY_CAP } from '../../src/core/boundedMap.js';

/**
 * Outgoing messages, queued per chat so the bot stays inside Telegram's limits: about one message a
 * second in a chat and twenty a minute in a group. Waiting plain notices for the same chat are merged
 * into one message, so a burst of acknowledgements costs a few messages, not hundreds.
 */
export interface Limits {
  /** Minimum gap between two messages in one chat, measured from the end of the previous call. */
  chatGapMs: number;
  groupPerMinute: number;
  /** Minimum gap between any two calls of the bot, whatever the chat. */
  globalGapMs: number;
}

export const TELEGRAM_LIMITS: Limits = { chatGapMs: 1050, groupPerMinute: 20, globalGapMs: 40 };
const MAX_MERGED = 3800;
const MINUTE = 60_000;

interface Job {
  run: (() => Promise<unknown>) | null;
  notice: string | null;
  /** The forum topic a notice goes to; notices merge only within one topic. */
  thread?: number;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
}

interface ChatLane {
  jobs: Job[];
  sent: number[];
  working: boolean;
}

/** A message refused because the queue stopped (shutdown): it was never sent. */
export class QueueStopped extends Error {
  constructor() {
    super('send queue stopped');
  }
}

const isGroup = (chatId: string) => chatId.startsWith('-');
const messageIdOf = (sent: unknown): number | null =>
  typeof sent === 'object' && sent !== null && typeof (sent as { message_id?: unknown }).message_id === 'number' ? (sent as { message_id: number }).message_id : null;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export class SendQueue {
  private readonly lanes = new Map<string, ChatLane>();
  private lastCallEnd = 0;
  private stopped = false;

  constructor(
    private readonly sendNotice: (chatId: string, text: string, thread?: number) => Promise<unknown>,
    private readonly onFailure: (chatId: string, error: unknown) => void,
    private readonly limits: Limits = TELEGRAM_LIMITS,
    /** Lanes kept past it are dropped once idle and past their limits' memory: every sender's private chat has one. */
    private readonly maxLanes = MEMORY_CAP,
  ) {}

  /** Chats the queue holds a lane for now. */
  get chats(): number {
    return this.lanes.size;
  }

  /** A call that produces or edits a message in `chatId`; resolves with its result once sent. */
  call<T>(chatId: string, run: () => Promise<T>): Promise<T> {
    return this.enqueue(chatId, { run, notice: null }) as Promise<T>;
  }

  /**
   * A plain notice (no buttons, no reply): may be merged with other waiting notices of the chat and
   * topic. Resolves with the id of the message that carried it, or null when it was not sent.
   */
  notice(chatId: string, text: string, thread?: number): Promise<number | null> {
    return this.enqueue(chatId, { run: null, notice: text, thread }).then(messageIdOf, (error: unknown) => (this.onFailure(chatId, error), null));
  }

  /** A plain notice, merged like `notice`, that resolves with the id of the message carrying it once sent, and fails when it was not. */
  noticeSent(chatId: string, text: string, thread?: number): Promise<number | null> {
    return this.enqueue(chatId, { run: null, notice: text, thread }).then(messageIdOf);
  }

  /** Messages waiting, all chats together. */
  get waiting(): number {
    let n = 0;
    for (const lane of this.lanes.values()) n += lane.jobs.length;
    return n;
  }

  /** Stops taking work; returns how many messages were still waiting (they are dropped). */
  stop(): number {
    this.stopped = true;
    const dropped = this.waiting;
    for (const lane of this.lanes.values()) {
      for (const job of lane.jobs.splice(0)) job.reject(new QueueStopped());
    }
    return dropped;
  }

  private enqueue(chatId: string, job: Omit<Job, 'resolve' | 'reject'>): Promise<unknown> {
    if (this.stopped) return Promise.reject(new QueueStopped());
    const lane = this.lanes.get(chatId) ?? { jobs: [], sent: [], working: false };
    if (!this.lanes.has(chatId) && this.lanes.size >= this.maxLanes) this.forgetIdle();
    this.lanes.set(chatId, lane);
    const done = new Promise((resolve, reject) => lane.jobs.push({ ...job, resolve, reject }));
    if (!lane.working) void this.work(chatId, lane);
    return done;
  }

  private async work(chatId: string, lane: ChatLane): Promise<void> {
    lane.working = true;
    while (lane.jobs.length > 0 && !this.stopped) {
      await sleep(this.delayFor(chatId, lane));
      if (this.stopped) break;
      const batch = this.takeBatch(lane);
      try {
        const first = batch[0]!;
        const result = first.run ? await first.run() : await this.sendNotice(chatId, batch.map((j) => j.notice).join('\n'), first.thread);
        for (const job of batch) job.resolve(result);
      } catch (error) {
        for (const job of batch) job.reject(error);
      } finally {
        const end = Date.now();
        this.lastCallEnd = end;
        lane.sent.push(end);
        if (lane.sent.length > this.limits.groupPerMinute) lane.sent.shift();
      }
    }
    lane.working = false;
  }

  /** Drops the lanes with nothing waiting whose last send no longer limits the next (a gap, or a group's minute). */
  private forgetIdle(): void {
    const now = Date.now();
    for (const [chatId, lane] of this.lanes) {
      const quiet = now - (lane.sent.at(-1) ?? 0) >= (isGroup(chatId) ? MINUTE : this.limits.chatGapMs);
      if (!lane.working && lane.jobs.length === 0 && quiet) this.lanes.delete(chatId);
    }
  }

  private delayFor(chatId: string, lane: ChatLane): number {
    const now = Date.now();
    const last = lane.sent.at(-1) ?? 0;
    let wait = Math.max(last + this.limits.chatGapMs - now, this.lastCallEnd + this.limits.globalGapMs - now, 0);
    if (isGroup(chatId) && lane.sent.length >= this.limits.groupPerMinute) {
      wait = Math.max(wait, lane.sent[lane.sent.length - this.limits.groupPerMinute]! + MINUTE + 50 - now);
    }
    return wait;
  }

  /** The next job, or the run of waiting notices at the head of the lane merged up to one message's length. */
  private takeBatch(lane: ChatLane): Job[] {
    const first = lane.jobs.shift()!;
    if (first.notice === null) return [first];
    const batch = [first];
    let length = first.notice.length;
    while (lane.jobs[0]?.notice != null && lane.jobs[0].thread === first.thread && length + lane.jobs[0].notice.length + 1 <= MAX_MERGED) {
      const next = lane.jobs.shift()!;
      length += (next.notice ?? '').length + 1;
      batch.push(next);
    }
    return batch;
  }
}
