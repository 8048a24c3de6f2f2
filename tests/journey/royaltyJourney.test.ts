import { setTimeout as sleep } from 'node:timers/promises';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshSqlite, type TestDatabase } from '../helpers/databases.js';
import { EDITORIAL, INTAKE, startJourney, type Journey, type TgUser } from '../helpers/journey.js';
import { readDocx, readXlsx } from '../helpers/officeFiles.js';

/**
 * Issue 19, through the running service: a collaborator's item sent in chat, its genre and coefficient set by
 * the editor from the desk's chat, published by the deputy head; the month's sheet built at the terminal and
 * read back as a spreadsheet; checked and approved by buttons in the editorial chat; the collaborator reads
 * their own row with /nhuanbut, and nothing of anyone else's.
 */
describe('royalties, from a collaborator’s item to their own row', () => {
  let db: TestDatabase;
  let j: Journey;
  let hoa: TgUser;
  let minh: TgUser;
  let editor: TgUser;
  let secretary: TgUser;
  let deputy: TgUser;
  const out = mkdtempSync(join(tmpdir(), 'portal-hub-royalty-'));
  // The province's month as the service sees it (Asia/Ho_Chi_Minh by default).
  const month = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Ho_Chi_Minh', year: 'numeric', month: '2-digit' }).format(new Date()).slice(0, 7);
  const shown = `${month.slice(5, 7)}/${month.slice(0, 4)}`;

  /** An item sent into the intake group, taken in and given its terms by the editor, approved up to the deputy, who publishes it. */
  async function publishWithTerms(sender: TgUser, text: string, genre: string, coefficient: string): Promise<string> {
    const receipts = () => j.telegram.texts(INTAKE).filter((t) => t.includes('Đã nhận tin'));
    const before = receipts().length;
    j.say(sender, INTAKE, { text });
    const code = /DN-\d{4}-\d{5}/.exec(await j.telegram.waitFor(() => receipts()[before], 90_000))![0];
    await j.pressOn(editor, code, 'Tiếp nhận', 'Tiếp nhận');
    // The editor's card says how; the editor answers in the editorial chat.
    await j.waitText(EDITORIAL, `/heso ${code} THỂ_LOẠI HỆ_SỐ`);
    j.say(editor, EDITORIAL, { text: `/heso ${code} ${genre} ${coefficient}` });
    await j.waitText(EDITORIAL, `${code}: `);
    await j.pressOn(editor, code, 'Bước: Biên tập', 'Duyệt');
    await j.pressOn(secretary, code, 'Bước: Thư ký', 'Duyệt');
    await j.pressOn(deputy, code, 'Bước: Phó Trưởng ban', 'Duyệt xuất bản');
    await j.waitText(INTAKE, `${code} đã được xuất bản`);
    return code;
  }

  const sheetCards = () => j.telegram.sent('sendDocument', EDITORIAL);
  const buttonOf = (card: ReturnType<typeof sheetCards>[number]) => (card.params.reply_markup as { inline_keyboard: { text: string; callback_data: string }[][] }).inline_keyboard.flat()[0]!;

  /** Presses the one button on the latest royalty card (or on `old`, a card pressed before), and waits for the bot's answer. */
  async function pressSheet(who: TgUser, label: string, old?: ReturnType<typeof sheetCards>[number]): Promise<string> {
    const card = old
      ? { last: old, button: buttonOf(old) }
      : await j.telegram.waitFor(() => {
          const last = sheetCards().at(-1);
          return last && buttonOf(last).text.includes(label) ? { last, button: buttonOf(last) } : undefined;
        }, 60_000);
    const id = `cq-${j.telegram.newMessageId()}`;
    j.telegram.push({
      callback_query: {
        id, from: who, chat_instance: '-1', data: card.button.callback_data,
        message: { message_id: (card.last.result as { message_id: number }).message_id, chat: { id: EDITORIAL, type: 'supergroup', title: 'Ban Biên tập' }, date: Math.floor(Date.now() / 1000) },
      },
    });
    return String(await j.telegram.waitFor(() => j.telegram.sent('answerCallbackQuery').find((c) => c.params.callback_query_id === id)?.params.text, 30_000));
  }

  beforeAll(async () => {
    db = await freshSqlite();
    j = await startJourney(db.url, {}, { zaloGroup: false, mirrors: false });
    hoa = await j.person('Đặng Thị Hoa', 'hoa@example.vn', 'collaborator');
    minh = await j.person('Trần Văn Minh', 'minh@example.vn', 'collaborator');
    editor = await j.person('Phạm Thu Dung', 'dung@example.vn', 'editor');
    secretary = await j.person('Lê Minh Châu', 'chau@example.vn', 'secretary');
    deputy = await j.person('Trần Thị Bích', 'bich@example.vn', 'deputy');
    await j.start();
  }, 400_000);
  afterAll(async () => {
    await j?.stop();
    await db?.drop();
    rmSync(out, { recursive: true, force: true });
  }, 120_000);

  it('the collaborator’s work is priced on the sheet, signed off in chat, and shown to them alone', { timeout: 600_000 }, async () => {
    const mine = await publishWithTerms(hoa, 'Khánh thành cầu Sông Bé\nNội dung chi tiết do cộng tác viên gửi.', 'tin-tong-hop', '2');
    const theirs = await publishWithTerms(minh, 'Hội chợ nông sản cuối năm\nTin của một người gửi khác.', 'tin-anh', '1,5');
    // The secretary edited the collaborator's piece: a fee (thù lao), set by the deputy head at the terminal (which confirms it).
    const fee = await j.cli(['--as', 'bich@example.vn', 'royalty', 'work', mine, '--fee', 'chau@example.vn:editing:0,5']);
    expect(fee).toContain('Thù lao: Lê Minh Châu: biên tập 0,5');
    expect(fee).toContain('Fees: Lê Minh Châu: editing 0.5');
    await expect(j.cli(['--as', 'bich@example.vn', 'royalty', 'work', mine, '--fee', 'chau@example.vn:editing:2,5'])).rejects.toThrow(/không cao hơn phần nhuận bút nhỏ nhất của một tác giả \(hệ số 2\)/);

    // The terms the editor set on the card, shown on the deputy's card and published: confirmed by publishing, as the terminal says.
    expect(await j.cli(['royalty', 'work', theirs])).toContain('xác nhận khi xuất bản lúc');
    expect((JSON.parse(await j.cli(['royalty', 'work', theirs, '--json'])) as { confirmedAt: string | null; confirmed: boolean }).confirmed).toBe(true);

    // Built on demand at the terminal, with its spreadsheet (the month-end job builds last month's the same way).
    const file = join(out, 'sheet.xlsx');
    const signed = join(out, 'sheet.docx');
    const built = await j.cli(['royalty', 'sheet', 'build', '--site', 'tinh', '--month', shown, '--xlsx', file, '--docx', signed, '--json']);
    const sheet = JSON.parse(built) as { state: string; rows: { code: string; amount: number }[]; payees: { name: string; tax: number; net: number }[] };
    expect(sheet.state).toBe('draft');
    // The fee: 0.5 × 253,000 = 126,500, a row of its own.
    expect(sheet.rows.map((r) => [r.code, r.amount])).toEqual([[mine, 506_000], [mine, 126_500], [theirs, 379_500]]);
    const [rows = []] = Object.values(await readXlsx(readFileSync(file)));
    // 2.0 × 253,000 (the unit from 01/07/2026), all of it to the collaborator; under 5,000,000, no tax.
    expect(rows.find((r) => r[1] === mine)?.slice(3, 11)).toEqual(['Đặng Thị Hoa', 'Tin tổng hợp, chuyên sâu, trực tiếp', '2', '253000', '100', '0', '100', '506000']);
    expect(rows.find((r) => r[1] === 'Đặng Thị Hoa')?.slice(7, 10)).toEqual(['506000', '0', '506000']);
    expect(rows.find((r) => r[3] === 'Lê Minh Châu')?.slice(10, 12)).toEqual(['126500', 'Thù lao biên tập / Fee for editing']);
    // The Word document for signing, in the official style: national header, the row, the person's line, the words.
    const blocks = await readDocx(readFileSync(signed));
    const paragraphs = blocks.flatMap((b) => ('paragraph' in b ? [b.paragraph] : []));
    const tables = blocks.flatMap((b) => ('table' in b ? [b.table] : []));
    expect(paragraphs.slice(0, 2)).toEqual(['CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', 'Độc lập - Tự do - Hạnh phúc']);
    expect(paragraphs).toContain(`BẢNG THANH TOÁN NHUẬN BÚT THÁNG ${shown}`);
    expect(tables[0]?.find((r) => r[1] === mine)?.slice(3)).toEqual(['Đặng Thị Hoa', 'Tin tổng hợp, chuyên sâu, trực tiếp', '2', '253.000', '100 %', '0 %', '100 %', '506.000']);
    expect(tables[1]?.find((r) => r[1] === 'Đặng Thị Hoa')?.slice(2, 5)).toEqual(['506.000', '0', '506.000']);
    expect(paragraphs.some((p) => p.startsWith('Bằng chữ: Một triệu không trăm mười hai nghìn đồng'))).toBe(true);

    // The sheet reaches the editorial chat; the secretary checks it, the deputy head approves it.
    expect(await pressSheet(secretary, 'Thư ký kiểm tra')).toContain('thư ký đã kiểm tra');
    // Telegram delivers the same press twice, or the secretary taps again: the step is taken once.
    const checkCard = sheetCards().find((c) => buttonOf(c).text.includes('Thư ký kiểm tra'))!;
    expect(await pressSheet(secretary, 'Thư ký kiểm tra', checkCard)).toContain('Thẻ này đã cũ');
    // A crash (SIGKILL) the instant the next card reaches Telegram: after the restart the sheet waits at the same step.
    // The kill may land before the bot wrote the card down (Telegram takes no idempotency key), and then the card is
    // sent again — never lost; the copy the bot never recorded answers that it is old, and no further copies follow.
    const approveCards = () => sheetCards().filter((c) => buttonOf(c).text.includes('Lãnh đạo duyệt'));
    await j.telegram.waitFor(() => approveCards()[0], 60_000);
    await j.kill();
    await j.restart();
    await sleep(20_000);
    const afterCrash = approveCards();
    expect(afterCrash.length === 1 || afterCrash.length === 2).toBe(true);
    if (afterCrash.length === 2) expect(await pressSheet(deputy, 'Lãnh đạo duyệt', afterCrash[0])).toContain('Thẻ này đã cũ');
    await sleep(10_000);
    expect(approveCards()).toHaveLength(afterCrash.length);
    expect(await pressSheet(deputy, 'Lãnh đạo duyệt')).toContain('lãnh đạo đã duyệt');
    const approved = JSON.parse(await j.cli(['royalty', 'sheet', 'show', '--site', 'tinh', '--month', shown, '--json'])) as { state: string };
    expect(approved.state).toBe('approved');
    // Approved, the sheet's whole is taken out of the royalty fund, once (the crash and the retried press above notwithstanding).
    const fund = JSON.parse(await j.cli(['royalty', 'fund', 'show', '--site', 'tinh', '--json'])) as { entries: { source: string; amount: number }[] };
    expect(fund.entries.map((e) => [e.source, e.amount])).toEqual([['sheet', -1_012_000]]);
    // Approved: the terminal cannot rebuild it.
    const again = await j.cli(['royalty', 'sheet', 'build', '--site', 'tinh', '--month', shown]).catch((error: unknown) => String(error));
    expect(again).toContain('không lập lại, không sửa');

    j.say(hoa, hoa.id, { text: `/nhuanbut ${shown}` });
    const reply = await j.waitText(hoa.id, `Nhuận bút tháng ${shown} của Đặng Thị Hoa`);
    expect(reply).toContain(`${mine} “Khánh thành cầu Sông Bé” — Tin tổng hợp, chuyên sâu, trực tiếp, hệ số 2 × 253.000 đ, phần của bạn 100 %: 506.000 đ`);
    expect(reply).toContain('thực nhận 506.000 đ (lãnh đạo đã duyệt)');
    expect(reply).not.toContain(theirs);
    expect(reply).not.toContain('379.500');
    // The secretary reads her fee, and nothing of the author's royalty.
    j.say(secretary, secretary.id, { text: `/nhuanbut ${shown}` });
    const hers = await j.waitText(secretary.id, `Nhuận bút tháng ${shown} của Lê Minh Châu`);
    expect(hers).toContain(`${mine} “Khánh thành cầu Sông Bé” — thù lao biên tập, hệ số 0,5 × 253.000 đ: 126.500 đ`);
    expect(hers).not.toContain('506.000');
    // Asked in the intake group, no figure is shown there.
    j.say(hoa, INTAKE, { text: `/nhuanbut ${shown}` });
    await j.waitText(INTAKE, 'Nhuận bút là thông tin riêng');
    expect(j.telegram.texts(INTAKE).join('\n')).not.toContain('506.000');
  });

  it('a work taken down before it was paid is held on the next sheet until the deputy decides at the terminal; paid, it is on the sheet', { timeout: 600_000 }, async () => {
    const [year = 0, monthNumber = 0] = month.split('-').map(Number);
    const next = monthNumber === 12 ? `01/${year + 1}` : `${String(monthNumber + 1).padStart(2, '0')}/${year}`;
    const gone = await publishWithTerms(hoa, 'Tin sẽ bị gỡ\nSố liệu trong tin chưa đúng.', 'tin-anh', '1,5');
    j.say(deputy, deputy.id, { text: `/takedown ${gone} Sai số liệu` });
    await j.telegram.waitFor(async () => ((await fetch(`${j.portal}/vi/tin/${gone}`)).status === 410 ? true : undefined), 60_000);

    type Built = { rows: { code: string; amount: number }[]; held: string[] };
    const build = async () => JSON.parse(await j.cli(['royalty', 'sheet', 'build', '--site', 'tinh', '--month', next, '--json'])) as Built;
    const held = await build();
    expect(held.held).toEqual([gone]);
    expect(held.rows.map((r) => r.code)).not.toContain(gone);
    // The head's or a deputy's signature: the terminal alone decides nothing.
    await expect(j.cli(['royalty', 'held', gone, '--pay', '--reason', 'Gỡ vì lỗi biên tập'])).rejects.toThrow(/Chỉ Trưởng Ban hoặc Phó Trưởng Ban/);
    expect(await j.cli(['--as', 'bich@example.vn', 'royalty', 'held', gone, '--pay', '--reason', 'Gỡ vì lỗi biên tập, không do tác giả'])).toContain(`${gone}: to be paid after all`);
    const paid = await build();
    expect(paid.held).toEqual([]);
    // 1.5 × 253,000, to the collaborator who sent it.
    expect(paid.rows.filter((r) => r.code === gone).map((r) => r.amount)).toEqual([379_500]);
  });
});
