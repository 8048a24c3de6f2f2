import { isDesignedKind, type ItemKind, type Step } from './roles.js';

export interface ChainFacts {
  kind: ItemKind;
  sensitive: boolean;
  chairmanRequired: boolean;
  /** The editor sent the item to the technical team although its kind is not a designed one. */
  techRequired: boolean;
}

export interface Approval {
  step: Step;
  actorId: string;
  revisionHash: string;
  delegationId: string | null;
}

/**
 * The steps an item must pass before publication (Quy trình 2 and Điều 10.2–10.3):
 * editor → technical team (designed kinds) → secretary → standing deputy → head (sensitive)
 * → chairman's opinion (when the head asks for it).
 */
export function requiredSteps(facts: ChainFacts): Step[] {
  const steps: Step[] = ['editor'];
  if (isDesignedKind(facts.kind) || facts.techRequired) steps.push('tech');
  steps.push('secretary', 'deputy');
  if (facts.sensitive || facts.chairmanRequired) steps.push('head');
  if (facts.chairmanRequired) steps.push('chairman');
  return steps;
}

/** The first required step that has no standing approval, or null when the chain is complete. */
export function currentStep(facts: ChainFacts, approvals: readonly Approval[]): Step | null {
  const done = new Set(approvals.map((a) => a.step));
  return requiredSteps(facts).find((s) => !done.has(s)) ?? null;
}

/** Approvals that survive when the chain is reopened at `from` (that step and every later one fall). */
export function approvalsBefore(facts: ChainFacts, approvals: readonly Approval[], from: Step): Approval[] {
  const steps = requiredSteps(facts);
  const cut = steps.indexOf(from);
  return approvals.filter((a) => {
    const i = steps.indexOf(a.step);
    return i !== -1 && i < cut;
  });
}
