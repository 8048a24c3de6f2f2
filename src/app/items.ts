import { contentHash, type RevisionContent } from '../core/content.js';
import { holdsRole } from '../core/grants.js';
import { ok, refuse, type Outcome } from '../core/result.js';
import type { ItemKind } from '../core/roles.js';
import { maySeeItem } from '../core/visibility.js';
import { decide, scheduledPublication, type Command, type WorkflowRefusal } from '../core/workflow.js';
import { loadActor, yearIn, type Deps } from './deps.js';
import { refusedForRole } from './refusals.js';
import type { ItemRecord, RevisionInput } from './ports.js';

/** The actor id recorded when the clock, not a person, decides. */
export const SYSTEM_ACTOR = 'system';

export type ItemRefusal = WorkflowRefusal | 'unknown_item' | 'unknown_site' | 'already_decided';

export interface ContentInput {
  title: string;
  summary?: string;
  body: string;
  language?: string;
  mediaRefs?: string[];
}

function revisionFrom(content: ContentInput, authorId: string, authorStep: RevisionInput['authorStep']): RevisionInput {
  const c: RevisionContent = {
    title: content.title.trim(),
    summary: (content.summary ?? '').trim(),
    body: content.body.trim(),
    language: content.language ?? 'vi',
    mediaRefs: content.mediaRefs ?? [],
  };
  return { ...c, mediaRefs: [...c.mediaRefs], contentHash: contentHash(c), authorId, authorStep };
}

/** Điều 10.4: what the editors write themselves skips intake and starts at the editor step. */
export async function writeItem(
  deps: Deps,
  actorId: string,
  siteKey: string,
  input: { kind: ItemKind; category?: string | null; scheduledAt?: Date | null; content: ContentInput },
): Promise<Outcome<ItemRecord, 'unknown_site' | 'not_authorised' | 'empty_title'>> {
  const site = await deps.store.siteByKey(siteKey);
  if (!site) return refuse('unknown_site', { site: siteKey });
  const now = deps.clock();
  if (!holdsRole(await deps.store.grantsOf(actorId), actorId, site.id, 'editor', now)) return refuse('not_authorised');
  if (input.content.title.trim() === '') return refuse('empty_title');
  const item = await deps.store.createItem(
    {
      siteId: site.id,
      kind: input.kind,
      category: input.category ?? null,
      originatorId: actorId,
      submissionId: null,
      scheduledAt: input.scheduledAt ?? null,
      revision: revisionFrom(input.content, actorId, null),
      at: now,
      codeYear: yearIn(now, deps.timeZone),
    },
    { at: now, actorId, action: 'item.write', subjectType: 'item', subjectId: '', data: { site: site.key, kind: input.kind } },
  );
  return ok(item);
}

/** Commands that carry no new content; edits and corrections go through `edit` and `correct`. */
export type ReviewerCommand = Exclude<Command, { type: 'edit' | 'correct' }>;

/** A reviewer's command; for approvals the hash is the revision the reviewer saw. */
export function act(deps: Deps, actorId: string, code: string, command: ReviewerCommand): Promise<Outcome<ItemRecord, ItemRefusal>> {
  return decideAndApply(deps, actorId, code, () => command, null);
}

export const approve = (deps: Deps, actorId: string, code: string, revisionHash: string) => act(deps, actorId, code, { type: 'approve', revisionHash });

/** A new revision by a reviewer; it reopens the chain at the editor's own step. */
export function edit(deps: Deps, actorId: string, code: string, content: ContentInput) {
  return decideAndApply(deps, actorId, code, (newHash) => ({ type: 'edit', newHash }), content);
}

/** A published item changes only by an authorised decision with a reason. */
export function correct(deps: Deps, actorId: string, code: string, content: ContentInput, note: string) {
  return decideAndApply(deps, actorId, code, (newHash) => ({ type: 'correct', note, newHash }), content);
}

/** Loads the item, lets the rules decide, and writes the decision (with the new revision, if any) against the version read. */
async function decideAndApply(
  deps: Deps,
  actorId: string,
  code: string,
  commandFor: (newHash: string) => Command,
  content: ContentInput | null,
): Promise<Outcome<ItemRecord, ItemRefusal>> {
  const item = await deps.store.itemByCode(code.trim().toUpperCase());
  if (!item) return refuse('unknown_item', { code });
  const now = deps.clock();
  const actor = await loadActor(deps, actorId, item.siteId);
  const draft = content ? revisionFrom(content, actorId, null) : null;
  const command = commandFor(draft?.contentHash ?? item.revision.contentHash);
  // Someone with no part in the site hears what they would hear for a code that does not exist.
  if (!maySeeItem(actor, item, now)) return refusedForRole(deps, actorId, `item.${command.type}`, refuse('unknown_item', { code }));
  const outcome = decide(item, command, actor, now);
  // A step or power the actor's roles do not give (a take-down by an editor) is a privileged attempt; the rest are ordinary refusals.
  if (!outcome.ok) return outcome.reason === 'not_authorised' || outcome.reason === 'not_your_step' ? refusedForRole(deps, actorId, `item.${command.type}`, outcome) : outcome;
  const effect = outcome.value;
  // The revision records the step its author edited at: four-eyes checks read it later.
  const revision = draft ? { ...draft, authorStep: effect.step } : null;
  const applied = await deps.store.applyDecision(item, effect, actorId, revision, now, {
    at: now,
    actorId,
    action: `item.${command.type}`,
    subjectType: 'item',
    subjectId: item.id,
    data: {
      code: item.code,
      step: effect.step,
      role: effect.role,
      delegation: effect.delegationId,
      note: effect.note,
      from: item.state,
      to: effect.state,
      nextStep: effect.nextStep,
      revision: revision?.contentHash ?? item.revision.contentHash,
    },
  });
  if (applied.applied) return ok(applied.item);
  const winner = await deps.store.latestDecision(item.id);
  return refuse('already_decided', { by: winner?.actorName ?? '?', action: winner?.action ?? '?' });
}

/** Scheduled items read at once by the clock's job. */
const DUE_BATCH = 200;

/** Run by the clock (jobs/): publishes scheduled items whose time has come. */
export async function publishDue(deps: Deps): Promise<string[]> {
  const now = deps.clock();
  const published: string[] = [];
  // A batch at a time; another batch only while a full one moved something, so items that stay
  // scheduled (not yet publishable) never make this loop spin: they are read again next run.
  for (let more = true; more; ) {
    const due = await deps.store.dueScheduled(now, DUE_BATCH);
    const before = published.length;
    for (const item of due) {
      const effect = scheduledPublication(item, now);
      if (!effect) continue;
      const audit = { at: now, actorId: null, action: 'item.publishScheduled', subjectType: 'item', subjectId: item.id, data: { code: item.code } };
      const applied = await deps.store.applyDecision(item, effect, SYSTEM_ACTOR, null, now, audit);
      if (applied.applied) published.push(item.code);
    }
    more = due.length === DUE_BATCH && published.length > before;
  }
  return published;
}
