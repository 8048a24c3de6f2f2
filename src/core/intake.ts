import { holdsRole, type Grant } from './grants.js';
import { ok, refuse, type Outcome } from './result.js';

export const SUBMISSION_STATES = ['received', 'accepted', 'rejected', 'needsInfo', 'withdrawn'] as const;
export type SubmissionState = (typeof SUBMISSION_STATES)[number];

export type TriageCommand = { type: 'accept' } | { type: 'reject'; note: string } | { type: 'needsInfo'; note: string };

export type TriageRefusal = 'wrong_state' | 'not_authorised' | 'own_submission' | 'note_required';

export interface SubmissionSnapshot {
  siteId: string;
  state: SubmissionState;
  senderPersonId: string | null;
}

const RESULT_STATE: Readonly<Record<TriageCommand['type'], SubmissionState>> = {
  accept: 'accepted',
  reject: 'rejected',
  needsInfo: 'needsInfo',
};

/**
 * Quy trình 1: an editor checks origin and purpose, then accepts the submission into a draft
 * item, rejects it with a reason, or sends it back asking for information.
 */
export function triage(
  submission: SubmissionSnapshot,
  command: TriageCommand,
  actor: { personId: string; grants: readonly Grant[] },
  now: Date,
): Outcome<{ state: SubmissionState; note: string | null }, TriageRefusal> {
  if (submission.state !== 'received') return refuse('wrong_state', { state: submission.state });
  if (!holdsRole(actor.grants, actor.personId, submission.siteId, 'editor', now)) return refuse('not_authorised');
  if (submission.senderPersonId === actor.personId) return refuse('own_submission');
  const note = command.type === 'accept' ? '' : command.note.trim();
  if (command.type !== 'accept' && note === '') return refuse('note_required');
  return ok({ state: RESULT_STATE[command.type], note: note === '' ? null : note });
}

export type WithdrawalRefusal = 'wrong_state' | 'not_sender';

/**
 * A sender who recalls their message takes the submission back, but only while nobody has acted on
 * it: once an editor has triaged it, the record stays and the sender must ask the desk.
 */
export function withdrawal(submission: SubmissionSnapshot & { senderPlatformId: string }, byPlatformId: string): Outcome<{ state: 'withdrawn' }, WithdrawalRefusal> {
  if (submission.senderPlatformId !== byPlatformId) return refuse('not_sender');
  if (submission.state !== 'received') return refuse('wrong_state', { state: submission.state });
  return ok({ state: 'withdrawn' });
}
