import { approvalsBefore, currentStep, requiredSteps, type Approval, type ChainFacts } from './chain.js';
import { activePublishDelegation, type DelegationRecord } from './delegation.js';
import { holdsRole, type Grant } from './grants.js';
import { refuse, ok, type Outcome } from './result.js';
import { STEP_ROLE, type Role, type Step } from './roles.js';

export const ITEM_STATES = ['review', 'scheduled', 'published', 'rejected', 'takenDown'] as const;
export type ItemState = (typeof ITEM_STATES)[number];

export interface ItemSnapshot extends ChainFacts {
  id: string;
  siteId: string;
  state: ItemState;
  scheduledAt: Date | null;
  /** The person whose submission or in-house writing started the item. */
  originatorId: string;
  revision: { contentHash: string; authorId: string; authorStep: Step | null };
  approvals: Approval[];
}

export interface Actor {
  personId: string;
  grants: readonly Grant[];
  delegations: readonly DelegationRecord[];
}

export type Command =
  | { type: 'approve'; revisionHash: string; toTech?: boolean }
  | { type: 'return'; note: string; toStep?: Step }
  | { type: 'reject'; note: string }
  | { type: 'flagSensitive'; note?: string }
  | { type: 'requireChairman'; note?: string }
  | { type: 'edit'; newHash: string }
  | { type: 'correct'; note: string; newHash: string }
  | { type: 'takeDown'; note: string }
  | { type: 'schedule'; at: Date | null };

export type CommandType = Command['type'];

export type WorkflowRefusal =
  | 'wrong_state'
  | 'not_your_step'
  | 'stale_revision'
  | 'own_submission'
  | 'own_revision'
  | 'already_approved_other_step'
  | 'note_required'
  | 'bad_return_step'
  | 'already_sensitive'
  | 'no_change'
  | 'not_authorised';

/** What the store must persist for an accepted command. */
export interface Effect {
  action: CommandType | 'publishScheduled' | 'recallPart';
  step: Step | null;
  /** 'system' when the clock acts (a scheduled time reached). */
  role: Role | 'system';
  delegationId: string | null;
  note: string | null;
  state: ItemState;
  sensitive: boolean;
  chairmanRequired: boolean;
  techRequired: boolean;
  scheduledAt: Date | null;
  approvals: Approval[];
  nextStep: Step | null;
  /** True when this decision makes the item public now. */
  publishes: boolean;
}

/** Which item states each command may act in (Quy trình 2; published items only change by decision). */
const ALLOWED_STATES: Readonly<Record<CommandType, readonly ItemState[]>> = {
  approve: ['review'],
  return: ['review'],
  reject: ['review'],
  flagSensitive: ['review'],
  requireChairman: ['review'],
  edit: ['review', 'scheduled'],
  correct: ['published'],
  takeDown: ['published', 'scheduled'],
  schedule: ['review', 'scheduled'],
};

const NEEDS_NOTE: ReadonlySet<CommandType> = new Set(['return', 'reject', 'correct', 'takeDown']);

interface Standing {
  role: Role;
  delegationId: string | null;
}

/** How the actor may act at a step: by their own role, or (deputy step only) by a publishing delegation. */
export function standingAt(item: Pick<ItemSnapshot, 'siteId'>, actor: Actor, step: Step, now: Date): Standing | null {
  const role = STEP_ROLE[step];
  if (holdsRole(actor.grants, actor.personId, item.siteId, role, now)) return { role, delegationId: null };
  if (step === 'deputy' && holdsRole(actor.grants, actor.personId, item.siteId, 'secretary', now)) {
    const d = activePublishDelegation(actor.delegations, actor.personId, item.siteId, now);
    if (d) return { role: 'secretary', delegationId: d.id };
  }
  return null;
}

/** Deputy or head — or a secretary under delegation — may change what is already public (Điều 6.4). */
function publicationAuthority(item: ItemSnapshot, actor: Actor, now: Date): Standing | null {
  for (const role of ['deputy', 'head'] as const) {
    if (holdsRole(actor.grants, actor.personId, item.siteId, role, now)) return { role, delegationId: null };
  }
  return standingAt(item, actor, 'deputy', now);
}

function settle(item: ItemSnapshot, facts: ChainFacts, approvals: Approval[], scheduledAt: Date | null, now: Date) {
  const next = currentStep(facts, approvals);
  if (next !== null) return { state: 'review' as const, nextStep: next, publishes: false };
  if (scheduledAt !== null && scheduledAt > now) return { state: 'scheduled' as const, nextStep: null, publishes: false };
  return { state: 'published' as const, nextStep: null, publishes: item.state !== 'published' };
}

type Base = Pick<Effect, 'action' | 'step' | 'note' | 'sensitive' | 'chairmanRequired' | 'techRequired' | 'scheduledAt'>;
type ReviewCommand = Extract<Command, { type: 'approve' | 'return' | 'reject' | 'flagSensitive' | 'requireChairman' }>;

export function decide(item: ItemSnapshot, command: Command, actor: Actor, now: Date): Outcome<Effect, WorkflowRefusal> {
  if (!ALLOWED_STATES[command.type].includes(item.state)) return refuse('wrong_state', { state: item.state });
  const note = 'note' in command ? (command.note ?? '').trim() : '';
  if (NEEDS_NOTE.has(command.type) && note === '') return refuse('note_required');
  const step = item.state === 'review' ? currentStep(item, item.approvals) : null;
  const base: Base = {
    action: command.type,
    step,
    note: note === '' ? null : note,
    sensitive: item.sensitive,
    chairmanRequired: item.chairmanRequired,
    techRequired: item.techRequired,
    scheduledAt: item.scheduledAt,
  };
  const unchanged = { approvals: item.approvals, nextStep: null, publishes: false };

  switch (command.type) {
    case 'approve':
    case 'return':
    case 'reject':
    case 'flagSensitive':
    case 'requireChairman': {
      if (step === null) return refuse('wrong_state', { state: item.state });
      const standing = standingAt(item, actor, step, now);
      if (!standing) return refuse('not_your_step', { step, role: STEP_ROLE[step] });
      return review(item, command, actor, step, standing, { ...base, ...standing }, now);
    }
    case 'edit': {
      if (command.newHash === item.revision.contentHash) return refuse('no_change');
      const steps = requiredSteps(item);
      const reach = step === null ? steps.length - 1 : steps.indexOf(step);
      // The edit reopens the chain at the editor's own step: their own and every later approval fall.
      const editorStep = steps
        .slice(0, reach + 1)
        .reverse()
        .find((s) => holdsRole(actor.grants, actor.personId, item.siteId, STEP_ROLE[s], now));
      if (!editorStep) return refuse('not_authorised');
      const approvals = approvalsBefore(item, item.approvals, editorStep);
      return ok({ ...base, step: editorStep, role: STEP_ROLE[editorStep], delegationId: null, state: 'review', approvals, nextStep: currentStep(item, approvals), publishes: false });
    }
    case 'correct':
    case 'takeDown': {
      const authority = publicationAuthority(item, actor, now);
      if (!authority) return refuse('not_authorised');
      if (command.type === 'takeDown') return ok({ ...base, ...authority, ...unchanged, state: 'takenDown' });
      if (command.newHash === item.revision.contentHash) return refuse('no_change');
      return ok({ ...base, ...authority, ...unchanged, state: 'published' });
    }
    case 'schedule': {
      const standing = (step && standingAt(item, actor, step, now)) || publicationAuthority(item, actor, now);
      if (!standing) return refuse('not_authorised');
      return ok({ ...base, ...standing, scheduledAt: command.at, approvals: item.approvals, ...settle(item, item, item.approvals, command.at, now) });
    }
  }
}

/** The actions of the reviewer whose step it is. */
function review(item: ItemSnapshot, command: ReviewCommand, actor: Actor, step: Step, standing: Standing, base: Base & Standing, now: Date): Outcome<Effect, WorkflowRefusal> {
  switch (command.type) {
    case 'reject':
      return ok({ ...base, state: 'rejected', approvals: item.approvals, nextStep: null, publishes: false });
    case 'return': {
      const steps = requiredSteps(item);
      const target = command.toStep ?? steps[Math.max(0, steps.indexOf(step) - 1)] ?? 'editor';
      if (!steps.includes(target) || steps.indexOf(target) >= steps.indexOf(step)) return refuse('bad_return_step', { step: target });
      return ok({ ...base, state: 'review', approvals: approvalsBefore(item, item.approvals, target), nextStep: target, publishes: false });
    }
    case 'flagSensitive':
      if (item.sensitive) return refuse('already_sensitive');
      return ok({ ...base, sensitive: true, state: 'review', approvals: item.approvals, nextStep: step, publishes: false });
    case 'requireChairman':
      if (step !== 'head') return refuse('not_your_step', { step: 'head', role: 'head' });
      return approveAt(item, actor, step, standing, item.revision.contentHash, true, base, now);
    case 'approve':
      if (command.toTech) {
        // Điều 10.3: the editor hands the item to the technical team with their approval.
        if (step !== 'editor') return refuse('not_your_step', { step: 'editor', role: 'editor' });
        return approveAt({ ...item, techRequired: true }, actor, step, standing, command.revisionHash, false, { ...base, techRequired: true }, now);
      }
      return approveAt(item, actor, step, standing, command.revisionHash, false, base, now);
  }
}

/** An approval (or the head's agreement subject to the chairman's opinion) and where it leaves the item. */
function approveAt(item: ItemSnapshot, actor: Actor, step: Step, standing: Standing, seenHash: string, askChairman: boolean, base: Base & Standing, now: Date): Outcome<Effect, WorkflowRefusal> {
  const refusal = approvalRefusal(item, actor, step, standing, seenHash);
  if (refusal) return refusal;
  const hash = item.revision.contentHash;
  const approvals: Approval[] = [...item.approvals, { step, actorId: actor.personId, revisionHash: hash, delegationId: standing.delegationId }];
  let delegationId = standing.delegationId;
  // Under delegation the secretary's approval also publishes (Bước 3, "ủy quyền cho Thư ký duyệt xuất bản").
  const delegated = step === 'secretary' ? standingAt(item, actor, 'deputy', now) : null;
  if (delegated?.delegationId) {
    approvals.push({ step: 'deputy', actorId: actor.personId, revisionHash: hash, delegationId: delegated.delegationId });
    delegationId = delegated.delegationId;
  }
  const facts: ChainFacts = { ...item, chairmanRequired: item.chairmanRequired || askChairman };
  return ok({ ...base, delegationId, chairmanRequired: facts.chairmanRequired, approvals, ...settle(item, facts, approvals, item.scheduledAt, now) });
}

/** Four eyes: nobody approves what they originated, nor a revision they wrote at another step, nor two steps. */
function approvalRefusal(item: ItemSnapshot, actor: Actor, step: Step, standing: Standing, seenHash: string) {
  if (seenHash !== item.revision.contentHash) return refuse('stale_revision');
  if (actor.personId === item.originatorId) return refuse('own_submission');
  if (item.revision.authorId === actor.personId && item.revision.authorStep !== step) return refuse('own_revision');
  // The chairman's opinion is the chairman's, only recorded by the head: it is not a second approval of theirs.
  if (step === 'chairman') return null;
  const other = item.approvals.find((a) => a.actorId === actor.personId && a.step !== step);
  const delegatedPair = standing.delegationId !== null && other?.step === 'secretary' && step === 'deputy';
  if (other && !delegatedPair) return refuse('already_approved_other_step', { step: other.step });
  return null;
}

/** A scheduled item whose time has come is published by the clock (jobs/), not by a person. */
export function scheduledPublication(item: ItemSnapshot, now: Date): Effect | null {
  if (item.state !== 'scheduled' || item.scheduledAt === null || item.scheduledAt > now) return null;
  return {
    action: 'publishScheduled',
    step: null,
    role: 'system',
    delegationId: null,
    note: null,
    state: 'published',
    sensitive: item.sensitive,
    chairmanRequired: item.chairmanRequired,
    techRequired: item.techRequired,
    scheduledAt: item.scheduledAt,
    approvals: item.approvals,
    nextStep: null,
    publishes: true,
  };
}
