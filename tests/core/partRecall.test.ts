import { describe, expect, it } from 'vitest';
import { partRecall, withoutMessage } from '../../src/core/partRecall.js';

const submission = (state: 'received' | 'accepted' | 'needsInfo' | 'rejected') => ({ siteId: 's', state, senderPersonId: null, senderPlatformId: 'u1' });

describe('recalling one part of a submission', () => {
  it('takes out that message’s files and text, and says whether anything is left', () => {
    const parts = { messageIds: ['1', '2', '3'], textParts: [{ messageId: '3', text: 'Tiêu đề\nNội dung' }], attachments: [{ ref: 'a', messageId: '1' }, { ref: 'b', messageId: '2' }] };
    const left = withoutMessage(parts, '2');
    expect(left).toMatchObject({ messageIds: ['1', '3'], attachments: [{ ref: 'a', messageId: '1' }], removed: { files: 1, text: false }, othersLeft: true });
    expect(withoutMessage({ messageIds: ['1'], textParts: [], attachments: [{ ref: 'a', messageId: '1' }] }, '1').othersLeft).toBe(false);
    // Files saved before they named their message cannot be told apart: the whole submission, as before.
    expect(withoutMessage({ messageIds: ['1', '2'], textParts: [], attachments: [{ ref: 'a' }, { ref: 'b' }] as { ref: string; messageId?: string }[] }, '2').othersLeft).toBe(false);
  });

  it('what still changes: the submission before triage or while asked for more, the draft while in review; the last part withdraws', () => {
    expect(partRecall(submission('received'), null, 'u1', true)).toEqual({ ok: true, value: { kind: 'removePart' } });
    expect(partRecall(submission('needsInfo'), null, 'u1', true)).toEqual({ ok: true, value: { kind: 'removePart' } });
    expect(partRecall(submission('accepted'), 'review', 'u1', true)).toEqual({ ok: true, value: { kind: 'removeFromDraft' } });
    expect(partRecall(submission('accepted'), 'published', 'u1', true)).toMatchObject({ ok: false, reason: 'wrong_state' });
    expect(partRecall(submission('received'), null, 'u1', false)).toEqual({ ok: true, value: { kind: 'withdraw' } });
    expect(partRecall(submission('accepted'), 'review', 'u1', false)).toMatchObject({ ok: false, reason: 'wrong_state' });
    expect(partRecall(submission('received'), null, 'someone-else', true)).toMatchObject({ ok: false, reason: 'not_sender' });
  });
});
