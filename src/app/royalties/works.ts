import { holdsRole } from '../../core/grants.js';
import { ok, refuse, type Outcome } from '../../core/result.js';
import type { Role } from '../../core/roles.js';
import { workTermsProblem, type WorkRoyaltyRefusal, type WorkRoyaltyTerms } from '../../core/royalties/work.js';
import type { Deps } from '../deps.js';
import { isNewsByHandChannel } from '../manualIntake.js';
import type { Operator } from '../people.js';
import { refusedForRole } from '../refusals.js';
import type { WorkRoyaltyRecord } from './ports.js';

/** Who may propose a work's genre and coefficient: the desk of the item's site (Điều 17; the notes, §1). */
const DESK: readonly Role[] = ['editor', 'secretary', 'deputy', 'head', 'admin'];
/** Whose setting confirms them: those who publish (or decide for) the site's items. */
const PUBLISHERS: readonly Role[] = ['deputy', 'head'];

export type WorkChanges = Partial<WorkRoyaltyTerms>;

export async function workRoyaltyOf(deps: Deps, code: string): Promise<Outcome<{ code: string; record: WorkRoyaltyRecord | null }, 'unknown_item'>> {
  const item = await deps.store.itemByCode(code.trim().toUpperCase());
  if (!item) return refuse('unknown_item', { code: code.trim().toUpperCase() });
  return ok({ code: item.code, record: await deps.store.workRoyalty(item.id) });
}

/**
 * Sets what pays a work. The desk proposes; a deputy head or the head setting it confirms it (the
 * operator at the terminal only proposes). Changes not given keep their value; the first setting needs
 * genre and coefficient, and its author defaults to whoever sent the item, with all of it.
 */
export async function setWorkRoyalty(deps: Deps, op: Operator, code: string, changes: WorkChanges): Promise<Outcome<WorkRoyaltyRecord, WorkRoyaltyRefusal | 'unknown_item' | 'unknown_person' | 'royalty_not_editor' | 'royalty_no_terms' | 'royalty_author_not_on_file' | 'royalty_author_by_hand'>> {
  const upper = code.trim().toUpperCase();
  const item = await deps.store.itemByCode(upper);
  if (!item) return refuse('unknown_item', { code: upper });
  const now = deps.clock();
  let confirming = false;
  if (op.kind === 'person') {
    const grants = await deps.store.grantsOnSite(item.siteId);
    if (!DESK.some((role) => holdsRole(grants, op.personId, item.siteId, role, now))) return refusedForRole(deps, op.personId, 'royalty.work', refuse('royalty_not_editor'));
    confirming = PUBLISHERS.some((role) => holdsRole(grants, op.personId, item.siteId, role, now));
  }
  const current = await deps.store.workRoyalty(item.id);
  // An item typed in from a letter, the document system or a visit has the staff member who typed it as its sender: not its author.
  if (!changes.authors && !current && item.submissionId) {
    const submission = await deps.store.submissionById(item.submissionId);
    if (submission && isNewsByHandChannel(submission.channel)) return refuse('royalty_author_by_hand', { code: upper });
  }
  const genreKey = changes.genreKey ?? current?.genreKey;
  const coefficient = changes.coefficient ?? current?.coefficient;
  if (genreKey === undefined || coefficient === undefined) return refuse('royalty_no_terms', { code: upper });
  const terms: WorkRoyaltyTerms = {
    genreKey,
    coefficient,
    encouragementPercent: changes.encouragementPercent ?? current?.encouragementPercent ?? 0,
    encouragementReason: changes.encouragementReason !== undefined ? changes.encouragementReason : (current?.encouragementReason ?? null),
    authors: changes.authors ?? current?.authors ?? [{ personId: item.originatorId, penName: null, sharePercent: 100 }],
    fees: changes.fees ?? current?.fees ?? [],
  };
  if (terms.encouragementPercent === 0) terms.encouragementReason = null;
  const problem = workTermsProblem((await deps.store.royaltyFrame()).genres, terms);
  // A fee refused is said with the person's name: with several fees typed, the id alone says nothing.
  const named = problem?.detail?.person;
  if (problem && named !== undefined) return { ...problem, detail: { ...problem.detail, person: (await deps.store.personById(named))?.displayName ?? named } };
  if (problem) return problem;
  // A sender no one linked to a person on file (a stranger in the intake group) is nobody to pay until named.
  if (!changes.authors && !current && !(await deps.store.personById(item.originatorId))) return refuse('royalty_author_not_on_file', { code: upper });
  for (const a of [...terms.authors, ...terms.fees]) if (!(await deps.store.personById(a.personId))) return refuse('unknown_person', { person: a.personId });
  const actor = op.kind === 'person' ? op.personId : null;
  // The same terms typed again change nothing (a proposal would otherwise un-confirm what a publisher set), unless a publisher is confirming a proposal.
  const termsOf = (t: WorkRoyaltyTerms) => JSON.stringify([t.genreKey, t.coefficient, t.encouragementPercent, t.encouragementReason, t.authors, t.fees]);
  if (current && termsOf(current) === termsOf(terms) && (!confirming || current.confirmedAt !== null)) return ok(current);
  const record: WorkRoyaltyRecord = {
    itemId: item.id,
    ...terms,
    proposedById: confirming ? (current?.proposedById ?? actor) : actor,
    confirmedById: confirming ? actor : null,
    confirmedAt: confirming ? now : null,
    updatedAt: now,
  };
  await deps.store.putWorkRoyalty(record, { at: now, actorId: actor, action: 'royalty.work', subjectType: 'item', subjectId: item.id, data: { code: upper } });
  return ok(record);
}
