import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BACKENDS, type TestDatabase } from '../../helpers/databases.js';
import { EDITORIAL, INTAKE, type TgUser } from '../../helpers/telegram.js';
import { GROUP, startZaloBed } from '../../helpers/zalo.js';

type Bed = Awaited<ReturnType<typeof startZaloBed>>;

describe.each(BACKENDS)('Zalo group intake on $name', ({ fresh, skip }) => {
  describe.skipIf(skip)('through zca-js against the fake Zalo Web', () => {
    let db: TestDatabase;
    let bed: Bed;
    let people: Record<'editor' | 'secretary' | 'deputy', TgUser>;
    const collaborator = { uid: '880100200300', name: 'Đặng Thị Hoa' };

    beforeEach(async () => {
      db = await fresh();
      bed = await startZaloBed(db.url);
      const id = bed.tg.seeded.id;
      people = {
        editor: await bed.tg.linkedUser(id.editor1, 'dung_bt'),
        secretary: await bed.tg.linkedUser(id.secretary, 'chau_tk'),
        deputy: await bed.tg.linkedUser(id.deputy, 'bich_pho'),
      };
    });
    afterEach(async () => {
      await bed.stop();
      await db.drop();
    });

    const send = (content: string | Record<string, unknown>, msgType?: string) =>
      bed.fake.groupMessage({ threadId: GROUP, from: collaborator.uid, name: collaborator.name, content, msgType });
    const photoMessage = () => send({ title: '', description: '', href: bed.photo(), thumb: '', params: '{"width":1280,"height":960}' }, 'chat.photo');
    const codeIn = (text: string) => /BP-\d{4}-\d{5}/.exec(text)![0];
    /** Outcomes reach Zalo by the clock; the test turns the clock's job until one is told. */
    const toldInGroup = (pattern: RegExp) =>
      bed.tg.fake.waitFor(async () => {
        await bed.zalo.tellOutcomes();
        return bed.fake.sends.find((s) => s.threadId === GROUP && pattern.test(s.text));
      });

    it('takes three photos and a caption as one submission, acknowledges it, and tells the sender the link once published on Telegram', async () => {
      const first = photoMessage();
      photoMessage();
      photoMessage();
      send('Ra quân chiến dịch Mùa hè xanh 2026\nSáng 30/11, hơn 500 đoàn viên ra quân tại thành phố Đồng Xoài.');

      const ack = await bed.sentTo(GROUP, /Đã nhận tin/);
      const code = codeIn(ack.text);
      expect(ack.quotedMsgId).toBe(first);
      const submission = await bed.deps.store.submissionByCode(code);
      expect(submission?.channel).toBe('zalo');
      expect(submission?.attachments.map((a) => a.kind)).toEqual(['photo', 'photo', 'photo']);
      expect(submission?.messageIds).toHaveLength(4);
      expect(submission?.rawText).toMatch(/^Ra quân chiến dịch Mùa hè xanh 2026/);
      // One acknowledgement for the four messages.
      await new Promise((r) => setTimeout(r, 400));
      expect(bed.fake.sends.filter((s) => /Đã nhận tin/.test(s.text))).toHaveLength(1);

      // The editors see it on Telegram with its three pictures, uploaded from media storage.
      const album = await bed.tg.fake.waitFor(() => bed.tg.fake.sent('sendMediaGroup', EDITORIAL)[0]);
      expect((album.params.media as unknown[]).length).toBe(3);
      await bed.tg.pressOn(people.editor, code, 'Tiếp nhận');
      expect((await toldInGroup(/đã được tiếp nhận/)).quotedMsgId).toBe(first);
      await bed.tg.pressOn(people.editor, code, 'Duyệt', 'Bước: Biên tập');
      await bed.tg.pressOn(people.secretary, code, 'Duyệt', 'Bước: Thư ký');
      await bed.tg.pressOn(people.deputy, code, 'Duyệt xuất bản', 'Bước: Phó Trưởng ban');

      const published = await toldInGroup(/đã được xuất bản/);
      expect(published.text).toContain(`https://portal.example.vn/vi/tin/${code}`);
      expect(published.quotedMsgId).toBe(first);
      expect((await bed.deps.store.itemByCode(code))?.state).toBe('published');
      // Told once, even when the clock runs again; nothing went to the Telegram intake chat for a Zalo sender.
      await bed.zalo.tellOutcomes();
      expect(bed.fake.sends.filter((s) => /đã được xuất bản/.test(s.text))).toHaveLength(1);
      expect(bed.tg.fake.texts(INTAKE).some((t) => t.includes(code))).toBe(false);
    });

    it('withdraws a submission recalled before any decision, and keeps one recalled after', async () => {
      const early = send('Tin thứ nhất\nNội dung.');
      const code = codeIn((await bed.sentTo(GROUP, /Đã nhận tin/)).text);
      await bed.tg.fake.waitFor(() => bed.tg.cardOf(code));
      bed.fake.undo({ threadId: GROUP, from: collaborator.uid, msgId: early });
      expect((await bed.sentTo(GROUP, /thu hồi tin nên tin/)).text).toContain(code);
      expect((await bed.deps.store.submissionByCode(code))?.state).toBe('withdrawn');
      // Its Telegram card says so and loses its buttons.
      const closed = await bed.tg.fake.waitFor(() => bed.tg.fake.sent('editMessageText', EDITORIAL).find((e) => String(e.params.text).includes('thu hồi')));
      expect(closed.params.reply_markup).toBeUndefined();

      const late = send('Tin thứ hai\nNội dung khác.');
      const second = codeIn((await bed.tg.fake.waitFor(() => bed.fake.sends.filter((s) => /Đã nhận tin/.test(s.text))[1])).text);
      await bed.tg.pressOn(people.editor, second, 'Tiếp nhận');
      bed.fake.undo({ threadId: GROUP, from: collaborator.uid, msgId: late });
      expect((await bed.sentTo(GROUP, /không rút được/)).text).toContain(second);
      expect((await bed.deps.store.submissionByCode(second))?.state).toBe('accepted');
    });

    it('drops a message recalled while its batch is still open, and lets nobody else withdraw a submission', async () => {
      const recalled = send('Gửi nhầm');
      bed.fake.undo({ threadId: GROUP, from: collaborator.uid, msgId: recalled });
      await new Promise((r) => setTimeout(r, 700));
      expect(bed.fake.sends).toHaveLength(0);
      expect((await bed.deps.store.counts()).submissions['received'] ?? 0).toBe(0);

      const kept = send('Tin thật\nNội dung.');
      const code = codeIn((await bed.sentTo(GROUP, /Đã nhận tin/)).text);
      bed.fake.undo({ threadId: GROUP, from: '880999999999', msgId: kept });
      await new Promise((r) => setTimeout(r, 500));
      expect((await bed.deps.store.submissionByCode(code))?.state).toBe('received');
    });

    it('chat is no submission ("cảm ơn ạ", "👍👍"), as on Telegram; a short caption after a photo stays with it', async () => {
      send('cảm ơn ạ');
      await new Promise((r) => setTimeout(r, 200));
      send('👍👍');
      await new Promise((r) => setTimeout(r, 3500));
      expect(bed.fake.sends.filter((m) => m.text.includes('Đã nhận tin'))).toHaveLength(0);
      expect((await bed.deps.store.counts()).submissions['received'] ?? 0).toBe(0);

      photoMessage();
      send('Ảnh hội nghị');
      const code = codeIn((await bed.sentTo(GROUP, /Đã nhận tin/)).text);
      const submission = await bed.deps.store.submissionByCode(code);
      expect(submission?.rawText).toBe('Ảnh hội nghị');
      expect(submission?.attachments.map((a) => a.kind)).toEqual(['photo']);
    });

    it('tells the sender which file was refused and keeps the rest', async () => {
      const program = bed.fake.host('setup.exe', 'application/octet-stream', Buffer.concat([Buffer.from('MZ'), Buffer.alloc(300, 1)]));
      send({ title: 'setup.exe', href: program, params: '{"fileSize":302,"fileExt":"exe"}' }, 'share.file');
      send('Tài liệu hội nghị\nXin gửi kèm.');
      const refused = await bed.sentTo(GROUP, /định dạng không được nhận/);
      expect(refused.text).toContain('setup.exe');
      const code = codeIn(refused.text);
      expect((await bed.deps.store.submissionByCode(code))?.rawText).toContain('Tài liệu hội nghị');
    });

    it('an outcome Zalo asks to slow down for is told at the next run; one whose quote Zalo refuses goes out without it', async () => {
      const first = send('Tin cần báo lại\nNội dung.');
      const code = codeIn((await bed.sentTo(GROUP, /Đã nhận tin/)).text);
      await bed.tg.pressOn(people.editor, code, 'Tiếp nhận');
      bed.fake.state.failNextSends.push(-69);
      expect(await bed.zalo.tellOutcomes()).toBe(0);
      expect(bed.fake.sends.some((s) => /đã được tiếp nhận/.test(s.text))).toBe(false);
      const told = await toldInGroup(/đã được tiếp nhận/);
      expect(told.quotedMsgId).toBe(first);

      send('Quảng cáo bán đất nền\nGiá rẻ.');
      const second = codeIn((await bed.tg.fake.waitFor(() => bed.fake.sends.filter((s) => /Đã nhận tin/.test(s.text))[1])).text);
      await bed.tg.pressOn(people.editor, second, 'Từ chối');
      const prompt = await bed.tg.fake.waitFor(() => bed.tg.fake.sent('sendMessage', EDITORIAL).find((c) => String(c.params.text).includes('kèm lý do')));
      bed.tg.say(people.editor, EDITORIAL, { text: 'Nội dung quảng cáo, không phải tin', reply_to_message: { message_id: (prompt.result as { message_id: number }).message_id, from: { id: 7000001, is_bot: true, first_name: 'Portal Hub' }, chat: { id: EDITORIAL, type: 'supergroup' }, date: 0 } });
      await bed.tg.fake.waitFor(async () => (await bed.deps.store.submissionByCode(second))?.state === 'rejected');
      bed.fake.state.failNextSends.push(-1);
      const refused = await toldInGroup(/không được sử dụng/);
      expect(refused.text).toContain(`${second} không được sử dụng. Lý do: Nội dung quảng cáo, không phải tin`);
      expect(refused.quotedMsgId).toBeNull();
      expect(bed.fake.sends.filter((s) => /không được sử dụng/.test(s.text))).toHaveLength(1);
    });

    it('links a Zalo member with a code sent in the group, once', async () => {
      const { issueLinkCode, OPERATOR } = await import('../../../src/app/people.js');
      const code = await issueLinkCode(bed.deps, OPERATOR, bed.tg.seeded.id.collaborator);
      if (!code.ok) throw new Error(code.reason);
      send(`/link ${code.value.code}`);
      expect((await bed.sentTo(GROUP, /Đã liên kết tài khoản Zalo/)).text).toContain('Đặng Thị Hoa');
      expect((await bed.deps.store.personByIdentity('zalo', collaborator.uid))?.id).toBe(bed.tg.seeded.id.collaborator);
      bed.fake.groupMessage({ threadId: GROUP, from: '880555', name: 'Người khác', content: `/link ${code.value.code}` });
      expect((await bed.sentTo(GROUP, /Mã liên kết không đúng/)).text).toContain('Người khác');
      // A command is not a submission.
      expect((await bed.deps.store.counts()).submissions['received'] ?? 0).toBe(0);
    });
  });
});
