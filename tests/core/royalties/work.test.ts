import { describe, expect, it } from 'vitest';
import { workFate, type HeldDecision } from '../../../src/core/royalties/work.js';

const at = new Date('2026-12-02T03:00:00Z');
const decided = (decision: HeldDecision['decision']): HeldDecision => ({ decision, reason: 'lý do', decidedById: 'p1', decidedAt: at });

/** Điều 17: a work taken down before payment is held for a decision, never dropped unseen. */
describe('where a work stands for the sheet', () => {
  it.each([
    ['published, nothing decided', null, null, 'payable'],
    ['published, a decision on file from an earlier take-down', null, decided('skip'), 'payable'],
    ['taken down, nobody decided yet', at, null, 'held'],
    ['taken down, decided to pay', at, decided('pay'), 'payable'],
    ['taken down, decided not to pay', at, decided('skip'), 'skipped'],
  ] as const)('%s → %s', (_, takenDownAt, held, fate) => {
    expect(workFate({ takenDownAt, held })).toBe(fate);
  });
});
