import { withdrawal, type WithdrawalRefusal } from '../core/intake.js';
import { message } from '../core/messages.js';
import { articlePath } from '../core/portal/paths.js';
import { ok, refuse, type Outcome } from '../core/result.js';
import type { SubmitterNotice } from './chatPorts.js';
import type { Deps } from './deps.js';
import type { SubmissionRecord } from './ports.js';

/** A recalled chat message takes its submission back, if the sender recalled it and nobody has acted on it yet. */
export async function withdrawByRecall(
  deps: Deps,
  recall: { channel: string; chatId: string; messageId: string; byPlatformId: string },
): Promise<Outcome<SubmissionRecord, WithdrawalRefusal | 'unknown_submission'>> {
  const submission = await deps.store.submissionByMessage(recall.channel, recall.chatId, recall.messageId);
  if (!submission) return refuse('unknown_submission');
  const verdict = withdrawal(submission, recall.byPlatformId);
  if (!verdict.ok) return refuse(verdict.reason, { ...verdict.detail, code: submission.code ?? '?' });
  const moved = await deps.store.withdrawSubmission(submission.id, {
    at: deps.clock(),
    actorId: submission.senderPersonId,
    action: 'submission.withdraw',
    subjectType: 'submission',
    subjectId: submission.id,
    data: { channel: recall.channel, chat: recall.chatId, message: recall.messageId, code: submission.code },
  });
  // Lost the race against an editor's decision: the submission stays.
  if (!moved) return refuse('wrong_state', { state: (await deps.store.submissionById(submission.id))?.state ?? '?', code: submission.code ?? '?' });
  return ok({ ...submission, state: 'withdrawn' });
}

/** A desk turned on for the first time starts telling from the present, not from every past decision. */
export async function openOutcomeCursor(deps: Deps, cursorKey: string): Promise<void> {
  if ((await deps.store.chatCursor(cursorKey)) === null) await deps.store.setChatCursor(cursorKey, await deps.store.auditHeadSeq());
}

/**
 * The outcomes a chat desk has not told yet, read in decision order. `told` records one as told
 * (those before it too); `done` moves past everything read.
 */
export async function untoldOutcomes(
  deps: Deps,
  channel: string,
  cursorKey: string,
  limit = 100,
): Promise<{ notices: SubmitterNotice[]; told: (notice: SubmitterNotice) => Promise<void>; done: () => Promise<void> }> {
  await openOutcomeCursor(deps, cursorKey);
  const after = (await deps.store.chatCursor(cursorKey)) ?? 0;
  const { notices, lastSeq } = await deps.store.outcomesAfter(channel, after, limit);
  return {
    notices,
    told: (notice) => deps.store.setChatCursor(cursorKey, notice.seq),
    done: () => (lastSeq > after ? deps.store.setChatCursor(cursorKey, lastSeq) : Promise.resolve()),
  };
}

/**
 * Tells a run of notices at once (a desk that merges messages sends a burst of acknowledgements as a
 * few messages), each marked told as soon as the message carrying it is sent, so a crash repeats
 * at most the notices whose message was on the wire. The cursor then moves past every notice told,
 * up to the first that was not (`send` answered false: shutting down, try again later), and the
 * marks behind it are forgotten.
 */
export async function tellAll(deps: Deps, cursorKey: string, channel: string, send: (notice: SubmitterNotice) => Promise<boolean>): Promise<number> {
  const { notices, done } = await untoldOutcomes(deps, channel, cursorKey);
  const mark = (seq: number) => `${cursorKey}:told:${seq}`;
  const told = await Promise.all(
    notices.map(async (notice) => {
      if ((await deps.store.chatCursor(mark(notice.seq))) !== null) return true;
      if (!(await send(notice))) return false;
      // Sent: a notice left unmarked would be told again, so a failed write is tried again before giving up.
      for (let attempt = 1; ; attempt += 1) {
        try {
          await deps.store.setChatCursor(mark(notice.seq), notice.seq);
          return true;
        } catch (error) {
          if (attempt >= 5) throw error;
          await new Promise((r) => setTimeout(r, 100 * attempt));
        }
      }
    }),
  );
  const firstUntold = told.indexOf(false);
  if (firstUntold === -1) await done();
  else if (firstUntold > 0) await deps.store.setChatCursor(cursorKey, notices[firstUntold - 1]!.seq);
  await deps.store.dropChatCursors(`${cursorKey}:told:`, (await deps.store.chatCursor(cursorKey)) ?? 0);
  return told.filter(Boolean).length;
}

/** What the sender reads: the outcome, its reason, and for a publication the article's address. */
export function outcomeText(notice: SubmitterNotice, portalBaseUrl: string): string {
  if (notice.outcome === 'received') return message('vi', 'ack_received', { code: notice.code, name: notice.submission.senderName ?? '?' });
  return message('vi', `outcome_${notice.outcome}`, { code: notice.code, note: notice.note ?? '', url: `${portalBaseUrl}${articlePath('vi', notice.code)}` });
}
