import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BACKENDS, type TestDatabase } from '../../helpers/databases.js';
import { type TgUser } from '../../helpers/telegram.js';
import { GROUP, startZaloBed } from '../../helpers/zalo.js';
import type { SubmissionRecord } from '../../../src/app/ports.js';

type Bed = Awaited<ReturnType<typeof startZaloBed>>;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe.each(BACKENDS)('Zalo batches, captions and recalls on $name', ({ fresh, skip }) => {
  describe.skipIf(skip)('against the fake Zalo Web', () => {
    let db: TestDatabase;
    let bed: Bed;
    let editor: TgUser;
    const collaborator = { uid: '880100200301', name: 'Đặng Thị Hoa' };

    beforeEach(async () => {
      db = await fresh();
      bed = await startZaloBed(db.url);
      editor = await bed.tg.linkedUser(bed.tg.seeded.id.editor1, 'dung_bt');
    });
    afterEach(async () => {
      await bed.stop();
      await db.drop();
    });

    const send = (content: string | Record<string, unknown>, msgType?: string) =>
      bed.fake.groupMessage({ threadId: GROUP, from: collaborator.uid, name: collaborator.name, content, msgType });
    const photoMessage = () => send({ title: '', description: '', href: bed.photo(), thumb: '', params: '{"width":1280,"height":960}' }, 'chat.photo');
    const recall = (msgId: string) => bed.fake.undo({ threadId: GROUP, from: collaborator.uid, msgId });
    const acks = () => bed.fake.sends.filter((s) => /Đã nhận tin/.test(s.text));
    const submissionOf = (msgId: string) => bed.deps.store.submissionByMessage('zalo', GROUP, msgId);
    const waitSubmission = (msgId: string, ok: (s: SubmissionRecord) => boolean = () => true) =>
      bed.tg.fake.waitFor(async () => {
        const s = await submissionOf(msgId);
        return s && ok(s) ? s : undefined;
      });

    it('30 quick messages from one sender: a batch stops at 20 parts, the rest is the next submission', async () => {
      const ids: string[] = [];
      for (let i = 1; i <= 30; i += 1) ids.push(send(`Đoạn ${i}: hội nghị tổng kết công tác năm của tỉnh`));
      await waitSubmission(ids[29]!);
      // The cap, whatever the timing: a slow database may also split a batch at its quiet time.
      const submissions = new Map<string, SubmissionRecord>();
      for (const id of ids) {
        const s = await waitSubmission(id);
        submissions.set(s.id, s);
      }
      const sizes = [...submissions.values()].map((s) => s.messageIds.length);
      expect(Math.max(...sizes)).toBeLessThanOrEqual(20);
      expect([...submissions.values()].flatMap((s) => s.messageIds).sort()).toEqual([...ids].sort());
      // Quick enough to fill a batch (the usual case): the first one is exactly its first 20 messages.
      const first = (await submissionOf(ids[0]!))!;
      if (first.messageIds.length === 20) expect(first.messageIds).toEqual(ids.slice(0, 20));
    });

    it('a caption typed a while after the photos (past the quiet time, within the caption window) joins them', async () => {
      const a = photoMessage();
      photoMessage();
      // The test bed: quiet 250 ms, caption window 400 ms.
      await sleep(330);
      const caption = send('Hội nghị chuyển đổi số tỉnh năm 2026\nSáng nay tại trung tâm hành chính.');
      const s = await waitSubmission(a);
      expect(s.attachments.map((x) => x.kind)).toEqual(['photo', 'photo']);
      expect(s.messageIds).toContain(caption);
      expect(s.rawText).toMatch(/^Hội nghị chuyển đổi số/);
      await sleep(500);
      expect(acks()).toHaveLength(1);
    });

    it('recalling one of three photos takes that photo out, of the submission and later of the draft in review; the group hears it', async () => {
      const p1 = photoMessage();
      const p2 = photoMessage();
      const p3 = photoMessage();
      send('Ra quân Mùa hè xanh 2026\nHơn 500 đoàn viên tham gia.');
      const before = await waitSubmission(p1);
      expect(before.attachments).toHaveLength(3);
      recall(p2);
      const told = await bed.sentTo(GROUP, /thu hồi 1 ảnh\/video\/tệp/);
      expect(told.text).toContain(before.code!);
      const after = await waitSubmission(p1, (s) => s.attachments.length === 2);
      expect(after.state).toBe('received');
      expect(after.messageIds).not.toContain(p2);
      expect(after.attachments.map((a) => a.ref)).toEqual(before.attachments.filter((a) => a.messageId !== p2).map((a) => a.ref));

      // Accepted: the draft in review loses the next recalled photo too, as a new revision.
      await bed.tg.fake.waitFor(() => bed.tg.cardOf(before.code!));
      await bed.tg.pressOn(editor, before.code!, 'Tiếp nhận');
      const item = await bed.tg.fake.waitFor(async () => (await bed.deps.store.itemByCode(before.code!)) ?? undefined);
      expect(item.revision.mediaRefs).toHaveLength(2);
      recall(p3);
      expect((await bed.sentTo(GROUP, /bản đang duyệt/)).text).toContain(before.code!);
      const revised = await bed.tg.fake.waitFor(async () => {
        const now = await bed.deps.store.itemByCode(before.code!);
        return now && now.revision.mediaRefs.length === 1 ? now : undefined;
      });
      expect(revised.state).toBe('review');
      expect(revised.revision.title).toBe('Ra quân Mùa hè xanh 2026');
      expect((await submissionOf(p1))?.attachments).toHaveLength(1);
    });

    it('a recall that comes while the batch’s photos are downloading: the recalled photo is not kept', async () => {
      bed.fake.state.fileDelayMs = 400;
      const p1 = photoMessage();
      const p2 = photoMessage();
      send('Lễ khởi công cầu mới\nTại xã Tân Lợi.');
      // Past the quiet time: the batch is released and its files are on their way.
      await sleep(700);
      recall(p2);
      await bed.tg.fake.waitFor(() => acks()[0]);
      await bed.tg.fake.waitFor(async () => ((await submissionOf(p1))?.attachments.length === 1 ? true : undefined));
      await bed.zalo.settled();
      const s = await submissionOf(p1);
      expect(s?.messageIds).not.toContain(p2);
      expect(s?.attachments.map((a) => a.messageId)).toEqual([p1]);
      expect(await submissionOf(p2)).toBeNull();
    });

    it('a restart with batches in flight loses no message and doubles none', async () => {
      bed.fake.state.fileDelayMs = 150;
      const ids: string[] = [];
      for (let i = 1; i <= 22; i += 1) ids.push(i % 2 === 0 ? photoMessage() : send(`Phần ${i}: tin về lễ hội văn hóa các dân tộc`));
      await sleep(100);
      const next = await bed.restarted();
      try {
        for (let i = 23; i <= 25; i += 1) ids.push(send(`Phần ${i}: tin về lễ hội văn hóa các dân tộc`));
        await bed.tg.fake.waitFor(async () => ((await submissionOf(ids[24]!)) ? true : undefined));
        await sleep(500);
        await next.settled();
        const submissions = new Map<string, SubmissionRecord>();
        for (const id of ids) {
          const s = await submissionOf(id);
          expect(s, `message ${id}`).not.toBeNull();
          submissions.set(s!.id, s!);
        }
        // Every message in exactly one submission, every photo once, none over the cap; one receipt each.
        const all = [...submissions.values()].flatMap((s) => s.messageIds);
        expect(all.sort()).toEqual([...ids].sort());
        expect([...submissions.values()].flatMap((s) => s.attachments)).toHaveLength(11);
        expect(Math.max(...[...submissions.values()].map((s) => s.messageIds.length))).toBeLessThanOrEqual(20);
        expect((await bed.deps.store.counts()).submissions['received']).toBe(submissions.size);
        await bed.tg.fake.waitFor(() => (acks().length >= submissions.size ? true : undefined));
        await sleep(300);
        expect(acks()).toHaveLength(submissions.size);
      } finally {
        await next.stop();
      }
    });
  });
});
