import type { ZaloBotClient } from './client.js';
import type { BotSendResult } from './env.js';

/** The Bot Platform's limit for one text [doc copy]. */
export const MAX_TEXT = 2000;

/** A text cut at line or word ends into pieces the platform takes. */
export function pieces(text: string): string[] {
  const out: string[] = [];
  let rest = text;
  while (rest.length > MAX_TEXT) {
    const window = rest.slice(0, MAX_TEXT);
    const line = window.lastIndexOf('\n');
    const word = window.lastIndexOf(' ');
    const at = line > MAX_TEXT / 2 ? line : word > MAX_TEXT / 2 ? word : MAX_TEXT;
    out.push(rest.slice(0, at));
    rest = rest.slice(at).replace(/^[\n ]/, '');
  }
  out.push(rest);
  return out;
}

/** Why a message was not sent when the send budget had no room. */
export const BUDGET_SPENT = 'send budget spent';
/** Why a message was not sent while the platform's last answer (429, 5xx) asked to wait. */
export const PAUSED = 'the platform asked to wait';

export class SenderStopped extends Error {
  constructor() {
    super('Zalo Bot sends stopped');
  }
}

/** The send budget as the sender uses it: room is checked before a message, and each piece is recorded once it went out. */
export interface SenderBudget {
  /** Null when `count` pieces may go now; otherwise when they may. */
  roomFor(count: number): Promise<number | null>;
  /** One piece went out. */
  record(): Promise<void>;
}

/**
 * Every message the bot sends goes out one at a time, `gapMs` apart: the platform publishes no limits
 * and answers bursts with 429. A message the budget has no room for is not sent (BUDGET_SPENT), and
 * only what went out is counted, so a run of 429s spends nothing. A 429 (or 5xx) pauses every send for
 * as long as it asks (PAUSED): nothing is tried meanwhile, and the caller keeps it owed or waits.
 */
export class BotSender {
  private tail: Promise<unknown> = Promise.resolve();
  private lastEnd = 0;
  private pausedUntil = 0;
  private stopped = false;
  private readonly sleeping = new Set<{ timer: NodeJS.Timeout; wake: () => void }>();

  constructor(
    private readonly client: ZaloBotClient,
    private readonly gapMs: number,
    private readonly budget: SenderBudget | null = null,
    /** The longest pause a platform answer may impose (tests shorten it). */
    private readonly maxPauseMs = 5 * 60_000,
  ) {}

  /** When sends may be tried again after the platform asked to wait (0: now). */
  get resumesAt(): number {
    return this.pausedUntil;
  }

  send(chatId: string, text: string): Promise<BotSendResult> {
    const turn = this.tail.then(() => this.sendNow(chatId, pieces(text)));
    this.tail = turn.catch(() => undefined);
    return turn;
  }

  private async sendNow(chatId: string, parts: string[]): Promise<BotSendResult> {
    if (this.stopped) return { kind: 'retryLater', reason: new SenderStopped().message };
    if (Date.now() < this.pausedUntil) return { kind: 'retryLater', reason: PAUSED, afterMs: this.pausedUntil - Date.now() };
    const freeAt = this.budget ? await this.budget.roomFor(parts.length) : null;
    if (freeAt !== null) return { kind: 'retryLater', reason: BUDGET_SPENT, afterMs: Math.max(0, freeAt - Date.now()) };
    let first = '';
    for (const [i, part] of parts.entries()) {
      await this.sleep(this.lastEnd + this.gapMs - Date.now());
      if (this.stopped) return first ? { kind: 'sent', messageId: first, missing: parts.length - i } : { kind: 'retryLater', reason: new SenderStopped().message };
      const got = await this.client.sendMessage(chatId, part);
      this.lastEnd = Date.now();
      if (got.kind === 'retryLater') this.pausedUntil = Date.now() + Math.min(got.afterMs ?? 5_000, this.maxPauseMs);
      // Once a first piece is out the message counts as sent: sending it all again would post that piece twice.
      if (got.kind !== 'ok') return first ? { kind: 'sent', messageId: first, missing: parts.length - i } : got;
      await this.budget?.record();
      first ||= got.result.messageId;
    }
    return { kind: 'sent', messageId: first };
  }
  stop(): void {
    this.stopped = true;
    for (const s of this.sleeping) {
      clearTimeout(s.timer);
      s.wake();
    }
    this.sleeping.clear();
  }

  private sleep(ms: number): Promise<void> {
    if (ms <= 0 || this.stopped) return Promise.resolve();
    return new Promise((resolve) => {
      const entry = { timer: setTimeout(() => (this.sleeping.delete(entry), resolve()), ms), wake: resolve };
      this.sleeping.add(entry);
    });
  }
}
