import { currentStep } from './chain.js';
import type { TextPart } from './chatIntake.js';
import { withdrawal, type SubmissionState, type WithdrawalRefusal } from './intake.js';
import { ok, refuse, type Outcome } from './result.js';
import type { Effect, ItemSnapshot, ItemState } from './workflow.js';

/**
 * A sender who recalls one message of a submission made of several (three photos and a caption)
 * takes back that message only, while it can still change:
 * - the only part left: the whole submission, as a recall always did (only before triage);
 * - before triage, or while the desk waits for more information: the submission loses the part;
 * - accepted, its item still in review: the draft loses it too, as a new revision, and the approvals
 *   given to the old one fall (they bound to what the reviewers saw);
 * - later (scheduled, published, rejected, withdrawn): too late; the sender must ask the desk.
 */
export type PartRecall = { kind: 'withdraw' } | { kind: 'removePart' } | { kind: 'removeFromDraft' };

export function partRecall(
  submission: { siteId: string; state: SubmissionState; senderPersonId: string | null; senderPlatformId: string },
  itemState: ItemState | null,
  byPlatformId: string,
  othersLeft: boolean,
): Outcome<PartRecall, WithdrawalRefusal> {
  if (submission.senderPlatformId !== byPlatformId) return refuse('not_sender');
  if (!othersLeft) {
    const whole = withdrawal(submission, byPlatformId);
    return whole.ok ? ok({ kind: 'withdraw' }) : whole;
  }
  if (submission.state === 'received' || submission.state === 'needsInfo') return ok({ kind: 'removePart' });
  if (submission.state === 'accepted' && itemState === 'review') return ok({ kind: 'removeFromDraft' });
  return refuse('wrong_state', { state: itemState ?? submission.state, part: 'yes' });
}

/** The parts of a submission as its messages brought them: each file and text part names its message. */
export interface SubmissionParts<A extends { messageId?: string }> {
  messageIds: readonly string[];
  textParts: readonly TextPart[];
  attachments: readonly A[];
}

/**
 * What is left once one message is taken out, and whether anything else remains. A file that does
 * not name its message (a submission saved before files did) cannot be told apart: then nothing is
 * said to remain, and the recall takes the whole submission back, as it did then.
 */
export function withoutMessage<A extends { messageId?: string }>(parts: SubmissionParts<A>, messageId: string) {
  const attachments = parts.attachments.filter((a) => a.messageId !== messageId);
  const textParts = parts.textParts.filter((p) => p.messageId !== messageId);
  const removedFiles = parts.attachments.length - attachments.length;
  const removedText = parts.textParts.some((p) => p.messageId === messageId && p.text.trim() !== '');
  const attributed = parts.attachments.every((a) => a.messageId !== undefined);
  const othersLeft = attributed && (attachments.length > 0 || textParts.some((p) => p.text.trim() !== ''));
  return {
    messageIds: parts.messageIds.filter((id) => id !== messageId),
    textParts,
    attachments,
    removed: { files: removedFiles, text: removedText },
    othersLeft,
  };
}

/** The decision a recall of one part writes on an item in review: a new revision by its sender, the chain from its start. */
export function draftWithoutPart(item: ItemSnapshot): Effect {
  return {
    action: 'recallPart',
    step: null,
    role: 'collaborator',
    delegationId: null,
    note: null,
    state: 'review',
    sensitive: item.sensitive,
    chairmanRequired: item.chairmanRequired,
    techRequired: item.techRequired,
    scheduledAt: item.scheduledAt,
    approvals: [],
    nextStep: currentStep(item, []),
    publishes: false,
  };
}
