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

export class SenderStopped extends Error {
  constructor() {
    super('Zalo Bot sends stopped');
  }
}

/**
 * Every message the bot sends goes out one at a time, `gapMs` apart: the platform publishes no limits
 * and answers bursts with 429. `admit` (the send budget) may hold a message back: it is then not
 * sent, and the caller keeps it owed (notices stay in the audit trail's cursor).
 */
export class BotSender {
  private tail: Promise<unknown> = Promise.resolve();
  private lastEnd = 0;
  private stopped = false;
  private readonly sleeping = new Set<{ timer: NodeJS.Timeout; wake: () => void }>();

  constructor(
    private readonly client: ZaloBotClient,
    private readonly gapMs: number,
    private readonly admit: (pieces: number) => Promise<{ ok: true } | { ok: false; retryInMs: number }> = async () => ({ ok: true }),
  ) {}

  /** `admitted`: the budget's places were taken already (a reply that waited for room). */
  send(chatId: string, text: string, admitted = false): Promise<BotSendResult> {
    const turn = this.tail.then(() => this.sendNow(chatId, pieces(text), admitted));
    this.tail = turn.catch(() => undefined);
    return turn;
  }

  private async sendNow(chatId: string, parts: string[], admitted: boolean): Promise<BotSendResult> {
    if (this.stopped) return { kind: 'retryLater', reason: new SenderStopped().message };
    const room = admitted ? { ok: true as const } : await this.admit(parts.length);
    if (!room.ok) return { kind: 'retryLater', reason: BUDGET_SPENT, afterMs: room.retryInMs };
    let first = '';
    for (const part of parts) {
      await this.sleep(this.lastEnd + this.gapMs - Date.now());
      if (this.stopped) return { kind: 'retryLater', reason: new SenderStopped().message };
      const got = await this.client.sendMessage(chatId, part);
      this.lastEnd = Date.now();
      // Once a first piece is out the message counts as sent: sending it all again would post that piece twice.
      if (got.kind !== 'ok') return first ? { kind: 'sent', messageId: first, missing: parts.length - parts.indexOf(part) } : got;
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
