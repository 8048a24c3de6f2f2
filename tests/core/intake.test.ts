import { describe, expect, it } from 'vitest';
import { contentFromText, contentHash } from '../../src/core/content.js';
import type { Grant } from '../../src/core/grants.js';
import { triage, withdrawal } from '../../src/core/intake.js';
import { submitterOutcome } from '../../src/core/outcomes.js';
import { explain, message } from '../../src/core/messages.js';
import { parseTrackingCode, trackingCode } from '../../src/core/tracking.js';

const NOW = new Date('2026-11-30T03:00:00Z');
const editor: Grant = { personId: 'ed', siteId: 's1', role: 'editor', validFrom: new Date('2026-01-01'), validTo: null, revokedAt: null };
const submission = { siteId: 's1', state: 'received' as const, senderPersonId: 'ctv' };

describe('intake (Quy trình 1)', () => {
  it.each([
    [{ type: 'accept' as const }, 'accepted'],
    [{ type: 'reject' as const, note: 'không rõ nguồn gốc' }, 'rejected'],
    [{ type: 'needsInfo' as const, note: 'xin ảnh gốc' }, 'needsInfo'],
  ])('an editor may %j → %s', (command, state) => {
    expect(triage(submission, command, { personId: 'ed', grants: [editor] }, NOW)).toMatchObject({ ok: true, value: { state } });
  });

  it('only editors triage, never their own submission, with a reason when not accepting, and only once', () => {
    expect(triage(submission, { type: 'accept' }, { personId: 'x', grants: [] }, NOW)).toMatchObject({ ok: false, reason: 'not_authorised' });
    expect(triage({ ...submission, senderPersonId: 'ed' }, { type: 'accept' }, { personId: 'ed', grants: [editor] }, NOW)).toMatchObject({ ok: false, reason: 'own_submission' });
    expect(triage(submission, { type: 'reject', note: '  ' }, { personId: 'ed', grants: [editor] }, NOW)).toMatchObject({ ok: false, reason: 'note_required' });
    expect(triage({ ...submission, state: 'accepted' }, { type: 'accept' }, { personId: 'ed', grants: [editor] }, NOW)).toMatchObject({ ok: false, reason: 'wrong_state' });
  });
});

describe('withdrawal by recall', () => {
  const sent = { ...submission, senderPlatformId: 'zalo-555' };
  it('takes a submission back only for its sender and only before anyone acted on it', () => {
    expect(withdrawal(sent, 'zalo-555')).toEqual({ ok: true, value: { state: 'withdrawn' } });
    expect(withdrawal(sent, 'zalo-777')).toMatchObject({ ok: false, reason: 'not_sender' });
    for (const state of ['accepted', 'rejected', 'needsInfo', 'withdrawn'] as const) {
      expect(withdrawal({ ...sent, state }, 'zalo-555')).toEqual({ ok: false, reason: 'wrong_state', detail: { state } });
    }
  });
});

describe('what a sender hears', () => {
  it.each([
    ['submission.accept', {}, 'accepted'],
    ['submission.reject', { note: 'trùng tin' }, 'rejected'],
    ['submission.needsInfo', { note: 'xin ảnh gốc' }, 'needsInfo'],
    ['item.approve', { to: 'published' }, 'published'],
    ['item.approve', { to: 'review' }, null],
    ['item.approve', { to: 'scheduled' }, null],
    ['item.publishScheduled', {}, 'published'],
    ['item.reject', { to: 'rejected' }, 'rejected'],
    ['item.takeDown', { to: 'takenDown' }, 'takenDown'],
    ['item.return', { to: 'review' }, null],
    ['item.edit', { to: 'review' }, null],
    ['submission.receive', {}, 'received'],
  ])('%s %j → %s', (action, data, outcome) => {
    expect(submitterOutcome(action, data)).toBe(outcome);
  });
});

describe('refusals in words', () => {
  it('names steps, roles and states in the reader’s language, and leaves other details alone', () => {
    expect(explain('vi', { reason: 'not_your_step', detail: { step: 'secretary', role: 'secretary' } })).toBe('Bước hiện tại là “Thư ký Ban Biên tập”: chỉ người có vai trò “Thư ký” được thao tác.');
    expect(explain('en', { reason: 'wrong_state', detail: { state: 'published' } })).toBe('The item is “published”; this action is not possible now.');
    expect(explain('vi', { reason: 'unknown_item', detail: { code: 'BP-2026-00009' } })).toBe('Không tìm thấy tin bài BP-2026-00009.');
  });
});

describe('content', () => {
  const base = { title: 'Họp trực tuyến', summary: '', body: 'Nội dung', language: 'vi', mediaRefs: ['m1'] };

  it('invisible differences keep the hash; visible ones change it', () => {
    expect(contentHash({ ...base, body: 'Nội dung  \r\n' })).toBe(contentHash(base));
    expect(contentHash({ ...base, title: 'Ho\u0323p trực tuyến' })).toBe(contentHash(base)); // decomposed Vietnamese diacritics
    expect(contentHash({ ...base, body: 'Nội dung mới' })).not.toBe(contentHash(base));
    expect(contentHash({ ...base, mediaRefs: ['m2'] })).not.toBe(contentHash(base));
  });

  it('the first line of a chat message is the title', () => {
    expect(contentFromText('  Tiêu đề\nDòng 1\nDòng 2 ')).toEqual({ title: 'Tiêu đề', body: 'Dòng 1\nDòng 2' });
  });

  it('tracking codes read back', () => {
    expect(trackingCode('BP', 2026, 42)).toBe('BP-2026-00042');
    expect(parseTrackingCode(' bp-2026-00042 ')).toEqual({ prefix: 'BP', year: 2026, sequence: 42 });
    expect(parseTrackingCode('BP-26-1')).toBeNull();
  });

  it('messages come in Vietnamese and English with their details filled in', () => {
    expect(message('vi', 'already_decided', { by: 'Lê Minh Châu', action: 'approve' })).toBe('Đã được Lê Minh Châu xử lý trước (approve).');
    expect(message('en', 'team_cap_reached', { role: 'editor', limit: '5' })).toBe('The “editor” team of this site is full (5 at most).');
  });
});
