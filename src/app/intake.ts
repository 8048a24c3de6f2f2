import { contentFromText, contentHash } from '../core/content.js';
import { refusedForRole } from './refusals.js';
import { triage as triageRule, type TriageCommand, type TriageRefusal } from '../core/intake.js';
import { ok, refuse, type Outcome } from '../core/result.js';
import type { ItemKind } from '../core/roles.js';
import { yearIn, type Deps } from './deps.js';
import type { ItemRecord, SubmissionInput, SubmissionRecord } from './ports.js';

/** Quy trình 1 starts here: whatever arrived becomes one tracked submission; a re-delivery finds the same one. */
export async function submit(deps: Deps, input: SubmissionInput): Promise<{ submission: SubmissionRecord; created: boolean }> {
  return deps.store.addSubmission(input, yearIn(input.receivedAt, deps.timeZone), {
    at: deps.clock(),
    actorId: input.senderPersonId,
    action: 'submission.receive',
    subjectType: 'submission',
    subjectId: '',
    data: { channel: input.channel, chat: input.chatId, messages: input.messageIds, attachments: input.attachments.length },
  });
}

export type TriageUseRefusal = TriageRefusal | 'unknown_submission' | 'already_decided' | 'empty_title';

export async function triage(
  deps: Deps,
  actorId: string,
  submissionId: string,
  command: TriageCommand,
  classify: { kind?: ItemKind; category?: string | null } = {},
): Promise<Outcome<{ submission: SubmissionRecord; item: ItemRecord | null }, TriageUseRefusal>> {
  const submission = await deps.store.submissionById(submissionId);
  if (!submission) return refuse('unknown_submission', { submission: submissionId });
  const now = deps.clock();
  const verdict = triageRule(submission, command, { personId: actorId, grants: await deps.store.grantsOf(actorId) }, now);
  if (!verdict.ok) return verdict.reason === 'not_authorised' ? refusedForRole(deps, actorId, `submission.${command.type}`, verdict) : verdict;
  let newItem = null;
  if (command.type === 'accept') {
    const { title, body } = contentFromText(submission.rawText);
    if (title === '') return refuse('empty_title');
    const content = { title, summary: '', body, language: 'vi', mediaRefs: submission.attachments.map((a) => a.ref) };
    // The sender is the originator; an unlinked sender is known only by platform id.
    const sender = submission.senderPersonId ?? `${submission.channel}:${submission.senderPlatformId}`;
    newItem = {
      siteId: submission.siteId,
      kind: classify.kind ?? 'news',
      category: classify.category ?? null,
      originatorId: sender,
      submissionId: submission.id,
      scheduledAt: null,
      revision: { ...content, contentHash: contentHash(content), authorId: sender, authorStep: null },
      at: now,
      codeYear: yearIn(now, deps.timeZone),
      code: submission.code,
    };
  }
  const result = await deps.store.triageSubmission(submission.id, verdict.value.state, verdict.value.note, { actorId, role: 'editor' }, newItem, {
    at: now, actorId, action: `submission.${command.type}`, subjectType: 'submission', subjectId: submission.id, data: { note: verdict.value.note },
  });
  if (!result.ok) return refuse('already_decided');
  return ok({ submission: { ...submission, state: verdict.value.state, triageNote: verdict.value.note, itemId: result.item?.id ?? null }, item: result.item });
}
