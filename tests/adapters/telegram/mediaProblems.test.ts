import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BACKENDS, type TestDatabase } from '../../helpers/databases.js';
import { EDITORIAL, INTAKE, startTelegramDesk, type TgUser } from '../../helpers/telegram.js';

type Desk = Awaited<ReturnType<typeof startTelegramDesk>>;

const WARNING = 'tệp sẽ KHÔNG hiện trên cổng và các kênh';

/** A file the portal cannot serve is said on every card, so nobody publishes without knowing (issue 12, point 2). */
describe.each(BACKENDS)('files the portal cannot serve, on $name', ({ fresh, skip }) => {
  describe.skipIf(skip)('through the fake Bot API', () => {
    let db: TestDatabase;
    let t: Desk;
    let editor: TgUser;

    beforeEach(async () => {
      db = await fresh();
      t = await startTelegramDesk(db.url);
      editor = await t.linkedUser(t.seeded.id.editor1, 'dung_bt');
    });
    afterEach(async () => {
      await t.stop();
      await db.drop();
    });

    const waitText = (chat: number, part: string) => t.fake.waitFor(() => t.fake.texts(chat).find((x) => x.includes(part)));

    it('a photo Telegram would not hand over: the sender is told, and the intake and review cards name it', async () => {
      // The fake serves no file for this id: getFile fails, as when Telegram has dropped a file.
      t.say(t.stranger('ctv'), INTAKE, {
        message_id: 4242,
        photo: [{ file_id: 'AgAC-gone', file_unique_id: 'gone', file_size: 5000, width: 800, height: 600 }],
        caption: 'Lễ ra quân\nẢnh tại hội trường.',
      });
      const code = /BP-\d{4}-\d{5}/.exec(await waitText(INTAKE, 'Đã nhận tin'))![0];
      await waitText(INTAKE, `Chưa tải được tệp “photo-`);
      const intakeCard = await waitText(EDITORIAL, `${code} · Bước: Tiếp nhận`);
      expect(intakeCard).toMatch(new RegExp(`⚠️ 1 ${WARNING}: photo-\\d+\\.jpg \\(chưa tải về được từ nền tảng, cần gửi lại tệp\\)`));
      await t.pressOn(editor, code, 'Tiếp nhận');
      const editorCard = await waitText(EDITORIAL, `${code} · Bước: Biên tập`);
      expect(editorCard).toContain(`⚠️ 1 ${WARNING}: chưa tải về được từ nền tảng, cần gửi lại tệp`);
      // The editor adds a picture by replying to the card; Telegram will not hand it over either: kept, and said.
      const card = t.cardOf(code)!;
      t.say(editor, EDITORIAL, {
        photo: [{ file_id: 'AgAC-gone-too', file_unique_id: 'gone2', file_size: 5000, width: 800, height: 600 }],
        reply_to_message: { message_id: (card.result as { message_id: number }).message_id, from: { id: 7000001, is_bot: true, first_name: 'Portal Hub' }, chat: { id: EDITORIAL, type: 'supergroup' }, date: 0 },
      });
      await waitText(EDITORIAL, `${code}: Phạm Thu Dung đã sửa nội dung (bản 2)`);
      expect(await waitText(EDITORIAL, `${code} · Bước: Biên tập · Bản 2`)).toContain(`⚠️ 2 ${WARNING}`);
    });

    it('a file past the limit is refused with its size, or with "more than the limit" when Telegram gave none; the text is kept', async () => {
      t.say(t.stranger('ctv'), INTAKE, { document: { file_id: 'BQACAgUAAxkBAAIF-big-pdf', file_unique_id: 'big1', file_name: 'bao-cao.pdf', mime_type: 'application/pdf' }, caption: 'Báo cáo quý\nSố liệu kèm theo.' });
      const code = /BP-\d{4}-\d{5}/.exec(await waitText(INTAKE, 'Đã nhận tin'))![0];
      expect(await waitText(INTAKE, 'Tệp “bao-cao.pdf”')).toContain(`Tệp “bao-cao.pdf” (> 1 MB) vượt giới hạn 1 MB, không được nhận. Phần còn lại của tin ${code} đã được ghi nhận.`);
      t.say(t.stranger('ctv2'), INTAKE, { document: { file_id: 'BQACAgUAAxkBAAIF-big-pdf', file_unique_id: 'big2', file_name: 'bao-cao-2.pdf', mime_type: 'application/pdf', file_size: 2 * 1024 * 1024 + 9 }, caption: 'Báo cáo quý 2\nSố liệu.' });
      expect(await waitText(INTAKE, 'Tệp “bao-cao-2.pdf”')).toContain('Tệp “bao-cao-2.pdf” (2049 KB) vượt giới hạn 1024 KB');
    });

    it('a file stored whole raises no warning', async () => {
      t.say(t.stranger('ctv'), INTAKE, { photo: [{ file_id: 'AgACAgUAAxkBAAIFemdKq1-large', file_unique_id: 'ok', file_size: 412, width: 800, height: 600 }], caption: 'Ảnh đủ\nMô tả.' });
      const code = /BP-\d{4}-\d{5}/.exec(await waitText(INTAKE, 'Đã nhận tin'))![0];
      const card = await waitText(EDITORIAL, `${code} · Bước: Tiếp nhận`);
      expect(card).toContain('📎 1 tệp đính kèm');
      expect(card).not.toContain(WARNING);
    });
  });
});
