import type { Message } from 'grammy/types';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { submit } from '../../../src/app/intake.js';
import { BOT } from '../../fakes/telegramApi.js';
import { BACKENDS, type TestDatabase } from '../../helpers/databases.js';
import { EDITORIAL, fixture, INTAKE, startTelegramDesk, type TgUser } from '../../helpers/telegram.js';

type Desk = Awaited<ReturnType<typeof startTelegramDesk>>;
const CODE = /BP-2026-\d{5}/;

describe.each(BACKENDS)('Telegram chat semantics on $name', ({ fresh, skip }) => {
  describe.skipIf(skip)('through the fake Bot API', () => {
    let db: TestDatabase;
    let t: Desk;
    let people: Record<'editor' | 'secretary' | 'deputy', TgUser>;

    beforeEach(async () => {
      db = await fresh();
      t = await startTelegramDesk(db.url);
      people = {
        editor: await t.linkedUser(t.seeded.id.editor1, 'dung_bt'),
        secretary: await t.linkedUser(t.seeded.id.secretary, 'chau_tk'),
        deputy: await t.linkedUser(t.seeded.id.deputy, 'bich_pho'),
      };
    });
    afterEach(async () => {
      await t.stop();
      await db.drop();
    });

    const waitText = (chat: number, part: string) => t.fake.waitFor(() => t.fake.texts(chat).find((x) => x.includes(part)));
    /** The bot's message in a chat whose text includes `part`, as Telegram would quote it in a reply. */
    const botMessage = async (chat: number, part: string) => {
      const call = await t.fake.waitFor(() => t.fake.sent('sendMessage', chat).find((c) => String(c.params.text).includes(part)));
      return { call, quoted: { message_id: (call.result as { message_id: number }).message_id, from: BOT, chat: { id: chat, type: 'supergroup', title: 'g' }, date: Math.floor(call.at / 1000), text: String(call.params.text) } };
    };
    /** A fixture message sent now, with a fresh id. */
    const send = (msg: object, over: object = {}) => t.fake.push({ message: { ...msg, message_id: t.fake.newMessageId(), date: Math.floor(Date.now() / 1000), ...over } });
    const submitted = async (from: TgUser, text: string) => {
      const update = t.say(from, INTAKE, { text });
      const ack = await t.fake.waitFor(() => t.fake.texts(INTAKE).find((x) => x.includes('Đã nhận tin') && x.includes(from.first_name)));
      return { update, code: CODE.exec(ack)![0] };
    };
    async function publish(code: string) {
      await t.pressOn(people.editor, code, 'Tiếp nhận');
      await t.pressOn(people.editor, code, 'Duyệt', 'Bước: Biên tập');
      await t.pressOn(people.secretary, code, 'Duyệt', 'Bước: Thư ký');
      await t.pressOn(people.deputy, code, 'Duyệt xuất bản', 'Bước: Phó Trưởng ban');
      await waitText(INTAKE, `${code} đã được xuất bản`);
    }

    it('takes no submission from service messages, stickers, polls, locations, voice or a short reply to the receipt', async () => {
      for (const msg of Object.values(fixture<Record<string, object>>('service-messages.json'))) send(msg);
      for (const msg of Object.values(fixture<Record<string, object>>('not-content.json'))) send(msg);
      await waitText(INTAKE, 'Tin nhắn thoại không được nhận');
      const ctv = t.stranger('ctv_that');
      const { update, code } = await submitted(ctv, 'Ra quân Mùa hè xanh\nĐoàn viên giúp dân sửa đường.');
      const { quoted } = await botMessage(INTAKE, `Đã nhận tin ${code}`);
      t.say(ctv, INTAKE, { text: 'cảm ơn ạ', reply_to_message: quoted });
      t.say(t.stranger('nguoi_khac'), INTAKE, { text: '👍', reply_to_message: quoted });
      // A picture sent as a reply to one's own waiting message belongs to it.
      t.say(ctv, INTAKE, { photo: [{ file_id: 'AgACAgUAAxkBAAIFemdKq1-large', file_unique_id: 'p1', file_size: 412, width: 1280, height: 960 }], reply_to_message: update.message });
      await waitText(INTAKE, `Đã cập nhật tin ${code} (bản 2)`);
      // A later item shows that everything before it was handled.
      const { code: second } = await submitted(t.stranger('ctv_sau'), 'Hội thi nông dân giỏi\nHơn 200 nông dân tham gia.');
      expect(second).not.toBe(code);
      const all = await t.seeded.store.receivedSubmissions();
      expect(all.map((s) => s.code)).toEqual([code, second]);
      expect(all[0]).toMatchObject({ revision: 2, rawText: 'Ra quân Mùa hè xanh\nĐoàn viên giúp dân sửa đường.' });
      expect(all[0]!.attachments.map((a) => a.kind)).toEqual(['photo']);
      expect(t.fake.texts(EDITORIAL).filter((x) => x.startsWith('📝')).every((x) => !/Người gửi: (Lan|Minh|Tuấn)/.test(x))).toBe(true);
    });

    it('an answer to "needs more information" revises the submission, which comes back to intake and is accepted', async () => {
      const ctv = t.stranger('ctv_bosung');
      const { update, code } = await submitted(ctv, 'Lễ ra quân chiến dịch\nNội dung còn thiếu.');
      await t.pressOn(people.editor, code, 'Cần bổ sung');
      const prompt = await botMessage(EDITORIAL, 'kèm lý do');
      t.say(people.editor, EDITORIAL, { text: 'Thiếu nguồn tin', reply_to_message: { ...prompt.quoted, chat: { id: EDITORIAL, type: 'supergroup' } } });
      const asked = await botMessage(INTAKE, `${code} cần bổ sung: Thiếu nguồn tin`);
      // The question quotes the sender's message, so they see what it is about.
      expect((asked.call.params.reply_parameters as { message_id: number }).message_id).toBe(update.message.message_id);

      t.say(ctv, INTAKE, { text: 'Nguồn: UBND xã Tân Lập', reply_to_message: asked.quoted });
      await waitText(INTAKE, `Đã cập nhật tin ${code} (bản 2)`);
      const sub = await t.seeded.store.submissionByCode(code);
      expect(sub).toMatchObject({ state: 'received', revision: 2, rawText: 'Lễ ra quân chiến dịch\nNội dung còn thiếu.\n\nNguồn: UBND xã Tân Lập' });
      await t.fake.waitFor(() => t.cardOf(code) && String(t.cardOf(code)!.params.text).includes('Bản 2'));
      await t.pressOn(people.editor, code, 'Tiếp nhận');
      await waitText(INTAKE, `${code} đã được tiếp nhận`);
      const item = await t.seeded.store.itemByCode(code);
      expect(item?.revision.title).toBe('Lễ ra quân chiến dịch');
      expect(item?.revision.body).toContain('Nguồn: UBND xã Tân Lập');
      expect((await t.seeded.store.counts()).submissions).toEqual({ accepted: 1 });
    });

    it('asks Telegram for edits; an edit before triage revises, after publication the sender hears how to ask for a correction', async () => {
      expect(await t.fake.waitFor(() => t.fake.allowedUpdates)).toContain('edited_message');
      const ctv = t.stranger('ctv_sua');
      const { update, code } = await submitted(ctv, 'Khánh thành cầu Sông Bé\nCây cầu nối hai huyện.');
      t.fake.push({ edited_message: { ...update.message, edit_date: update.message.date + 30, text: 'Khánh thành cầu Sông Bé mới\nCây cầu nối hai huyện phía Bắc.' } });
      await waitText(INTAKE, `Đã cập nhật tin ${code} (bản 2)`);
      expect((await t.seeded.store.submissionByCode(code))?.rawText).toBe('Khánh thành cầu Sông Bé mới\nCây cầu nối hai huyện phía Bắc.');
      // The old card lost its buttons; the new one shows the revision.
      await t.fake.waitFor(() => t.cardOf(code) && String(t.cardOf(code)!.params.text).includes('Bản 2'));

      await publish(code);
      t.fake.push({ edited_message: { ...update.message, edit_date: update.message.date + 90, text: 'Khánh thành cầu Sông Bé (sửa)\nCây cầu nối ba huyện.' } });
      const hint = await waitText(INTAKE, `Tin ${code} đã xuất bản nên sửa tin nhắn không làm thay đổi bài`);
      expect(hint.indexOf('Để đính chính')).toBeLessThan(hint.indexOf('To ask for a correction'));
      expect((await t.seeded.store.itemByCode(code))?.revision.title).toBe('Khánh thành cầu Sông Bé mới');
      // Answering the hint passes the request to the editors.
      const { quoted } = await botMessage(INTAKE, 'nên sửa tin nhắn');
      t.say(ctv, INTAKE, { text: 'Cầu nối ba huyện chứ không phải hai', reply_to_message: quoted });
      await waitText(EDITORIAL, `${code} (đã xuất bản): người gửi ctv_sua đề nghị đính chính`);
      await waitText(INTAKE, `Đã chuyển đề nghị đính chính tin ${code}`);
    });

    it('answers in the poster’s forum topic, not in General', async () => {
      send(fixture<object>('topic-message.json'));
      const ack = await botMessage(INTAKE, 'Đã nhận tin');
      expect(ack.call.params.message_thread_id).toBe(5);
      send(fixture<object>('topic-message.json'), { text: '/help' });
      const help = await t.fake.waitFor(() => t.fake.sent('sendMessage', INTAKE).find((c) => c !== ack.call && c.params.reply_parameters));
      expect(help.params.message_thread_id).toBe(5);
    });

    it('shows reviewers where a forward came from, and names an anonymous admin honestly up to publication', async () => {
      const forwards = fixture<Record<string, object>>('forwards.json');
      send(forwards.channel!);
      const card = await t.fake.waitFor(() => t.fake.texts(EDITORIAL).find((x) => x.includes('Khởi công đường ĐT.741')));
      expect(card).toContain('↪️ Chuyển tiếp từ kênh “Báo Bình Phước (@baobinhphuoc)”');
      expect(card).toContain('🔗 Bài gốc: https://t.me/baobinhphuoc/4521');
      send(forwards.hidden_user!);
      expect(await t.fake.waitFor(() => t.fake.texts(EDITORIAL).find((x) => x.includes('Phú Riềng Đỏ')))).toContain('tài khoản ẩn “Người dân Đồng Xoài”');

      send(fixture<object>('anonymous-admin.json'));
      const ack = await waitText(INTAKE, 'Quản trị viên ẩn danh của nhóm “CTV gửi tin - Cổng TTĐT tỉnh”');
      const code = CODE.exec(ack)![0];
      const anonCard = await t.fake.waitFor(() => t.fake.texts(EDITORIAL).find((x) => x.includes(code) && x.includes('tiếp công dân')));
      expect(anonCard).not.toContain('Người gửi: Group');
      expect(anonCard).toContain('👤 Gửi bởi quản trị viên ẩn danh');
      await publish(code);
      const publication = await t.seeded.store.publicationByCode(code);
      expect(publication?.author).toBe('Quản trị viên ẩn danh của nhóm “CTV gửi tin - Cổng TTĐT tỉnh”');
    });

    it('takes an album of twelve, which Telegram splits in two media groups, as one submission', async () => {
      const part = fixture<{ message: Message }[]>('media-group.json')[0]!.message;
      const files = ['AgACAgUAAxkBAAIFemdKq1-large', 'AgACAgUAAxkBAAIFgmdKr-a-large', 'AgACAgUAAxkBAAIFg2dKr-b-large'];
      const first = t.fake.newMessageId();
      for (let i = 0; i < 12; i += 1) {
        const photo = [{ file_id: files[i % 3]!, file_unique_id: `u${i}`, file_size: 500, width: 1280, height: 960 }];
        t.fake.push({ message: { ...part, message_id: first + i, media_group_id: i < 10 ? '13838492015467400' : '13838492015467411', photo, caption: i === 0 ? part.caption : undefined } });
        if (i === 0) t.fake.newMessageId();
        else t.fake.newMessageId();
      }
      const ack = await waitText(INTAKE, 'Đã nhận tin');
      // The quiet time of the album has passed well before the second card could appear.
      await t.fake.waitFor(() => t.cardOf(CODE.exec(ack)![0]));
      const all = await t.seeded.store.receivedSubmissions();
      expect(all).toHaveLength(1);
      expect(all[0]!.attachments).toHaveLength(12);
      expect(all[0]!.rawText).toContain('Ra quân chiến dịch Mùa hè xanh');
    });

    it('pages /pending: forty long titles arrive as messages under 4096 characters, the next page on request', async () => {
      for (let n = 1; n <= 40; n += 1) {
        await submit(t.seeded.deps, {
          siteId: t.seeded.site.id, channel: 'telegram', chatId: String(INTAKE), messageIds: [String(900_000 + n)], senderPlatformId: '5111000100', senderName: 'CTV',
          senderPersonId: null, receivedAt: new Date('2026-11-30T01:00:00Z'), rawText: `Tin số ${n}: Hội nghị tổng kết công tác chuyển đổi số và cải cách hành chính năm 2026 của tỉnh\nNội dung.`, attachments: [],
        });
      }
      const chat = Number(people.editor.id);
      t.say(people.editor, chat, { text: '/pending' });
      const page1 = await waitText(chat, 'Chờ bạn (40)');
      expect(page1.length).toBeLessThanOrEqual(4096);
      expect(page1).toContain('(trang 1/2)');
      expect(page1).toContain('/pending 2');
      t.say(people.editor, chat, { text: '/pending 2' });
      const page2 = await waitText(chat, '(trang 2/2)');
      expect(page2.length).toBeLessThanOrEqual(4096);
      const listed = [page1, page2].join('\n').match(/BP-2026-\d{5}/g) ?? [];
      expect(new Set(listed).size).toBe(40);
      expect(t.fake.calls.filter((c) => c.status !== 200 && c.method === 'sendMessage')).toEqual([]);
    });
  });
});
