import { contentFromText, contentHash } from '../core/content.js';
import { textOfParts } from '../core/chatIntake.js';
import type { WithdrawalRefusal } from '../core/intake.js';
import { draftWithoutPart, partRecall, withoutMessage } from '../core/partRecall.js';
import { ok, refuse, type Outcome } from '../core/result.js';
import type { Deps } from './deps.js';
import type { ItemRecord, RevisionInput, SubmissionRecord } from './ports.js';
import { partsOf } from './senderChanges.js';
import { withdrawByRecall } from './submitters.js';

export interface Recall {
  channel: string;
  chatId: string;
  messageId: string;
  byPlatformId: string;
}

export type RecallResult =
  | { kind: 'withdrawn'; submission: SubmissionRecord }
  /** One message of several taken out; `item` is set when the draft in review lost it too. */
  | { kind: 'partRemoved'; before: SubmissionRecord; submission: SubmissionRecord; item: ItemRecord | null; removed: { files: number; text: boolean } };

export type RecallRefusal = WithdrawalRefusal | 'unknown_submission' | 'already_decided';

/**
 * A sender recalled a chat message that is part of a submission (src/core/partRecall.ts says what
 * it still changes): the whole submission when it was the only part, else that part only, from the
 * submission and from its item's draft while in review.
 */
export async function recallMessage(deps: Deps, recall: Recall): Promise<Outcome<RecallResult, RecallRefusal>> {
  // An editor's decision between the read and the write: decide once more on what is there now.
  for (let attempt = 1; ; attempt += 1) {
    const done = await recallOnce(deps, recall);
    if (done.ok || done.reason !== 'already_decided' || attempt >= 2) return done;
  }
}

async function recallOnce(deps: Deps, recall: Recall): Promise<Outcome<RecallResult, RecallRefusal>> {
  const submission = await deps.store.submissionByMessage(recall.channel, recall.chatId, recall.messageId);
  if (!submission) return refuse('unknown_submission');
  const left = withoutMessage({ messageIds: submission.messageIds, textParts: partsOf(submission), attachments: submission.attachments }, recall.messageId);
  const item = submission.itemId && submission.code ? await deps.store.itemByCode(submission.code) : null;
  const verdict = partRecall(submission, item?.state ?? null, recall.byPlatformId, left.othersLeft);
  if (!verdict.ok) return refuse(verdict.reason, { ...verdict.detail, code: submission.code ?? '?' });
  if (verdict.value.kind === 'withdraw') {
    const whole = await withdrawByRecall(deps, recall);
    return whole.ok ? ok({ kind: 'withdrawn', submission: whole.value }) : whole;
  }
  const now = deps.clock();
  const rawText = textOfParts(left.textParts);
  let revisedItem: ItemRecord | null = null;
  if (verdict.value.kind === 'removeFromDraft' && item) {
    const revision = draftLeft(item, submission, rawText, left.attachments.map((a) => a.ref));
    if (revision) {
      const actorId = submission.senderPersonId ?? `${submission.channel}:${submission.senderPlatformId}`;
      const applied = await deps.store.applyDecision(item, draftWithoutPart(item), actorId, revision, now, {
        at: now,
        actorId: submission.senderPersonId,
        action: 'item.recallPart',
        subjectType: 'item',
        subjectId: item.id,
        data: { code: item.code, message: recall.messageId, from: item.state, to: 'review', revision: revision.contentHash },
      });
      if (!applied.applied) return refuse('already_decided');
      revisedItem = applied.item;
    }
  }
  const revised = await deps.store.removeSubmissionPart(
    submission.id,
    submission.revision,
    { messageId: recall.messageId, rawText, textParts: left.textParts, attachments: left.attachments },
    { at: now, actorId: submission.senderPersonId, action: 'submission.recallPart', subjectType: 'submission', subjectId: submission.id, data: { channel: recall.channel, chat: recall.chatId, message: recall.messageId, code: submission.code, files: left.removed.files } },
  );
  if (!revised) return refuse('already_decided');
  return ok({ kind: 'partRemoved', before: submission, submission: revised, item: revisedItem, removed: left.removed });
}

/**
 * The draft without the recalled part: its files go; its text goes while the draft's text is still
 * the one made from the submission (an editor who rewrote it owns the text now). Null: nothing of it
 * is in the draft any more.
 */
function draftLeft(item: ItemRecord, submission: SubmissionRecord, rawText: string, refsLeft: readonly string[]): RevisionInput | null {
  const gone = new Set(submission.attachments.map((a) => a.ref).filter((ref) => !refsLeft.includes(ref)));
  const mediaRefs = item.revision.mediaRefs.filter((ref) => !gone.has(ref));
  const asReceived = contentFromText(submission.rawText);
  const untouched = item.revision.title === asReceived.title && item.revision.body === asReceived.body;
  const text = contentFromText(rawText);
  const { title, body } = untouched && text.title !== '' ? text : item.revision;
  const content = { title, summary: item.revision.summary, body, language: item.revision.language, mediaRefs };
  const hash = contentHash(content);
  if (hash === item.revision.contentHash) return null;
  return { ...content, contentHash: hash, authorId: submission.senderPersonId ?? `${submission.channel}:${submission.senderPlatformId}`, authorStep: null };
}
