import type { BudgetStatus } from '../core/sendBudget.js';
import { message } from '../core/messages.js';
import type { SubmitterNotice } from './chatPorts.js';
import type { Deps } from './deps.js';
import { outcomeText, untoldOutcomes } from './submitters.js';

/** sent; failed: refused for good (logged by the sender), counted as told; later: not sent, stays owed. */
export type NoticeSend = 'sent' | 'failed' | 'later';

export interface BudgetedTelling {
  cursorKey: string;
  channel: string;
  budget: { status(): Promise<BudgetStatus> };
  /** One notice as its own message (a quoted reply to what the sender sent). */
  sendOne(notice: SubmitterNotice): Promise<NoticeSend>;
  /** Several notices owed to one chat, as one message. */
  sendMerged(chatId: string, notices: SubmitterNotice[]): Promise<NoticeSend>;
  /** At most this many notices in one merged message (it stays readable and under the platform's length). */
  maxMerged?: number;
}

export const MAX_MERGED = 25;

/** One line per notice under a header, Vietnamese (what Zalo groups read), from the catalogue. */
export function mergedNoticeText(notices: readonly SubmitterNotice[], portalBaseUrl: string): string {
  const lines = notices.map((n) => (n.outcome === 'received' ? message('vi', 'notice_merged_received', { code: n.code, name: n.submission.senderName ?? '?' }) : outcomeText(n, portalBaseUrl)));
  return message('vi', 'notices_merged', { count: String(notices.length), lines: lines.join('\n') });
}

/**
 * Tells the outcomes owed on a chat account with a send budget. While the budget has room and is not
 * tight, each notice is its own message, in decision order. Once it is tight, the notices owed to one
 * chat go as one message, so a burst of thirty submissions costs a few messages, not thirty. When it
 * is spent, or a send is to be tried later, the rest stay owed and a later run tells them.
 *
 * Each notice is marked told as soon as the message carrying it is sent (the marks tellAll keeps), so
 * a crash repeats at most the notices of the message on the wire; the cursor then moves past every
 * notice told, up to the first still owed. Returns the messages sent.
 */
export async function tellWithinBudget(deps: Deps, telling: BudgetedTelling): Promise<number> {
  const { cursorKey, channel } = telling;
  const { notices, done } = await untoldOutcomes(deps, channel, cursorKey);
  const mark = (seq: number) => `${cursorKey}:told:${seq}`;
  const told = new Set<number>();
  const owed: SubmitterNotice[] = [];
  for (const notice of notices) {
    if ((await deps.store.chatCursor(mark(notice.seq))) !== null) told.add(notice.seq);
    else owed.push(notice);
  }
  let sent = 0;
  while (owed.length > 0) {
    const status = await telling.budget.status();
    if (status.nextFreeAt !== null) break;
    const chatId = owed[0]!.submission.chatId;
    const sameChat = owed.filter((n) => n.submission.chatId === chatId);
    const batch = status.tight && sameChat.length > 1 ? sameChat.slice(0, telling.maxMerged ?? MAX_MERGED) : [owed[0]!];
    const result = batch.length > 1 ? await telling.sendMerged(chatId, batch) : await telling.sendOne(batch[0]!);
    if (result === 'later') break;
    if (result === 'sent') sent += 1;
    for (const notice of batch) {
      await markTold(deps, mark(notice.seq), notice.seq);
      told.add(notice.seq);
      owed.splice(owed.indexOf(notice), 1);
    }
  }
  const firstOwed = notices.findIndex((n) => !told.has(n.seq));
  if (firstOwed === -1) await done();
  else if (firstOwed > 0) await deps.store.setChatCursor(cursorKey, notices[firstOwed - 1]!.seq);
  await deps.store.dropChatCursors(`${cursorKey}:told:`, (await deps.store.chatCursor(cursorKey)) ?? 0);
  return sent;
}

/** Sent: a notice left unmarked would be told again, so a failed write is tried again before giving up. */
async function markTold(deps: Deps, key: string, seq: number): Promise<void> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await deps.store.setChatCursor(key, seq);
    } catch (error) {
      if (attempt >= 5) throw error;
      await new Promise((r) => setTimeout(r, 100 * attempt));
    }
  }
}
