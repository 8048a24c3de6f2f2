import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { addPerson, createSite, OPERATOR } from '../../../src/app/people.js';
import { remindAndEscalate } from '../../../src/app/tickets/deadlines.js';
import { receiveTicket } from '../../../src/app/tickets/receive.js';
import { RefusalLog } from '../../../src/app/refusals.js';
import { openClient } from '../../../src/store/client.js';
import { BOT, type Call } from '../../fakes/telegramApi.js';
import { BACKENDS, type TestDatabase } from '../../helpers/databases.js';
import { EDITORIAL, startTelegramDesk, type TgUser } from '../../helpers/telegram.js';

type Desk = Awaited<ReturnType<typeof startTelegramDesk>>;
type Button = { text: string; callback_data: string };
const TICKETS = -1001555000444;
const DAY = 86_400_000;

/** The tickets chat: a receipt logged by phone becomes a card; each step is a button, with a prompt where words are needed. */
describe.each(BACKENDS)('the ticket desk on $name', ({ fresh, skip }) => {
  describe.skipIf(skip)('through the fake Bot API', () => {
    let db: TestDatabase;
    let t: Desk;
    let editor: TgUser;
    let editor2: TgUser;
    let collaborator: TgUser;

    beforeEach(async () => {
      db = await fresh();
      t = await startTelegramDesk(db.url, { tickets: { chat: String(TICKETS) } });
      t.seeded.deps.refusals = new RefusalLog({ store: t.seeded.store, clock: t.seeded.deps.clock }, () => undefined);
      editor = await t.linkedUser(t.seeded.id.editor1, 'dung_bt');
      editor2 = await t.linkedUser(t.seeded.id.editor2, 'dat_bt');
      // The standing deputy head, on Telegram: named when an overdue ticket escalates.
      await t.linkedUser(t.seeded.id.deputy, 'bich_pho');
      collaborator = await t.linkedUser(t.seeded.id.collaborator, 'hoa_ctv');
      const unit = await createSite(t.seeded.deps, { key: 'so-yte', kind: 'department', nameVi: 'Sở Y tế', nameEn: 'Department of Health', codePrefix: 'SYT', parentKey: 'tinh' });
      if (!unit.ok) throw new Error(unit.reason);
    });
    afterEach(async () => {
      await t.stop();
      await db.drop();
    });

    const messageIdOf = (c: Call) => (c.result as { message_id: number }).message_id;
    /** The card as it reads now: its last edit, or what was sent. */
    const now = (card: Call): { text: string; buttons: Button[] } => {
      const last = t.fake.sent('editMessageText', TICKETS).filter((e) => Number(e.params.message_id) === messageIdOf(card)).at(-1) ?? card;
      return { text: String(last.params.text), buttons: ((last.params.reply_markup as { inline_keyboard?: Button[][] } | undefined)?.inline_keyboard ?? []).flat() };
    };
    const cardsOf = (code: string) => t.fake.sent('sendMessage', TICKETS).filter((c) => String(c.params.text).startsWith(`📨 ${code}`));
    const cardOf = (code: string) => t.fake.waitFor(() => cardsOf(code).at(-1));
    const waitCard = (code: string, part: string) => t.fake.waitFor(() => cardsOf(code).map(now).find((c) => c.text.includes(part)));
    const pressData = (from: TgUser, card: Call, data: string) => {
      const update = t.fake.push({ callback_query: { id: `cq-${t.fake.newMessageId()}`, from, chat_instance: '-1', data, message: { message_id: messageIdOf(card), from: BOT, chat: { id: TICKETS, type: 'supergroup', title: 'Hỏi đáp' }, date: 0, text: 'x' } } });
      return t.answerTo(update.callback_query.id);
    };
    /** Presses `label` on the latest card of `code`, as that card reads now. */
    const press = async (from: TgUser, code: string, label: string) => {
      const card = await cardOf(code);
      const button = now(card).buttons.find((b) => b.text.includes(label));
      if (!button) throw new Error(`no button ${label} on ${now(card).text}`);
      return pressData(from, card, button.callback_data);
    };
    const reply = async (from: TgUser, promptPart: string, text: string) => {
      const prompt = await t.fake.waitFor(() => t.fake.sent('sendMessage', TICKETS).filter((c) => String(c.params.text).includes(promptPart)).at(-1));
      expect((prompt.params.reply_markup as { force_reply?: boolean }).force_reply).toBe(true);
      t.say(from, TICKETS, { text, reply_to_message: { message_id: messageIdOf(prompt), from: BOT, chat: { id: TICKETS, type: 'supergroup' }, date: 0 } });
    };
    const said = (chat: number, part: string) => t.fake.waitFor(() => t.fake.texts(chat).find((x) => x.includes(part)));
    const logPhone = async (text = 'Nguyễn Văn An | 0912 345 678 | cccd: 079123456789 | đc: 12 Lê Lợi, Đồng Xoài | Thủ tục cấp đổi giấy phép lái xe hạng B2 cần những giấy tờ gì?') => {
      const before = t.fake.texts(TICKETS).length;
      t.say(editor, TICKETS, { text: `/ticket phone ${text}` });
      const logged = await t.fake.waitFor(() => t.fake.texts(TICKETS).slice(before).find((x) => x.includes('Đã ghi nhận hỏi đáp')));
      return /HD-\d{4}-\d{5}/.exec(logged)![0];
    };
    const audits = async (action: string) => {
      const read = openClient(db.url);
      try {
        return await read.auditEvent.count({ where: { action } });
      } finally {
        await read.$disconnect();
      }
    };

    it('logs a phone receipt from chat and shows one card with what the desk needs, never an identity number', async () => {
      const code = await logPhone();
      const card = await cardOf(code);
      const { text, buttons } = now(card);
      expect(text).toContain(`📨 ${code} · Hỏi đáp · Điện thoại`);
      expect(text).toContain('Bước: Tiếp nhận');
      expect(text).toContain('Hạn trả lời: 21/12/2026');
      expect(text).toContain('Người gửi: Nguyễn Văn An · ĐT 0912 345 678 · không có thư điện tử');
      expect(text).toContain('Địa chỉ: 12 Lê Lợi, Đồng Xoài');
      expect(text).toContain('Người tiếp nhận: Phạm Thu Dung');
      expect(text).toContain('giấy phép lái xe hạng B2');
      expect(text).not.toContain('079123456789');
      expect(buttons.map((b) => b.text)).toEqual(['🔎 Xác minh', '👥 Giao xử lý', '📅 Gia hạn', '💬 Trả lời', '🚫 Ngoài phạm vi']);
      for (const b of buttons) expect(Buffer.byteLength(b.callback_data)).toBeLessThanOrEqual(64);
      // Marked once the card is out.
      const stored = await t.fake.waitFor(async () => {
        const row = await t.seeded.store.ticketByCode(code);
        return row?.announcedAt ? row : null;
      });
      expect([stored.channel, stored.receivedById, stored.senderContact.idNumber]).toEqual(['phone', t.seeded.id.editor1, '079123456789']);

      // Announced once: another run sends nothing.
      expect(await t.telegram.tickets!.announce()).toBe(0);
      expect(cardsOf(code)).toHaveLength(1);

      // Lines instead of bars, a complaint, an e-mail: the same command, forgiving.
      t.say(editor, TICKETS, { text: '/ticket post pa Trần Thị Lan\nlan@example.vn\nsố: 15/ĐN-2026\nĐèn đường ấp 3 hỏng cả tháng nay.\nXin sửa sớm.' });
      const pa = /PA-\d{4}-\d{5}/.exec(await said(TICKETS, 'Đã ghi nhận phản ánh, kiến nghị'))![0];
      const second = now(await cardOf(pa)).text;
      expect(second).toContain('Phản ánh, kiến nghị · Bưu chính');
      expect(second).toContain('có thư điện tử');
      expect(second).not.toContain('lan@example.vn');
      expect(second).toContain('Số, ký hiệu: 15/ĐN-2026');
      expect(second).toContain('Xin sửa sớm.');

      // Refusals in words: a collaborator, a stranger, an unknown channel, nothing to log.
      t.say(collaborator, TICKETS, { text: '/ticket phone Lê Văn B | Câu hỏi' });
      await said(TICKETS, 'Bạn không có quyền thực hiện thao tác này.');
      t.say(t.stranger('khach'), TICKETS, { text: '/ticket phone Lê Văn B | Câu hỏi' });
      await said(TICKETS, 'chưa được liên kết');
      t.say(editor, TICKETS, { text: '/ticket fax Lê Văn B | Câu hỏi' });
      await said(TICKETS, 'Kênh “fax” không dùng được');
      t.say(editor, TICKETS, { text: '/ticket phone Lê Văn B' });
      await said(TICKETS, '/ticket phone Nguyễn Văn A | 0912345678');
      expect(await audits('ticket_received')).toBe(2);
    });

    it('walks the five steps by button and reply; the card follows; archiving before the decision says why not', async () => {
      const code = await logPhone();
      expect((await press(editor, code, 'Xác minh')).text).toBe(`Đã ghi nhận: xác minh — ${code}.`);
      await waitCard(code, 'Bước: Nghiên cứu, xác minh');

      expect((await press(editor, code, 'Giao xử lý')).text).toContain('Hãy trả lời (reply)');
      await reply(editor, `để giao ${code}`, 'so-yte @dat_bt 20/12/2026');
      const assigned = await waitCard(code, 'Bước: Phối hợp xử lý');
      expect(assigned.text).toContain('Đơn vị xử lý: Sở Y tế · Người xử lý: Hoàng Quốc Đạt');
      expect(assigned.text).toContain('Hạn trả lời: 20/12/2026');
      // The assignee is on Telegram: told privately, with the signed link; no mail.
      expect(await said(editor2.id, `được giao trả lời hỏi đáp ${code}`)).toContain('/tra-loi/');

      // A reply that does not read is asked again, and the prompt stays open.
      await press(editor, code, 'Gia hạn');
      await reply(editor, `lý do gia hạn ${code}`, '31/02/2027 chờ Sở Tài chính');
      await said(TICKETS, 'Ngày “31/02/2027” không hợp lệ');
      await reply(editor, `lý do gia hạn ${code}`, '05/01/2027 Chờ ý kiến Sở Tài chính');
      const moved = await waitCard(code, 'Hạn trả lời: 05/01/2027');
      expect(moved.text).toContain('Đã gia hạn 1 lần; lần cuối: Chờ ý kiến Sở Tài chính');

      await press(editor, code, 'Trả lời');
      await reply(editor, `nội dung trả lời ${code}`, 'Ông/bà mang CCCD, giấy khám sức khỏe và bằng lái cũ đến Sở Giao thông vận tải.');
      // An answer is when the desk must come back: the card is sent again below, the old one retired.
      await t.fake.waitFor(() => cardsOf(code).length === 2);
      const answered = now(cardsOf(code).at(-1)!);
      expect(answered.text).toContain('Bước: Đã trả lời');
      expect(answered.text).toContain('Trả lời (Phạm Thu Dung');
      expect(answered.text).toContain('Gửi người hỏi qua: cán bộ gọi điện hoặc gửi văn bản');
      expect(answered.buttons.map((b) => b.text)).toEqual(['🌐 Công khai', '🔒 Không công khai', '🗄 Lưu trữ']);
      await t.fake.waitFor(() => now(cardsOf(code)[0]!).text.includes('xem thẻ mới bên dưới'));
      expect(now(cardsOf(code)[0]!).buttons).toEqual([]);

      expect((await press(editor, code, 'Lưu trữ')).text).toBe('Chưa quyết định công khai hay không (kèm lý do): chưa thể lưu trữ hồ sơ.');
      expect((await t.seeded.store.ticketByCode(code))?.state).toBe('answered');

      await press(editor, code, 'Công khai');
      await reply(editor, `lý do công khai ${code}`, '.');
      await waitCard(code, 'Công khai — Phạm Thu Dung: Câu hỏi và câu trả lời có ích cho nhiều người.');
      expect((await t.seeded.store.publicTicket(code))?.publicQuestion).toContain('giấy phép lái xe');

      expect((await press(editor, code, 'Lưu trữ')).text).toBe(`Đã ghi nhận: lưu trữ — ${code}.`);
      const archived = await waitCard(code, 'Bước: Lưu trữ');
      expect(archived.buttons).toEqual([]);
      for (const action of ['ticket_verified', 'ticket_assigned', 'ticket_due_moved', 'ticket_answered', 'ticket_publish_decided', 'ticket_archived']) expect(await audits(action)).toBe(1);
    });

    it('takes one of two presses at once, says the other card is stale, and refuses in the presser’s language', async () => {
      const code = await logPhone();
      const card = await cardOf(code);
      const verify = now(card).buttons.find((b) => b.text.includes('Xác minh'))!;
      const [a, b] = await Promise.all([pressData(editor, card, verify.callback_data), pressData(editor2, card, verify.callback_data)]);
      expect([a.text, b.text].sort()).toEqual([`Đã ghi nhận: xác minh — ${code}.`, `Thẻ này đã cũ: hồ sơ ${code} vừa thay đổi. Thẻ đang được cập nhật, hãy xem lại.`].sort());
      expect(await audits('ticket_verified')).toBe(1);
      // The old button again, once the card moved on: stale, nothing done.
      await waitCard(code, 'Bước: Nghiên cứu, xác minh');
      expect((await pressData(editor, card, verify.callback_data)).text).toContain('Thẻ này đã cũ');

      // Someone else's prompt, a collaborator, a forged button.
      await press(editor, code, 'Ngoài phạm vi');
      await reply(editor2, `${code} không thuộc phạm vi`, 'Không thuộc thẩm quyền');
      await said(TICKETS, 'Chỉ Phạm Thu Dung trả lời được yêu cầu này.');
      expect((await press(collaborator, code, 'Giao xử lý')).text).toBe('Bạn không có quyền thực hiện thao tác này.');
      const data = verify.callback_data;
      expect((await pressData(editor, card, `${data.slice(0, -1)}${data.endsWith('A') ? 'B' : 'A'}`)).text).toContain('Nút không hợp lệ');

      t.say(editor2, editor2.id, { text: '/lang en' });
      await said(editor2.id, 'English');
      await press(editor2, code, 'Trả lời');
      await reply(editor2, `the answer to ${code}`, 'x'.repeat(20_001));
      await said(TICKETS, 'The answer is too long (20,000 characters at most).');
      expect((await t.seeded.store.ticketByCode(code))?.state).toBe('verifying');

      await reply(editor, `${code} không thuộc phạm vi`, 'Nội dung thuộc thẩm quyền của Tòa án.');
      const declined = await waitCard(code, 'Ngoài phạm vi: Nội dung thuộc thẩm quyền của Tòa án.');
      expect(declined.buttons).toEqual([]);
    });

    it('lists mine, overdue and by unit; /ticket CODE brings the card back with its history; the overdue escalate to deputies in the chat', async () => {
      const code = await logPhone();
      await press(editor, code, 'Giao xử lý');
      await reply(editor, `để giao ${code}`, 'so-yte @dat_bt');
      await waitCard(code, 'Người xử lý: Hoàng Quốc Đạt');
      const other = await logPhone('Lê Thị Mai | Giờ làm việc của bộ phận một cửa?');

      t.say(editor2, editor2.id, { text: '/tickets' });
      const mine = await said(editor2.id, 'Hồ sơ đang giao cho bạn: 1');
      expect(mine).toContain(`• ${code} · hạn 21/12/2026 · Phối hợp xử lý`);
      expect(mine).not.toContain(other);
      t.say(editor, editor.id, { text: '/tickets don-vi so-yte' });
      expect(await said(editor.id, 'Hồ sơ đang mở của Sở Y tế: 1')).toContain(code);
      t.say(collaborator, collaborator.id, { text: '/tickets qua-han' });
      await said(collaborator.id, 'Bạn không có quyền');

      t.seeded.time.advance(25 * DAY);
      t.say(editor, editor.id, { text: '/tickets qua-han' });
      const overdue = await said(editor.id, 'Hồ sơ quá hạn: 2');
      expect(overdue).toContain(`• ${code} · hạn 21/12/2026 ⚠️ quá hạn · Phối hợp xử lý`);
      expect(await remindAndEscalate(t.ticketEnv)).toMatchObject({ escalated: 2 });
      expect(await said(TICKETS, `Hồ sơ ${code} (Sở Y tế, giao Hoàng Quốc Đạt) đã quá hạn`)).toContain('@bich_pho');
      expect(await remindAndEscalate(t.ticketEnv)).toMatchObject({ escalated: 0 });
      // The escalation moved the ticket's version under the card: a press says so and the card catches up.
      expect((await press(editor, code, 'Gia hạn')).text).toContain('Thẻ này đã cũ');
      await waitCard(code, 'Đã báo Phó Trưởng ban thường trực');
      expect((await press(editor, code, 'Gia hạn')).text).toContain('Hãy trả lời (reply)');

      t.say(editor, TICKETS, { text: `/ticket ${code.toLowerCase()}` });
      const history = await said(TICKETS, `Thẻ ${code} vừa được gửi lại bên dưới.`);
      expect(history).toContain('tiếp nhận (Điện thoại)');
      expect(history).toContain('giao Sở Y tế — Hoàng Quốc Đạt');
      await t.fake.waitFor(() => cardsOf(code).length === 2);
      expect(now(cardsOf(code).at(-1)!).text).toContain('⚠️ quá hạn');
      expect(now(cardsOf(code)[0]!).buttons).toEqual([]);
      // In a private chat it is read, not acted on; a collaborator reads nothing.
      t.say(editor2, editor2.id, { text: `/ticket ${code}` });
      const view = await said(editor2.id, `📨 ${code}`);
      expect(view).toContain('Diễn biến:');
      t.say(collaborator, collaborator.id, { text: `/ticket ${code}` });
      await said(collaborator.id, 'Bạn không có quyền');
    });

    it('reaches an assignee not on Telegram by mail, and turns an interaction’s ticket into a card like any other', async () => {
      const outsider = await addPerson(t.seeded.deps, { displayName: 'Trần Văn Bình', email: 'binh@soyte.gov.vn' }, OPERATOR);
      const code = await logPhone();
      await press(editor, code, 'Giao xử lý');
      await reply(editor, `để giao ${code}`, 'so-yte binh@soyte.gov.vn');
      await waitCard(code, 'Người xử lý: Trần Văn Bình');
      const read = openClient(db.url);
      try {
        const mail = await t.fake.waitFor(() => read.outgoingMail.findFirst({ where: { toAddress: 'binh@soyte.gov.vn' } }));
        expect(mail.text).toContain(`/tra-loi/${code}?p=${outsider.id}&t=`);
      } finally {
        await read.$disconnect();
      }

      const received = await receiveTicket(t.ticketEnv, { kind: 'question', channel: 'portal', dedupeKey: 'form:1', siteId: null, question: 'Lịch tiếp công dân tháng 12?', senderName: 'Võ Minh', senderEmail: 'minh@example.vn', lang: 'en' });
      if (!received.ok) throw new Error(received.reason);
      expect(await t.telegram.tickets!.announce()).toBe(1);
      expect(now(await cardOf(received.value.ticket.code)).text).toContain('Cổng thông tin (Hỏi đáp)');
    });

    it('/nhap logs a news item received on paper with its reference; it reaches the editors’ intake card once', async () => {
      t.say(editor, editor.id, { text: '/nhap post 245/SYT-VP\nTiêm chủng mở rộng đợt 2\nSở Y tế thông báo lịch tiêm chủng mở rộng đợt 2 tại các trạm y tế xã.' });
      const done = await said(editor.id, 'Đã nhập tin');
      const code = /BP-\d{4}-\d{5}/.exec(done)![0];
      expect(done).toContain('bưu chính, số 245/SYT-VP');
      const card = await t.fake.waitFor(() => t.fake.sent('sendMessage', EDITORIAL).find((c) => String(c.params.text).includes(code)));
      expect(String(card.params.text)).toContain('Phạm Thu Dung — nhập tay (bưu chính, số 245/SYT-VP)');
      expect(String(card.params.text)).toContain('Tiêm chủng mở rộng đợt 2');
      const sub = (await t.seeded.store.receivedSubmissions()).find((s) => s.code === code);
      expect([sub?.channel, sub?.senderPersonId, sub?.messageIds]).toEqual(['post', t.seeded.id.editor1, ['245/SYT-VP']]);

      t.say(editor, editor.id, { text: '/nhap buu-chinh 245/SYT-VP\nTiêm chủng mở rộng đợt 2\nLần nữa.' });
      expect(await said(editor.id, 'đã được nhập trước đó')).toContain(code);
      t.say(editor, editor.id, { text: '/nhap fax 1/X\nTiêu đề\nNội dung' });
      await said(editor.id, 'Kênh “fax” không hợp lệ');
      t.say(collaborator, collaborator.id, { text: '/nhap post 9/X\nTiêu đề\nNội dung' });
      await said(collaborator.id, 'Bạn không có quyền');
      t.say(editor, editor.id, { text: '/nhap post 10/X' });
      await said(editor.id, 'Cần tiêu đề');
      expect((await t.seeded.store.receivedSubmissions()).filter((s) => s.channel === 'post')).toHaveLength(1);
    });
  });
});
