import { holdsRole } from '../../core/grants.js';
import { message } from '../../core/messages.js';
import { cleanText } from '../../core/names.js';
import { ok, refuse, type Outcome } from '../../core/result.js';
import { shownMonth } from '../../core/royalties/months.js';
import type { Role } from '../../core/roles.js';
import type { HeldDecision } from '../../core/royalties/work.js';
import type { Deps } from '../deps.js';
import type { Operator } from '../people.js';
import { refusedForRole } from '../refusals.js';

/** Who decides whether a work taken down before payment is paid: those who approve the sheets. */
const DECIDERS: readonly Role[] = ['deputy', 'head'];
/** A reason is a sentence or two for the file, not a document. */
const REASON_MAX = 500;

export type HeldRefusal = 'unknown_item' | 'royalty_not_held' | 'royalty_held_on_sheet' | 'royalty_held_reason' | 'royalty_held_decided' | 'royalty_held_role';

/**
 * Decides, once, whether a work taken down before it was paid is paid after all (`pay`) or not (`skip`),
 * with the reason kept in the trail. A signature of the head or a deputy head: the operator at the
 * terminal decides nothing for them. The next sheet built pays it, or leaves it out, as decided.
 */
export async function decideHeldWork(deps: Deps, op: Operator, code: string, decision: HeldDecision['decision'], reason: string): Promise<Outcome<HeldDecision & { code: string }, HeldRefusal>> {
  const upper = code.trim().toUpperCase();
  const item = await deps.store.itemByCode(upper);
  if (!item) return refuse('unknown_item', { code: upper });
  const now = deps.clock();
  if (op.kind !== 'person') return refuse('royalty_held_role');
  const grants = await deps.store.grantsOnSite(item.siteId);
  if (!DECIDERS.some((role) => holdsRole(grants, op.personId, item.siteId, role, now))) return refusedForRole(deps, op.personId, 'royalty.held', refuse('royalty_held_role'));
  if (item.takenDownAt === null || !(await deps.store.workRoyalty(item.id))) return refuse('royalty_not_held', { code: upper });
  // On a sheet past draft, it is paid there: a decision would contradict a signed sheet (a draft is rebuilt, holding it).
  const signed = (await deps.store.sheetsWithWork(item.id)).find((s) => s.state !== 'draft');
  if (signed) return refuse('royalty_held_on_sheet', { code: upper, month: shownMonth(signed.month) });
  const said = cleanText(reason, REASON_MAX);
  if (said === null) return refuse('royalty_held_reason', { max: String(REASON_MAX) });
  const record: HeldDecision = { decision, reason: said, decidedById: op.personId, decidedAt: now };
  const audit = { at: now, actorId: op.personId, action: 'royalty.heldDecided', subjectType: 'item', subjectId: item.id, data: { code: upper, decision, reason: said } };
  if (!(await deps.store.putHeldDecision(item.id, record, audit))) {
    const earlier = await deps.store.heldDecision(item.id);
    const was = earlier?.decision ?? decision;
    return refuse('royalty_held_decided', { code: upper, decision: was, decisionVi: message('vi', `royalty_decision_${was}`), decisionEn: message('en', `royalty_decision_${was}`) });
  }
  return ok({ ...record, code: upper });
}
