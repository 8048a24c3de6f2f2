import pino from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { writeItem } from '../../../src/app/items.js';
import { moderateInteraction, receiveInteraction } from '../../../src/app/interactions/moderation.js';
import { RefusalLog } from '../../../src/app/refusals.js';
import type { InboundInteraction } from '../../../src/core/interactions/model.js';
import { openClient } from '../../../src/store/client.js';
import { BOT, type Call } from '../../fakes/telegramApi.js';
import { BACKENDS, type TestDatabase } from '../../helpers/databases.js';
import { EDITORIAL, startTelegramDesk, type TgUser } from '../../helpers/telegram.js';

type Desk = Awaited<ReturnType<typeof startTelegramDesk>>;
const MODERATION = -1001555000333;
type Button = { text: string; callback_data: string };

/** The moderators' chat: new interactions as cards grouped per item, decided by button, and a daily digest. */
describe.each(BACKENDS)('interaction cards on $name', ({ fresh, skip }) => {
  describe.skipIf(skip)('through the fake Bot API', () => {
    let db: TestDatabase;
    let t: Desk;
    let editor: TgUser;
    let secretary: TgUser;
    let collaborator: TgUser;
    let externalId = 0;
    const unrecorded: unknown[] = [];
    /** The desk's log lines as JSON text, as the service would print them. */
    let logged: string[] = [];

    beforeEach(async () => {
      db = await fresh();
      logged = [];
      const log = pino({ level: 'info' }, { write: (line: string) => void logged.push(line) });
      t = await startTelegramDesk(db.url, { interactions: { chat: String(MODERATION), digestAt: '08:00' }, log });
      // The refusals log as the service has it, so refused presses reach the audit trail.
      t.seeded.deps.refusals = new RefusalLog({ store: t.seeded.store, clock: t.seeded.deps.clock }, (error) => void unrecorded.push(error));
      editor = await t.linkedUser(t.seeded.id.editor1, 'dung_bt');
      secretary = await t.linkedUser(t.seeded.id.secretary, 'chau_tk');
      collaborator = await t.linkedUser(t.seeded.id.collaborator, 'hoa_ctv');
    });
    afterEach(async () => {
      await t.stop();
      await db.drop();
    });

    const inbound = (over: Partial<InboundInteraction>): InboundInteraction => ({
      source: 'facebook',
      kind: 'comment',
      externalId: `ext-${(externalId += 1)}`,
      verb: 'add',
      authorName: 'Nguyễn Văn Bình',
      authorRef: '9001',
      text: 'Khi nào đường ĐT768 thông xe?',
      occurredAt: t.seeded.time.clock(),
      ...over,
    });
    const receive = async (over: Partial<InboundInteraction>) => (await receiveInteraction(t.seeded.deps, inbound(over))).record;
    const item = async (title: string) => {
      const written = await writeItem(t.seeded.deps, t.seeded.id.editor1, 'tinh', { kind: 'news', content: { title, body: 'Nội dung.' } });
      if (!written.ok) throw new Error(written.reason);
      return written.value.code;
    };

    const cards = (): Call[] => t.fake.sent('sendMessage', MODERATION).filter((c) => c.params.reply_markup && 'inline_keyboard' in (c.params.reply_markup as object));
    const buttonsOf = (card: Call): Button[] => (card.params.reply_markup as { inline_keyboard: Button[][] }).inline_keyboard.flat();
    const messageIdOf = (c: Call) => (c.result as { message_id: number }).message_id;
    /** What a card reads now: its last edit, or what was sent. */
    const cardText = (card: Call) =>
      String(
        t.fake
          .sent('editMessageText', MODERATION)
          .filter((e) => Number(e.params.message_id) === messageIdOf(card))
          .at(-1)?.params.text ?? card.params.text,
      );
    const waitCardText = (card: Call, part: string) => t.fake.waitFor(() => cardText(card).includes(part) && cardText(card));

    const pressData = (from: TgUser, card: Call, data: string) => {
      const update = t.fake.push({
        callback_query: { id: `cq-${t.fake.newMessageId()}`, from, chat_instance: '-1', data, message: { message_id: messageIdOf(card), from: BOT, chat: { id: MODERATION, type: 'supergroup', title: 'Kiểm duyệt' }, date: 0, text: String(card.params.text) } },
      });
      return t.answerTo(update.callback_query.id);
    };
    /** Presses line `n`'s button labelled `label` on the card. */
    const press = (from: TgUser, card: Call, n: number, label: string) => {
      const button = buttonsOf(card).find((b) => b.text.startsWith(`${n} `) && b.text.includes(label));
      if (!button) throw new Error(`no button ${n} ${label} on ${String(card.params.text)}`);
      return pressData(from, card, button.callback_data);
    };
    /** Answers the force-reply prompt the bot just sent for `who`. */
    const replyToPrompt = async (from: TgUser, promptPart: string, text: string) => {
      const prompt = await t.fake.waitFor(() => t.fake.sent('sendMessage', MODERATION).filter((c) => String(c.params.text).includes(promptPart)).at(-1));
      expect((prompt.params.reply_markup as { force_reply?: boolean }).force_reply).toBe(true);
      t.say(from, MODERATION, { text, reply_to_message: { message_id: messageIdOf(prompt), from: BOT, chat: { id: MODERATION, type: 'supergroup' }, date: 0 } });
      return prompt;
    };

    it('sends one card per item and one per source for what is under no item, and marks them announced once sent', async () => {
      const codeA = await item('Lịch tiếp công dân tháng 12');
      const codeB = await item('Khánh thành cầu Sông Bé');
      await receive({ source: 'portal', itemCode: codeA, authorName: 'Trần Thị Lan', text: 'Cho hỏi lịch tiếp ngày 15 có thay đổi không?' });
      await receive({ source: 'portal', itemCode: codeB, authorName: 'Lê Văn Tư', text: 'Cầu đẹp quá, cảm ơn tỉnh.' });
      await receive({ source: 'portal', itemCode: codeA, authorName: 'Phạm Hùng', text: 'Xin lịch tiếp của huyện.' });
      await receive({ source: 'zalo-oa', kind: 'message', channelId: 'chan-oa', authorName: 'Ngô Thị Mai', text: 'Tôi muốn phản ánh đèn đường hỏng ở phường Tân Phú.' });
      await receive({ source: 'zalo-oa', kind: 'message', channelId: 'chan-oa', authorName: 'Võ Minh', text: 'x'.repeat(1500) });
      // A bare rating counts at once; it needs nobody and gets no card.
      await receive({ source: 'portal', kind: 'rating', itemCode: codeA, authorName: 'Người chấm', text: '', rating: { content: 5 } });

      expect(await t.telegram.interactions.announce()).toBe(5);
      expect(await t.seeded.store.unannounced(50)).toEqual([]);
      expect(await t.telegram.interactions.announce()).toBe(0);
      const sent = cards();
      expect(sent).toHaveLength(3);
      const [a = '', b = '', oa = ''] = sent.map((c) => String(c.params.text));
      expect(a).toContain(`${codeA}: Lịch tiếp công dân tháng 12`);
      expect(a).toContain('1. Cổng thông tin · bình luận · Trần Thị Lan');
      expect(a).toContain('2. Cổng thông tin · bình luận · Phạm Hùng');
      expect(a).not.toContain('Người chấm');
      expect(b).toContain(codeB);
      expect(b).toContain('Cầu đẹp quá');
      expect(oa).toContain('qua Zalo OA (không gắn với tin nào)');
      expect(oa).toContain('Ngô Thị Mai');
      // A long message is trimmed on the card.
      expect(oa.length).toBeLessThan(1000);
      expect(buttonsOf(sent[0]!).map((x) => x.text)).toEqual(['1 ✅ Công khai', '1 💬 Trả lời', '1 🙈 Ẩn', '1 📨 Chuyển hỏi đáp', '2 ✅ Công khai', '2 💬 Trả lời', '2 🙈 Ẩn', '2 📨 Chuyển hỏi đáp']);
      for (const card of sent) for (const button of buttonsOf(card)) expect(Buffer.byteLength(button.callback_data)).toBeLessThanOrEqual(64);
      expect(t.fake.sent('sendMessage', EDITORIAL)).toHaveLength(0);
    });

    it('a desk stopping while a card waits its turn logs no error, and what the card held stays owed for the next start', async () => {
      const codeA = await item('Lịch tiếp công dân tháng 12');
      const codeB = await item('Khánh thành cầu Sông Bé');
      await receive({ source: 'portal', itemCode: codeA, text: 'Cho hỏi lịch tiếp ngày 15 có thay đổi không?' });
      await receive({ source: 'portal', itemCode: codeB, text: 'Cầu đẹp quá, cảm ơn tỉnh.' });
      const run = t.telegram.interactions.announce();
      // The second card waits about a second behind the first (one message a second in a chat): stop then.
      await t.fake.waitFor(() => cards().length === 1);
      await t.telegram.stop();
      expect(await run).toBe(1);
      expect(cards()).toHaveLength(1);
      const owed = await t.seeded.store.unannounced(50);
      expect(owed.map((r) => r.text)).toEqual([String(cards()[0]!.params.text).includes(codeA) ? 'Cầu đẹp quá, cảm ơn tỉnh.' : 'Cho hỏi lịch tiếp ngày 15 có thay đổi không?']);
      expect(logged.filter((line) => /"level":(50|60)/.test(line))).toEqual([]);
    });

    it('a connection dropped under a card is a warning and the next run sends the card once; a failure that keeps coming back is an error', async () => {
      const code = await item('Lịch tiếp công dân tháng 12');
      await receive({ source: 'portal', itemCode: code, text: 'Cho hỏi lịch tiếp ngày 15 có thay đổi không?' });
      const failedSends = () => logged.filter((line) => line.includes('interaction card not sent')).map((line) => (JSON.parse(line) as { level: number }).level);
      t.fake.dropNext('sendMessage');
      expect(await t.telegram.interactions.announce()).toBe(0);
      expect(failedSends()).toEqual([40]);
      expect(cards()).toHaveLength(0);
      t.seeded.time.advance(2_000);
      expect(await t.telegram.interactions.announce()).toBe(1);
      expect(cards()).toHaveLength(1);
      expect(logged.filter((line) => /"level":(50|60)/.test(line))).toEqual([]);

      await receive({ source: 'portal', itemCode: code, text: 'Xin lịch tiếp của huyện.' });
      t.fake.dropNext('sendMessage', 3);
      for (let run = 0; run < 3; run += 1) {
        expect(await t.telegram.interactions.announce()).toBe(0);
        t.seeded.time.advance(10_000);
      }
      expect(failedSends()).toEqual([40, 40, 40, 50]);
      expect(await t.telegram.interactions.announce()).toBe(1);
      expect(cards()).toHaveLength(2);
    });

    it('lets a moderator publish, answer with text, hide with a reason and turn into a question; the card says who did what', async () => {
      const fb = { source: 'facebook' as const, channelId: 'chan-fb' };
      const first = await receive({ ...fb, text: 'Bài viết rất hữu ích.' });
      const second = await receive({ ...fb, text: 'Khi nào đường ĐT768 thông xe?' });
      const third = await receive({ ...fb, text: 'Mua bán đất nền giá rẻ, gọi 09xx' });
      const fourth = await receive({ ...fb, text: 'Đèn đường ở ấp 3 hỏng cả tháng nay.' });
      await t.telegram.interactions.announce();
      const card = cards()[0]!;

      expect((await press(editor, card, 1, 'Công khai')).text).toContain('Đã ghi nhận: công khai — tương tác số 1');
      await waitCardText(card, 'Phạm Thu Dung đã công khai');
      expect((await t.seeded.store.interactionById(first.id))?.state).toBe('published');

      expect((await press(editor, card, 2, 'Trả lời')).text).toContain('câu trả lời');
      await replyToPrompt(editor, 'câu trả lời cho tương tác số 2', 'Dự kiến thông xe trong quý I/2027.');
      await waitCardText(card, 'Phạm Thu Dung đã trả lời');
      const answered = await t.seeded.store.interactionById(second.id);
      expect([answered?.state, answered?.answerText, answered?.answeredById]).toEqual(['answered', 'Dự kiến thông xe trong quý I/2027.', t.seeded.id.editor1]);
      // The reply is owed to Facebook once, through the outbox; the desk does not post it.
      expect((await t.seeded.store.actionsOf(second.id)).map((a) => [a.action, a.text])).toEqual([['reply', 'Dự kiến thông xe trong quý I/2027.']]);

      await press(secretary, card, 3, 'Ẩn');
      await replyToPrompt(secretary, 'lý do ẩn tương tác số 3', 'Quảng cáo');
      await waitCardText(card, 'Lê Minh Châu đã ẩn');
      const hidden = await t.seeded.store.interactionById(third.id);
      expect([hidden?.state, hidden?.reason, hidden?.decidedById]).toEqual(['hidden', 'Quảng cáo', t.seeded.id.secretary]);
      expect((await t.seeded.store.actionsOf(third.id)).map((a) => a.action)).toEqual(['hide']);

      const ticket = await press(editor, card, 4, 'Chuyển hỏi đáp');
      expect(ticket.text).toContain('sẽ hiện ở nhóm hỏi đáp');
      expect(ticket.show_alert).toBe(true);
      expect((await t.seeded.store.interactionById(fourth.id))?.state).toBe('ticket');

      const final = await waitCardText(card, 'chuyển thành hỏi đáp/phản ánh');
      expect(final).toContain('Lý do: Quảng cáo');
      expect(final).toContain('Dự kiến thông xe trong quý I/2027.');
      // Line 1 (published) can still be answered; the others are done and lost their buttons.
      const last = t.fake.sent('editMessageText', MODERATION).filter((e) => Number(e.params.message_id) === messageIdOf(card)).at(-1)!;
      expect(((last.params.reply_markup as { inline_keyboard: Button[][] }).inline_keyboard.flat()).map((x) => x.text)).toEqual(['1 💬 Trả lời', '1 🙈 Ẩn', '1 📨 Chuyển hỏi đáp']);
    });

    it('refuses a collaborator, a forged button, a stranger and a prompt answered by someone else, changing nothing', async () => {
      const record = await receive({ source: 'zalo-oa', kind: 'message', channelId: 'chan-oa', text: 'Xin hỏi thủ tục cấp đổi căn cước.' });
      await t.telegram.interactions.announce();
      const card = cards()[0]!;

      expect((await press(collaborator, card, 1, 'Công khai')).text).toContain('Chỉ biên tập viên, thư ký, lãnh đạo hoặc quản trị viên');
      expect((await press(collaborator, card, 1, 'Trả lời')).text).toContain('Chỉ biên tập viên');
      // No prompt was sent to the collaborator.
      expect(t.fake.texts(MODERATION).some((x) => x.includes('Đặng Thị Hoa: trả lời'))).toBe(false);
      const publish = buttonsOf(card).find((b) => b.text.startsWith('1 ') && b.text.includes('Công khai'))!.callback_data;
      expect((await pressData(editor, card, `${publish.slice(0, -1)}${publish.endsWith('A') ? 'B' : 'A'}`)).text).toContain('Nút không hợp lệ');
      // Another line's number on the same signature is forged too.
      expect((await pressData(editor, card, publish.replace('.0n.', '.1n.'))).text).toContain('Nút không hợp lệ');
      expect((await pressData(t.stranger('nguoi_la'), card, publish)).text).toContain('chưa được liên kết');

      await press(editor, card, 1, 'Trả lời');
      await replyToPrompt(secretary, 'Phạm Thu Dung: trả lời', 'Tôi trả lời thay.');
      await t.fake.waitFor(() => t.fake.texts(MODERATION).find((x) => x.includes('Chỉ Phạm Thu Dung trả lời được')));
      expect((await t.seeded.store.interactionById(record.id))?.state).toBe('new');
      expect(await t.seeded.store.actionsOf(record.id)).toEqual([]);

      const read = openClient(db.url);
      try {
        const refused = await read.auditEvent.findMany({ where: { action: 'security.refused.privileged_command' } });
        expect(refused.map((r) => JSON.parse(r.data) as { action: string }).map((d) => d.action).sort()).toEqual(['interaction.publish', 'interaction.reply']);
        expect(await read.auditEvent.count({ where: { action: 'security.refused.callback_data' } })).toBeGreaterThanOrEqual(1);
      } finally {
        await read.$disconnect();
      }

      // The person asked can still answer.
      await replyToPrompt(editor, 'Phạm Thu Dung: trả lời', 'Mời anh/chị đến bộ phận một cửa của phường.');
      await waitCardText(card, 'Phạm Thu Dung đã trả lời');
      expect((await t.seeded.store.interactionById(record.id))?.state).toBe('answered');
      expect(await t.seeded.store.actionsOf(record.id)).toHaveLength(1);
      expect(unrecorded).toEqual([]);
    });

    it('says a card is stale when its line was edited or decided elsewhere, and brings an edit back as a new card', async () => {
      const record = await receive({ source: 'facebook', channelId: 'chan-fb', externalId: 'cmt-1', text: 'Đường xấu quá' });
      const other = await receive({ source: 'facebook', channelId: 'chan-fb', text: 'Bao giờ sửa?' });
      await t.telegram.interactions.announce();
      const old = cards()[0]!;
      await moderateInteraction(t.seeded.deps, t.seeded.id.secretary, record.id, { type: 'publish' });
      // Edited on Facebook after a moderator let it out: the public still reads the old words, and a new card asks again.
      await receiveInteraction(t.seeded.deps, inbound({ source: 'facebook', channelId: 'chan-fb', externalId: 'cmt-1', verb: 'edited', text: 'Đường xấu quá, đề nghị sửa gấp' }));
      expect(await t.telegram.interactions.announce()).toBe(1);
      const renewed = cards()[1]!;
      expect(String(renewed.params.text)).toContain('✏️ đã sửa');
      expect(String(renewed.params.text)).toContain('Lê Minh Châu đã công khai');

      const stale = await press(editor, old, 1, 'Công khai');
      expect(stale.text).toContain('Thẻ này đã cũ');
      await waitCardText(old, 'Đã sửa sau thẻ này');
      expect((await t.seeded.store.interactionById(record.id))?.publicText).toBe('Đường xấu quá');

      // Decided elsewhere: the old card's line 2 moved from new to hidden.
      await moderateInteraction(t.seeded.deps, t.seeded.id.secretary, other.id, { type: 'hide', reason: 'Trùng lặp' });
      expect((await press(editor, old, 2, 'Trả lời')).text).toContain('Thẻ này đã cũ');
      await waitCardText(old, 'Lê Minh Châu đã ẩn');

      // The new card publishes the edited words.
      expect((await press(editor, renewed, 1, 'Công khai')).text).toContain('Đã ghi nhận');
      expect((await t.seeded.store.interactionById(record.id))?.publicText).toBe('Đường xấu quá, đề nghị sửa gấp');
    });

    it('sends the digest of what waits once a day after its time, oldest first, with ages and counts per source', async () => {
      // 09:00 in Ho Chi Minh City on 30/11: past 08:00, so today's digest is due.
      await receive({ source: 'youtube', text: 'Video rất hay' });
      t.seeded.time.advance(3 * 3_600_000);
      await receive({ source: 'facebook', authorName: 'Lý Thu', text: 'Cho hỏi số điện thoại đường dây nóng' });
      await receive({ source: 'facebook', text: 'Xin cảm ơn' });
      const answered = await receive({ source: 'portal', text: 'Đã trả lời rồi' });
      await moderateInteraction(t.seeded.deps, t.seeded.id.editor1, answered.id, { type: 'answer', text: 'Vâng.' });
      t.seeded.time.advance(30 * 60_000);

      expect(await t.telegram.interactions.digest()).toBe(3);
      const digest = await t.fake.waitFor(() => t.fake.texts(MODERATION).find((x) => x.startsWith('📋')));
      expect(digest).toContain('Tương tác đang chờ trả lời: 3 (YouTube 1 · Facebook 2)');
      const lines = digest.split('\n').slice(1);
      expect(lines[0]).toContain('3 giờ · YouTube');
      expect(lines[1]).toContain('30 phút · Facebook · không gắn tin · Lý Thu: Cho hỏi số điện thoại');
      expect(digest).not.toContain('Đã trả lời rồi');

      // Once a day: later runs the same day send nothing, nor do runs before 08:00 the next day.
      expect(await t.telegram.interactions.digest()).toBe(0);
      t.seeded.time.advance(19 * 3_600_000); // 07:30 on 01/12
      expect(await t.telegram.interactions.digest()).toBe(0);
      t.seeded.time.advance(3_600_000); // 08:30 on 01/12
      expect(await t.telegram.interactions.digest()).toBe(3);
      await t.fake.waitFor(() => t.fake.texts(MODERATION).filter((x) => x.startsWith('📋')).length === 2);

      // Nothing waiting: no message, and the day still counts as done.
      const read = openClient(db.url);
      try {
        await read.interaction.updateMany({ data: { state: 'hidden', reason: 'dọn' } });
      } finally {
        await read.$disconnect();
      }
      t.seeded.time.advance(24 * 3_600_000);
      expect(await t.telegram.interactions.digest()).toBe(0);
      expect(await t.seeded.store.cursor('telegram:interactions-digest')).toBe('2026-12-02');
      expect(t.fake.texts(MODERATION).filter((x) => x.startsWith('📋'))).toHaveLength(2);
    });
  });
});
