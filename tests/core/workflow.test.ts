import { describe, expect, it } from 'vitest';
import type { Approval } from '../../src/core/chain.js';
import { requiredSteps } from '../../src/core/chain.js';
import type { DelegationRecord } from '../../src/core/delegation.js';
import type { Grant } from '../../src/core/grants.js';
import { ROLES, type ItemKind, type Role, type Step } from '../../src/core/roles.js';
import { decide, scheduledPublication, type Actor, type Command, type ItemSnapshot } from '../../src/core/workflow.js';

const NOW = new Date('2026-11-30T03:00:00Z');
const SITE = 'site-1';

function actor(personId: string, roles: Role[], delegations: DelegationRecord[] = []): Actor {
  const grants: Grant[] = roles.map((role) => ({ personId, siteId: SITE, role, validFrom: new Date('2026-01-01'), validTo: null, revokedAt: null }));
  return { personId, grants, delegations };
}

const approved = (step: Step, actorId = `${step}-person`, hash = 'h1'): Approval => ({ step, actorId, revisionHash: hash, delegationId: null });

/** An item waiting at `step`, with every earlier step approved by someone else. */
function itemAt(step: Step, over: Partial<ItemSnapshot> = {}): ItemSnapshot {
  const base: ItemSnapshot = {
    id: 'item-1',
    siteId: SITE,
    kind: 'news',
    sensitive: step === 'head' || step === 'chairman',
    chairmanRequired: step === 'chairman',
    techRequired: false,
    state: 'review',
    scheduledAt: null,
    originatorId: 'collaborator-1',
    revision: { contentHash: 'h1', authorId: 'collaborator-1', authorStep: null },
    approvals: [],
    ...over,
  };
  const steps = requiredSteps(base);
  return { ...base, approvals: over.approvals ?? steps.slice(0, steps.indexOf(step)).map((s) => approved(s)) };
}

// Written out by hand from Quy trình 2 and Điều 10.2–10.3, not derived from the code under test.
const WHO_ACTS_AT: Record<Step, Role[]> = {
  editor: ['editor'],
  tech: ['tech'],
  secretary: ['secretary'],
  deputy: ['deputy'],
  head: ['head'],
  chairman: ['head'],
};

const REVIEW_COMMANDS: Command[] = [
  { type: 'approve', revisionHash: 'h1' },
  { type: 'return', note: 'cần bổ sung nguồn' },
  { type: 'reject', note: 'không phù hợp' },
  { type: 'flagSensitive' },
];

describe('who may act at each step (every role × every step × every review action)', () => {
  const cases = (Object.keys(WHO_ACTS_AT) as Step[]).flatMap((step) =>
    ROLES.flatMap((role) => REVIEW_COMMANDS.map((command) => ({ step, role, command, allowed: WHO_ACTS_AT[step].includes(role) }))),
  );

  it.each(cases)('$role at $step: $command.type → allowed=$allowed', ({ step, role, command, allowed }) => {
    const item = itemAt(step, step === 'tech' ? { kind: 'infographic' } : {});
    const outcome = decide(item, command, actor('actor-1', [role]), NOW);
    // Some commands are refused for reasons other than the role (flagging an already sensitive item;
    // returning from the first step); the role check comes first, so a wrong role is always not_your_step.
    if (!allowed) {
      expect(outcome).toMatchObject({ ok: false, reason: 'not_your_step' });
      return;
    }
    if (command.type === 'flagSensitive' && item.sensitive) expect(outcome).toMatchObject({ ok: false, reason: 'already_sensitive' });
    else if (command.type === 'return' && step === 'editor') expect(outcome).toMatchObject({ ok: false, reason: 'bad_return_step' });
    else expect(outcome.ok).toBe(true);
  });
});

describe('the approval chain', () => {
  it.each<[ItemKind, boolean, boolean, Step[]]>([
    ['news', false, false, ['editor', 'secretary', 'deputy']],
    ['infographic', false, false, ['editor', 'tech', 'secretary', 'deputy']],
    ['video', true, false, ['editor', 'tech', 'secretary', 'deputy', 'head']],
    ['news', true, true, ['editor', 'secretary', 'deputy', 'head', 'chairman']],
  ])('%s sensitive=%s chairman=%s passes %j', (kind, sensitive, chairmanRequired, steps) => {
    expect(requiredSteps({ kind, sensitive, chairmanRequired, techRequired: false })).toEqual(steps);
  });

  it('passes the technical team when the editor sent a plain news item there', () => {
    expect(requiredSteps({ kind: 'news', sensitive: false, chairmanRequired: false, techRequired: true })).toEqual(['editor', 'tech', 'secretary', 'deputy']);
  });

  it('lets the editor approve and send to the technical team in one press, only at the editor step', () => {
    const atEditor = decide(itemAt('editor', { approvals: [] }), { type: 'approve', revisionHash: 'h1', toTech: true }, actor('ed', ['editor']), NOW);
    expect(atEditor.ok && [atEditor.value.techRequired, atEditor.value.nextStep]).toEqual([true, 'tech']);
    const atSecretary = decide(itemAt('secretary'), { type: 'approve', revisionHash: 'h1', toTech: true }, actor('sec', ['secretary']), NOW);
    expect(atSecretary.ok ? 'accepted' : atSecretary.reason).toBe('not_your_step');
  });

  it('walks editor → secretary → deputy and publishes on the deputy approval', () => {
    let item = itemAt('editor', { approvals: [] });
    const people: [Step, Actor][] = [
      ['editor', actor('ed', ['editor'])],
      ['secretary', actor('sec', ['secretary'])],
      ['deputy', actor('dep', ['deputy'])],
    ];
    for (const [step, who] of people) {
      const outcome = decide(item, { type: 'approve', revisionHash: 'h1' }, who, NOW);
      if (!outcome.ok) throw new Error(outcome.reason);
      expect(outcome.value.step).toBe(step);
      item = { ...item, state: outcome.value.state, approvals: outcome.value.approvals };
      if (step !== 'deputy') expect(outcome.value.publishes).toBe(false);
      else expect(outcome.value).toMatchObject({ state: 'published', publishes: true });
    }
  });

  it('a designed product passes the technical team before the secretary', () => {
    const item = itemAt('editor', { kind: 'banner', approvals: [] });
    const outcome = decide(item, { type: 'approve', revisionHash: 'h1' }, actor('ed', ['editor']), NOW);
    expect(outcome).toMatchObject({ ok: true, value: { nextStep: 'tech' } });
  });

  it('an item with a future publish time is scheduled, then published by the clock', () => {
    const at = new Date('2026-12-01T00:00:00Z');
    const outcome = decide(itemAt('deputy', { scheduledAt: at }), { type: 'approve', revisionHash: 'h1' }, actor('dep', ['deputy']), NOW);
    expect(outcome).toMatchObject({ ok: true, value: { state: 'scheduled', publishes: false } });
    const scheduled = itemAt('deputy', { state: 'scheduled', scheduledAt: at, approvals: [] });
    expect(scheduledPublication(scheduled, NOW)).toBeNull();
    expect(scheduledPublication(scheduled, at)).toMatchObject({ state: 'published', publishes: true, role: 'system' });
  });
});

describe('four eyes', () => {
  it('nobody approves their own submission', () => {
    const item = itemAt('editor', { originatorId: 'ed', revision: { contentHash: 'h1', authorId: 'ed', authorStep: null } });
    expect(decide(item, { type: 'approve', revisionHash: 'h1' }, actor('ed', ['editor']), NOW)).toMatchObject({ ok: false, reason: 'own_submission' });
  });

  it('a reviewer approves their own edit at their own step, not a revision they wrote at another step', () => {
    const ownStep = itemAt('secretary', { revision: { contentHash: 'h1', authorId: 'sec', authorStep: 'secretary' } });
    expect(decide(ownStep, { type: 'approve', revisionHash: 'h1' }, actor('sec', ['secretary']), NOW).ok).toBe(true);
    const otherStep = itemAt('secretary', { revision: { contentHash: 'h1', authorId: 'sec', authorStep: 'editor' } });
    expect(decide(otherStep, { type: 'approve', revisionHash: 'h1' }, actor('sec', ['secretary', 'editor']), NOW)).toMatchObject({ ok: false, reason: 'own_revision' });
  });

  it('one person does not approve two steps of the same item', () => {
    const item = itemAt('secretary', { approvals: [approved('editor', 'both')] });
    expect(decide(item, { type: 'approve', revisionHash: 'h1' }, actor('both', ['editor', 'secretary']), NOW)).toMatchObject({ ok: false, reason: 'already_approved_other_step' });
  });

  it('a card for an older revision cannot approve a newer one', () => {
    expect(decide(itemAt('secretary'), { type: 'approve', revisionHash: 'h0' }, actor('sec', ['secretary']), NOW)).toMatchObject({ ok: false, reason: 'stale_revision' });
  });
});

describe('delegation', () => {
  const delegation = (over: Partial<DelegationRecord> = {}): DelegationRecord => ({
    id: 'del-1', siteId: SITE, fromPersonId: 'dep', toPersonId: 'sec', power: 'publish', validFrom: new Date('2026-11-01'), validUntil: new Date('2026-12-31'), revokedAt: null, ...over,
  });

  it("while active, the secretary's approval publishes and names the delegation", () => {
    const outcome = decide(itemAt('secretary'), { type: 'approve', revisionHash: 'h1' }, actor('sec', ['secretary'], [delegation()]), NOW);
    expect(outcome).toMatchObject({ ok: true, value: { state: 'published', publishes: true, delegationId: 'del-1', role: 'secretary' } });
  });

  it.each([
    ['revoked', delegation({ revokedAt: new Date('2026-11-29') })],
    ['expired', delegation({ validUntil: new Date('2026-11-30T00:00:00Z') })],
    ['for another person', delegation({ toPersonId: 'someone-else' })],
  ])('a %s delegation gives no power: the item goes on to the deputy', (_label, d) => {
    const outcome = decide(itemAt('secretary'), { type: 'approve', revisionHash: 'h1' }, actor('sec', ['secretary'], [d]), NOW);
    expect(outcome).toMatchObject({ ok: true, value: { state: 'review', nextStep: 'deputy', delegationId: null } });
    expect(decide(itemAt('deputy'), { type: 'approve', revisionHash: 'h1' }, actor('sec', ['secretary'], [d]), NOW)).toMatchObject({ ok: false, reason: 'not_your_step' });
  });

  it('a sensitive item still goes to the head after a delegated approval', () => {
    const outcome = decide(itemAt('secretary', { sensitive: true }), { type: 'approve', revisionHash: 'h1' }, actor('sec', ['secretary'], [delegation()]), NOW);
    expect(outcome).toMatchObject({ ok: true, value: { state: 'review', nextStep: 'head' } });
  });
});

describe('sensitive items (Điều 10.2)', () => {
  it('flagging adds the head before publication', () => {
    const flagged = decide(itemAt('secretary'), { type: 'flagSensitive', note: 'liên quan đất đai' }, actor('sec', ['secretary']), NOW);
    expect(flagged).toMatchObject({ ok: true, value: { sensitive: true, nextStep: 'secretary' } });
    const atDeputy = itemAt('deputy', { sensitive: true });
    expect(decide(atDeputy, { type: 'approve', revisionHash: 'h1' }, actor('dep', ['deputy']), NOW)).toMatchObject({ ok: true, value: { state: 'review', nextStep: 'head' } });
  });

  it("the head may ask for the chairman's opinion, recorded as its own step", () => {
    const asked = decide(itemAt('head'), { type: 'requireChairman', note: 'xin ý kiến Chủ tịch' }, actor('boss', ['head']), NOW);
    expect(asked).toMatchObject({ ok: true, value: { chairmanRequired: true, nextStep: 'chairman', state: 'review' } });
    const recordedByTheSameHead = itemAt('chairman', { approvals: [approved('editor'), approved('secretary'), approved('deputy'), approved('head', 'boss')] });
    const opinion = decide(recordedByTheSameHead, { type: 'approve', revisionHash: 'h1' }, actor('boss', ['head']), NOW);
    expect(opinion).toMatchObject({ ok: true, value: { step: 'chairman', state: 'published' } });
  });

  it('requireChairman is only for the head step', () => {
    expect(decide(itemAt('deputy'), { type: 'requireChairman' }, actor('dep', ['deputy']), NOW)).toMatchObject({ ok: false, reason: 'not_your_step' });
  });
});

describe('edits and returns reopen the chain', () => {
  it('an edit by the secretary after their approval sends the item back to the secretary', () => {
    const outcome = decide(itemAt('deputy'), { type: 'edit', newHash: 'h2' }, actor('secretary-person', ['secretary']), NOW);
    expect(outcome).toMatchObject({ ok: true, value: { nextStep: 'secretary', step: 'secretary' } });
    if (outcome.ok) expect(outcome.value.approvals.map((a) => a.step)).toEqual(['editor']);
  });

  it("an editor's edit reopens the chain from the editor step", () => {
    const outcome = decide(itemAt('deputy'), { type: 'edit', newHash: 'h2' }, actor('ed', ['editor']), NOW);
    expect(outcome).toMatchObject({ ok: true, value: { nextStep: 'editor', approvals: [] } });
  });

  it('a person with no reviewing role cannot edit; an unchanged text is not an edit', () => {
    expect(decide(itemAt('secretary'), { type: 'edit', newHash: 'h2' }, actor('c', ['collaborator']), NOW)).toMatchObject({ ok: false, reason: 'not_authorised' });
    expect(decide(itemAt('secretary'), { type: 'edit', newHash: 'h1' }, actor('ed', ['editor']), NOW)).toMatchObject({ ok: false, reason: 'no_change' });
  });

  it('the deputy edits at the deputy step and earlier approvals stand', () => {
    const outcome = decide(itemAt('deputy'), { type: 'edit', newHash: 'h2' }, actor('dep', ['deputy']), NOW);
    expect(outcome).toMatchObject({ ok: true, value: { nextStep: 'deputy' } });
    if (outcome.ok) expect(outcome.value.approvals.map((a) => a.step)).toEqual(['editor', 'secretary']);
  });

  it('returning needs a note and an earlier step; approvals from that step on fall', () => {
    const who = actor('dep', ['deputy']);
    expect(decide(itemAt('deputy'), { type: 'return', note: ' ' }, who, NOW)).toMatchObject({ ok: false, reason: 'note_required' });
    expect(decide(itemAt('deputy'), { type: 'return', note: 'x', toStep: 'head' }, who, NOW)).toMatchObject({ ok: false, reason: 'bad_return_step' });
    const back = decide(itemAt('deputy'), { type: 'return', note: 'sửa số liệu', toStep: 'editor' }, who, NOW);
    expect(back).toMatchObject({ ok: true, value: { nextStep: 'editor', approvals: [] } });
  });

  it('rejecting needs a reason and ends the item', () => {
    expect(decide(itemAt('editor'), { type: 'reject', note: '' }, actor('ed', ['editor']), NOW)).toMatchObject({ ok: false, reason: 'note_required' });
    expect(decide(itemAt('editor'), { type: 'reject', note: 'trùng lặp' }, actor('ed', ['editor']), NOW)).toMatchObject({ ok: true, value: { state: 'rejected' } });
  });
});

describe('published items change only by an authorised decision with a reason', () => {
  const published = itemAt('deputy', { state: 'published' });
  const authorities: [string, Actor, boolean][] = [
    ['deputy', actor('dep', ['deputy']), true],
    ['head', actor('boss', ['head']), true],
    ['secretary under delegation', actor('sec', ['secretary'], [{ id: 'd', siteId: SITE, fromPersonId: 'dep', toPersonId: 'sec', power: 'publish', validFrom: new Date('2026-11-01'), validUntil: new Date('2027-01-01'), revokedAt: null }]), true],
    ['secretary', actor('sec', ['secretary']), false],
    ['editor', actor('ed', ['editor']), false],
    ['admin', actor('adm', ['admin']), false],
    ['collaborator', actor('c', ['collaborator']), false],
  ];

  it.each(authorities)('take-down by %s → allowed=%s', (_label, who, allowed) => {
    const outcome = decide(published, { type: 'takeDown', note: 'sai thông tin' }, who, NOW);
    expect(outcome.ok ? outcome.value.state : outcome.reason).toBe(allowed ? 'takenDown' : 'not_authorised');
  });

  it.each(authorities)('correction by %s → allowed=%s', (_label, who, allowed) => {
    const outcome = decide(published, { type: 'correct', note: 'đính chính số liệu', newHash: 'h2' }, who, NOW);
    expect(outcome.ok ? outcome.value.state : outcome.reason).toBe(allowed ? 'published' : 'not_authorised');
  });

  it('a take-down without a reason is refused, and review actions do not apply to published items', () => {
    expect(decide(published, { type: 'takeDown', note: '' }, actor('dep', ['deputy']), NOW)).toMatchObject({ ok: false, reason: 'note_required' });
    expect(decide(published, { type: 'approve', revisionHash: 'h1' }, actor('dep', ['deputy']), NOW)).toMatchObject({ ok: false, reason: 'wrong_state' });
    expect(decide(published, { type: 'edit', newHash: 'h9' }, actor('ed', ['editor']), NOW)).toMatchObject({ ok: false, reason: 'wrong_state' });
  });
});

describe('which commands apply in which item state', () => {
  // By hand from the regulation: review actions only while in review; edits until publication;
  // corrections only once public; take-down of what is public or about to be.
  const ALLOWED: Record<Command['type'], ItemSnapshot['state'][]> = {
    approve: ['review'],
    return: ['review'],
    reject: ['review'],
    flagSensitive: ['review'],
    requireChairman: ['review'],
    edit: ['review', 'scheduled'],
    schedule: ['review', 'scheduled'],
    correct: ['published'],
    takeDown: ['published', 'scheduled'],
  };
  const commands: Command[] = [
    { type: 'approve', revisionHash: 'h1' },
    { type: 'return', note: 'x' },
    { type: 'reject', note: 'x' },
    { type: 'flagSensitive' },
    { type: 'requireChairman' },
    { type: 'edit', newHash: 'h2' },
    { type: 'schedule', at: null },
    { type: 'correct', note: 'x', newHash: 'h2' },
    { type: 'takeDown', note: 'x' },
  ];
  const states: ItemSnapshot['state'][] = ['review', 'scheduled', 'published', 'rejected', 'takenDown'];
  // The head holds every authority a command could need at the head step.
  const everyone = actor('all', ['editor', 'secretary', 'deputy', 'head']);

  it.each(states.flatMap((state) => commands.map((command) => ({ state, command, allowed: ALLOWED[command.type].includes(state) }))))(
    '$command.type in $state → allowed=$allowed',
    ({ state, command, allowed }) => {
      const outcome = decide(itemAt('head', { state, originatorId: 'someone' }), command, everyone, NOW);
      if (allowed) expect(outcome.ok ? 'ok' : outcome.reason).not.toBe('wrong_state');
      else expect(outcome).toMatchObject({ ok: false, reason: 'wrong_state' });
    },
  );
});

describe('who may edit an item in review, and where the edit sends it (news: editor → secretary → deputy)', () => {
  // By hand: reviewers edit at their own step or later ones; the item goes back to the editor's step.
  const EXPECTED: Record<'editor' | 'secretary' | 'deputy', Partial<Record<Role, Step>>> = {
    editor: { editor: 'editor' },
    secretary: { editor: 'editor', secretary: 'secretary' },
    deputy: { editor: 'editor', secretary: 'secretary', deputy: 'deputy' },
  };
  const cases = (Object.keys(EXPECTED) as (keyof typeof EXPECTED)[]).flatMap((step) => ROLES.map((role) => ({ step, role, sendsTo: EXPECTED[step][role] ?? null })));

  it.each(cases)('$role editing at $step → $sendsTo', ({ step, role, sendsTo }) => {
    const outcome = decide(itemAt(step), { type: 'edit', newHash: 'h2' }, actor('someone', [role]), NOW);
    if (sendsTo === null) expect(outcome).toMatchObject({ ok: false, reason: 'not_authorised' });
    else expect(outcome).toMatchObject({ ok: true, value: { nextStep: sendsTo, state: 'review' } });
  });
});
