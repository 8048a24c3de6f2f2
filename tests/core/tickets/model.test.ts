import { describe, expect, it } from 'vitest';
import { checkAnswerToken, answerToken, statusKey, statusKeyHolds } from '../../../src/core/tickets/links.js';
import { findTicketCode, isOverdue, stepTicket, ticketCode, type TicketCommand, type TicketState } from '../../../src/core/tickets/model.js';

const now = new Date('2026-12-01T03:00:00Z');
const later = new Date('2026-12-20T03:00:00Z');
const evenLater = new Date('2026-12-30T03:00:00Z');
const blank = { answerText: null, publish: null, publishReason: null, dueAt: later };

describe('the five steps', () => {
  const cases: [TicketState, TicketCommand, string][] = [
    ['received', { type: 'verify' }, 'verifying'],
    ['received', { type: 'answer', text: 'Trả lời' }, 'answered'],
    ['verifying', { type: 'assign', unitSiteId: 's', assigneeId: 'p', dueAt: later }, 'handling'],
    ['handling', { type: 'moveDue', dueAt: evenLater, reason: 'Chờ ý kiến' }, 'handling'],
    ['handling', { type: 'moveDue', dueAt: later, reason: 'Sớm hơn đã hẹn' }, 'ticket_due_not_later'],
    ['verifying', { type: 'decline', reason: 'Ngoài phạm vi' }, 'declined'],
    ['handling', { type: 'decline', reason: 'Ngoài phạm vi' }, 'ticket_wrong_state'],
    ['archived', { type: 'answer', text: 'Lại' }, 'ticket_wrong_state'],
    ['declined', { type: 'verify' }, 'ticket_wrong_state'],
    ['handling', { type: 'assign', unitSiteId: 's', assigneeId: 'p', dueAt: now }, 'ticket_due_in_past'],
    ['handling', { type: 'moveDue', dueAt: evenLater, reason: '  ' }, 'ticket_reason_required'],
    ['handling', { type: 'answer', text: '   ' }, 'ticket_answer_required'],
    ['handling', { type: 'answer', text: 'x'.repeat(20_001) }, 'ticket_answer_too_long'],
    ['answered', { type: 'archive' }, 'ticket_not_answered'],
  ];
  it.each(cases)('from %s, %j → %s', (state, command, expected) => {
    const r = stepTicket({ ...blank, state }, command, now);
    expect(r.ok ? r.state : r.reason).toBe(expected);
  });

  it('archiving needs the stored answer and a publish decision with its reason', () => {
    const answered = { ...blank, state: 'answered' as const, answerText: 'Đã trả lời' };
    expect(stepTicket(answered, { type: 'archive' }, now)).toEqual({ ok: false, reason: 'ticket_not_decided' });
    expect(stepTicket({ ...answered, publish: false, publishReason: '' }, { type: 'archive' }, now)).toEqual({ ok: false, reason: 'ticket_not_decided' });
    expect(stepTicket({ ...answered, publish: false, publishReason: 'Thông tin riêng tư' }, { type: 'archive' }, now)).toEqual({ ok: true, state: 'archived' });
    expect(stepTicket(answered, { type: 'decide', publish: true, reason: 'Nhiều người hỏi' }, now)).toEqual({ ok: true, state: 'answered' });
  });

  it('codes are read back from subjects as people type them', () => {
    expect(ticketCode('complaint', 2026, 42)).toBe('PA-2026-00042');
    expect(findTicketCode('Re: [hd-2026-00042] Trả lời')).toBe('HD-2026-00042');
    expect(findTicketCode('Về việc BP-2026-00042')).toBeNull();
  });

  it('overdue: open and past the answer date only', () => {
    expect(isOverdue({ state: 'handling', dueAt: now }, later)).toBe(true);
    expect(isOverdue({ state: 'answered', dueAt: now }, later)).toBe(false);
  });
});

describe('signed links', () => {
  const key = Buffer.alloc(32, 7);
  it('a status key opens one ticket only', () => {
    const k = statusKey(key, 'HD-2026-00001');
    expect(statusKeyHolds(key, 'hd-2026-00001', k)).toBe(true);
    expect(statusKeyHolds(key, 'HD-2026-00002', k)).toBe(false);
    expect(statusKeyHolds(Buffer.alloc(32, 8), 'HD-2026-00001', k)).toBe(false);
  });
  it('an answer link is for one person and ticket, until it expires', () => {
    const token = answerToken(key, 'PA-2026-00003', 'person-1', later.getTime());
    expect(checkAnswerToken(key, 'PA-2026-00003', 'person-1', token, now.getTime())).toMatchObject({ ok: true });
    expect(checkAnswerToken(key, 'PA-2026-00003', 'person-2', token, now.getTime())).toEqual({ ok: false, reason: 'answer_link_forged' });
    expect(checkAnswerToken(key, 'PA-2026-00004', 'person-1', token, now.getTime())).toEqual({ ok: false, reason: 'answer_link_forged' });
    expect(checkAnswerToken(key, 'PA-2026-00003', 'person-1', token, later.getTime() + 1000)).toEqual({ ok: false, reason: 'answer_link_expired' });
    expect(checkAnswerToken(key, 'PA-2026-00003', 'person-1', `${token}x`, now.getTime())).toEqual({ ok: false, reason: 'answer_link_forged' });
  });
});
