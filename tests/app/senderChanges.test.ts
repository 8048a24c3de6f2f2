import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { submit, triage } from '../../src/app/intake.js';
import { changeBySender } from '../../src/app/senderChanges.js';
import { BACKENDS, type TestDatabase } from '../helpers/databases.js';
import { seedDesk, type Desk } from '../helpers/desk.js';

describe.each(BACKENDS)('a sender’s answers and edits on $name', ({ fresh, skip }) => {
  describe.skipIf(skip)('through the use cases', () => {
    let db: TestDatabase;
    let desk: Desk;
    beforeEach(async () => {
      db = await fresh();
      desk = await seedDesk(db.url);
    });
    afterEach(async () => {
      await desk.store.close();
      await db.drop();
    });

    const arrive = async (text: string, first = '100') =>
      (
        await submit(desk.deps, {
          siteId: desk.site.id, channel: 'telegram', chatId: '-100', messageIds: [first], senderPlatformId: '777', senderName: 'CTV', senderPersonId: null,
          receivedAt: desk.time.clock(), rawText: text, attachments: [], textParts: [{ messageId: first, text }],
        })
      ).submission;
    const answer = (text: string, messageId = '101') => ({ byPlatformId: '777', messageId, text, attachments: [], kind: 'answer' as const });

    it('revises once per revision read: a second change from the same stale read is refused, not lost silently', async () => {
      const sub = await arrive('Tiêu đề\nThân bài');
      const first = await changeBySender(desk.deps, sub, answer('Bổ sung nguồn'));
      expect(first.ok && first.value.kind === 'revised' && first.value.submission.revision).toBe(2);
      const stale = await changeBySender(desk.deps, sub, answer('Bổ sung khác', '102'));
      expect(stale).toMatchObject({ ok: false, reason: 'already_decided' });
      const now = await desk.store.submissionById(sub.id);
      expect(now).toMatchObject({ revision: 2, rawText: 'Tiêu đề\nThân bài\n\nBổ sung nguồn', messageIds: ['100', '101'] });
      // The audit trail keeps the history of revisions.
      expect((await desk.store.verifyAudit([])).findings).toEqual([]);
    });

    it('only the sender changes a submission; after intake the editors are told, after a rejection nothing changes', async () => {
      const sub = await arrive('Tin A\nNội dung');
      expect(await changeBySender(desk.deps, sub, { ...answer('x'), byPlatformId: '888' })).toMatchObject({ ok: false, reason: 'not_sender' });
      const accepted = await triage(desk.deps, desk.id.editor1, sub.id, { type: 'accept' });
      expect(accepted.ok).toBe(true);
      const after = (await desk.store.submissionById(sub.id))!;
      const toEditors = await changeBySender(desk.deps, after, answer('Sửa lại tiêu đề'));
      expect(toEditors.ok && toEditors.value.kind).toBe('toEditors');
      expect((await desk.store.itemByCode(sub.code!))?.revision.title).toBe('Tin A');

      const other = await arrive('Tin B\nNội dung', '200');
      await triage(desk.deps, desk.id.editor1, other.id, { type: 'reject', note: 'Trùng' });
      const closed = await changeBySender(desk.deps, (await desk.store.submissionById(other.id))!, answer('Bổ sung', '201'));
      expect(closed.ok && closed.value.kind === 'closed' && closed.value.state).toBe('rejected');
      expect((await desk.store.submissionById(other.id))?.revision).toBe(1);
    });

    it('an answer to "needs more information" brings the submission back to intake', async () => {
      const sub = await arrive('Tin C\nNội dung');
      await triage(desk.deps, desk.id.editor1, sub.id, { type: 'needsInfo', note: 'Thiếu ảnh' });
      const asked = (await desk.store.submissionById(sub.id))!;
      const done = await changeBySender(desk.deps, asked, answer('Ảnh đây'));
      expect(done.ok && done.value.kind).toBe('revised');
      expect(await desk.store.submissionById(sub.id)).toMatchObject({ state: 'received', triageNote: null, revision: 2 });
      expect((await desk.store.receivedSubmissions()).map((s) => s.id)).toEqual([sub.id]);
    });
  });
});
