import { grantActive } from '../../core/grants.js';
import { MODERATOR_ROLES } from '../../core/interactions/model.js';
import { moderate, type CommentRecord, type ModerationCommand } from '../../core/consultations/model.js';
import { ok, refuse, type Outcome } from '../../core/result.js';
import type { Deps } from '../deps.js';

/**
 * A moderator's decision on a comment: publish it, or hide it with its ground (spam, abuse, other +
 * why). `actorId` null is the operator at the server's terminal (`portal-hub consultation publish`),
 * whom the CLI's audit rows name; a person must moderate the draft's site (editorial roles, as for
 * the portal's other comments). Written only if no one decided first; audited in the same write.
 */
export async function moderateComment(deps: Deps, actorId: string | null, commentId: string, command: ModerationCommand): Promise<Outcome<CommentRecord>> {
  const comment = await deps.store.consultationCommentById(commentId);
  if (!comment) return refuse('consultation_unknown_comment', { id: commentId });
  const found = await deps.store.consultationById(comment.consultationId);
  if (!found) throw new Error(`comment ${commentId} belongs to no consultation`);
  if (actorId !== null) {
    const now = deps.clock();
    const grants = await deps.store.grantsOf(actorId);
    if (!grants.some((g) => g.siteId === found.consultation.siteId && MODERATOR_ROLES.includes(g.role) && grantActive(g, now))) return refuse('consultation_not_moderator');
  }
  const next = moderate(comment.state, command);
  if (!next.ok) return refuse(next.reason);
  const at = deps.clock();
  const decided = await deps.store.decideConsultationComment(
    comment.id,
    comment.state,
    { state: next.state, reason: next.reason, decidedById: actorId, decidedAt: at },
    {
      at,
      actorId,
      action: next.state === 'published' ? 'consultation_comment_published' : 'consultation_comment_hidden',
      subjectType: 'consultation_comment',
      subjectId: comment.id,
      data: { consultation: found.consultation.slug, from: comment.state, ...(next.reason ? { reason: next.reason } : {}) },
    },
  );
  return decided ? ok(decided) : refuse('consultation_moved');
}
