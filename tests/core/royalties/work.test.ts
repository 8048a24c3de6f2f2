import { describe, expect, it } from 'vitest';
import { publishingStepFrom, termsConfirmed, workFate, type HeldDecision } from '../../../src/core/royalties/work.js';

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

/** Publishing confirms the terms the publisher's card showed: those in place when the publishing step began. */
describe('when the publisher’s card began to show an item', () => {
  const t = (hhmm: string) => new Date(`2026-11-30T${hhmm}:00Z`);
  const d = (action: string, hhmm: string) => ({ action, createdAt: t(hhmm) });
  it.each([
    ['editor, secretary, then the deputy publishes: from the secretary’s approval', [d('approve', '01:00'), d('approve', '02:00'), d('approve', '03:00')], t('03:00'), t('02:00')],
    ['returned and approved again: from the last decision before the publishing one', [d('approve', '01:00'), d('return', '02:00'), d('edit', '02:30'), d('approve', '04:00'), d('approve', '05:00')], t('05:00'), t('04:00')],
    ['the secretary publishing under delegation writes two approvals at once: from the editor’s', [d('approve', '01:00'), d('approve', '02:00'), d('approve', '02:00')], t('02:00'), t('01:00')],
    ['scheduled: approved at 03:00, published by the clock at 08:00', [d('approve', '01:00'), d('approve', '02:00'), d('approve', '03:00')], t('08:00'), t('02:00')],
    ['no decision on file: the publishing moment', [], t('03:00'), t('03:00')],
  ] as const)('%s', (_, decisions, publishedAt, from) => {
    expect(publishingStepFrom(decisions, publishedAt)).toEqual(from);
  });

  it('terms proposed after the deputy’s card went out are not confirmed by publishing from it; before, they are', () => {
    const from = publishingStepFrom([d('approve', '01:00'), d('approve', '02:00'), d('approve', '03:00')], t('03:00'));
    expect(termsConfirmed({ confirmedAt: null, updatedAt: t('01:30') }, from)).toBe(true);
    expect(termsConfirmed({ confirmedAt: null, updatedAt: t('02:30') }, from)).toBe(false);
    expect(termsConfirmed({ confirmedAt: t('02:30'), updatedAt: t('02:30') }, from)).toBe(true);
  });
});
