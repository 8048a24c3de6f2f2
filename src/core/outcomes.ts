/**
 * What a sender hears about their submission, read from the audit trail (its order is the order of
 * decisions). The acknowledgement is one of them: told from the durable record of the submission,
 * it reaches the sender once, after a crash too.
 */
export const SUBMITTER_OUTCOMES = ['received', 'accepted', 'rejected', 'needsInfo', 'published', 'takenDown'] as const;
export type SubmitterOutcome = (typeof SUBMITTER_OUTCOMES)[number];

/** The outcome an audited decision means for the sender, or null (an approval that only moved the item on). */
export function submitterOutcome(action: string, data: Record<string, unknown>): SubmitterOutcome | null {
  switch (action) {
    case 'submission.receive':
      return 'received';
    case 'submission.accept':
      return 'accepted';
    case 'submission.reject':
    case 'item.reject':
      return 'rejected';
    case 'submission.needsInfo':
      return 'needsInfo';
    case 'item.publishScheduled':
      return 'published';
    case 'item.approve':
      return data['to'] === 'published' ? 'published' : null;
    case 'item.takeDown':
      return 'takenDown';
    default:
      return null;
  }
}
