import { senderChange, textOfParts, withPart, type TextPart } from '../core/chatIntake.js';
import { ok, refuse, type Outcome } from '../core/result.js';
import type { Deps } from './deps.js';
import type { ItemRecord, SubmissionRecord } from './ports.js';

/** A sender's later message about their submission: an answer (a reply) or an edit of one of its messages. */
export interface SenderMessage {
  byPlatformId: string;
  messageId: string;
  text: string;
  /** Files the answer brings; an edit brings none. */
  attachments: SubmissionRecord['attachments'];
  kind: 'answer' | 'edit';
}

export type SenderChangeResult =
  | { kind: 'revised'; submission: SubmissionRecord }
  | { kind: 'toEditors'; submission: SubmissionRecord; item: ItemRecord }
  | { kind: 'askCorrection'; submission: SubmissionRecord }
  /** An answer about a published item: a request for correction, for the editors to consider. */
  | { kind: 'correctionRequest'; submission: SubmissionRecord; item: ItemRecord }
  | { kind: 'closed'; submission: SubmissionRecord; state: string };

export type SenderChangeRefusal = 'not_sender' | 'already_decided';

/** The parts a submission's text came from; one made before parts were kept is one part of its first message. */
export function partsOf(s: SubmissionRecord): TextPart[] {
  if (s.textParts && s.textParts.length > 0) return s.textParts;
  return s.rawText.trim() === '' ? [] : [{ messageId: s.messageIds[0] ?? '', text: s.rawText }];
}

/**
 * What a sender's answer or edit does to their submission (src/core/chatIntake.ts `senderChange`):
 * before triage or after "needs more information" it makes the next revision, back in the intake
 * queue; later, the caller tells the editors or the sender what can be done instead.
 */
export async function changeBySender(deps: Deps, submission: SubmissionRecord, change: SenderMessage): Promise<Outcome<SenderChangeResult, SenderChangeRefusal>> {
  if (submission.senderPlatformId !== change.byPlatformId) return refuse('not_sender');
  const item = submission.code ? await deps.store.itemByCode(submission.code) : null;
  const rule = senderChange(submission.state, item?.state ?? null);
  if (rule === 'toEditors' && item) return ok({ kind: 'toEditors', submission, item });
  if (rule === 'askCorrection') return ok(change.kind === 'answer' && item ? { kind: 'correctionRequest', submission, item } : { kind: 'askCorrection', submission });
  if (rule !== 'revise') return ok({ kind: 'closed', submission, state: item?.state ?? submission.state });
  const textParts = withPart(partsOf(submission), { messageId: change.messageId, text: change.text });
  const revised = await deps.store.reviseSubmission(
    submission.id,
    submission.revision,
    { rawText: textOfParts(textParts), textParts, attachments: [...submission.attachments, ...change.attachments], messageId: change.kind === 'answer' ? change.messageId : null },
    { at: deps.clock(), actorId: submission.senderPersonId, action: 'submission.revise', subjectType: 'submission', subjectId: submission.id, data: { by: change.kind, message: change.messageId, attachments: change.attachments.length } },
  );
  // An editor's decision got in first: the caller reads the submission again and tells the sender where it stands.
  if (!revised) return refuse('already_decided');
  return ok({ kind: 'revised', submission: revised });
}
