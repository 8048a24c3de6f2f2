import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildMonthSheet } from '../../../src/app/royalties/sheets.js';
import { setWorkRoyalty } from '../../../src/app/royalties/works.js';
import { approve, writeItem } from '../../../src/app/items.js';
import { freshSqlite, type TestDatabase } from '../../helpers/databases.js';
import { publishThrough } from '../../helpers/portal.js';
import { EDITORIAL, INTAKE, startTelegramDesk, type TgUser } from '../../helpers/telegram.js';

type Desk = Awaited<ReturnType<typeof startTelegramDesk>>;

/** Issue 19.5: a collaborator reads their own royalties in a private chat; nobody else's, never in a group. */
describe('/nhuanbut in Telegram', () => {
  let db: TestDatabase;
  let t: Desk;
  let hoa: TgUser;
  let dat: TgUser;
  let code = '';
  const waitText = (chat: number, part: string) => t.fake.waitFor(() => t.fake.texts(chat).find((x) => x.includes(part)));

  beforeAll(async () => {
    db = await freshSqlite();
    t = await startTelegramDesk(db.url);
    const desk = t.seeded;
    code = (await publishThrough(desk, { title: 'Khánh thành cầu Sông Bé', summary: 'Tóm tắt.', body: 'Nội dung.', mediaRefs: [] })).code;
    const other = (await publishThrough(desk, { title: 'Tin của người khác', summary: 'Tóm tắt.', body: 'Nội dung.', mediaRefs: [] })).code;
    const deputy = { kind: 'person' as const, personId: desk.id.deputy };
    expect(await setWorkRoyalty(desk.deps, deputy, code, { genreKey: 'tin-tong-hop', coefficient: 200, authors: [{ personId: desk.id.editor1, penName: null, sharePercent: 70 }, { personId: desk.id.collaborator, penName: 'Hoa Sen', sharePercent: 30 }] })).toMatchObject({ ok: true });
    expect(await setWorkRoyalty(desk.deps, deputy, other, { genreKey: 'tin-anh', coefficient: 150 })).toMatchObject({ ok: true });
    expect(await buildMonthSheet(desk.deps, { kind: 'person', personId: desk.id.secretary }, 'tinh', '2026-11')).toMatchObject({ ok: true });
    hoa = await t.linkedUser(desk.id.collaborator, 'hoa_ctv');
    dat = await t.linkedUser(desk.id.editor2, 'dat_bt');
  });
  afterAll(async () => {
    await t.stop();
    await db.drop();
  });

  it('shows the collaborator their row of the month and their net, and nothing of anyone else’s', async () => {
    t.say(hoa, Number(hoa.id), { text: '/nhuanbut 11/2026' });
    const reply = await waitText(Number(hoa.id), 'Nhuận bút tháng 11/2026 của Đặng Thị Hoa');
    expect(reply).toContain(`${code} “Khánh thành cầu Sông Bé” — Tin tổng hợp, chuyên sâu, trực tiếp, hệ số 2 × 253.000 đ, phần của bạn 30 %: 151.800 đ`);
    expect(reply).toContain('thực nhận 151.800 đ (bản nháp)');
    expect(reply).not.toContain('Tin của người khác');
    expect(reply).not.toContain('354.200');
    // English alias; someone with no row that month is told so.
    t.say(dat, Number(dat.id), { text: '/royalties 11/2026' });
    await waitText(Number(dat.id), 'chưa có dòng nào');
    t.say(hoa, Number(hoa.id), { text: '/nhuanbut tháng mười' });
    await waitText(Number(hoa.id), 'không phải tháng');
    // Read in English, the genre is named in English too.
    t.say(hoa, Number(hoa.id), { text: '/lang en' });
    t.say(hoa, Number(hoa.id), { text: '/royalties 11/2026' });
    const english = await waitText(Number(hoa.id), 'Royalties for 11/2026, Đặng Thị Hoa');
    expect(english).toContain('Summary, in-depth or live news, coefficient 2 × 253.000 đ, your share 30 %: 151.800 đ');
    t.say(hoa, Number(hoa.id), { text: '/lang vi' });
  });

  it('the sheet reaches the editorial chat as a spreadsheet; the secretary checks, the deputy head approves, the desk marks it paid, each by its button', async () => {
    const desk = t.seeded;
    const secretary = await t.linkedUser(desk.id.secretary, 'chau_tk');
    const deputy = await t.linkedUser(desk.id.deputy, 'bich_pho');
    expect(await t.telegram.royalties.announce()).toBe(1);
    expect(await t.telegram.royalties.announce()).toBe(0);
    const card = () => t.fake.sent('sendDocument', EDITORIAL).at(-1)!;
    expect(card().params.caption).toContain('Bảng nhuận bút tháng 11/2026 — Cổng thông tin điện tử tỉnh Bình Phước: 3 dòng, thực chi 885.500 đ (bản nháp).');
    expect(String(card().params.document)).toMatch(/^attach:\/\//);
    const buttonOf = () => t.buttonsOf(card())[0]!;
    expect(buttonOf().text).toContain('Thư ký kiểm tra');

    // An editor's press is refused and changes nothing; the secretary's checks it.
    const first = card();
    expect((await t.answerTo(t.press(dat, first, buttonOf().callback_data).callback_query.id))?.text).toContain('thư ký');
    expect((await t.answerTo(t.press(secretary, first, buttonOf().callback_data).callback_query.id))?.text).toContain('Bảng tháng 11/2026: thư ký đã kiểm tra.');
    await t.fake.waitFor(() => (t.fake.sent('sendDocument', EDITORIAL).length === 2 ? true : undefined));
    expect(buttonOf().text).toContain('Lãnh đạo duyệt');
    // The old card's button, pressed again, is out of date.
    expect((await t.answerTo(t.press(secretary, first, t.buttonsOf(first)[0]!.callback_data).callback_query.id))?.text).toContain('Thẻ này đã cũ');

    expect((await t.answerTo(t.press(deputy, card(), buttonOf().callback_data).callback_query.id))?.text).toContain('lãnh đạo đã duyệt');
    await t.fake.waitFor(() => (t.fake.sent('sendDocument', EDITORIAL).length === 3 ? true : undefined));
    expect((await t.answerTo(t.press(secretary, card(), buttonOf().callback_data).callback_query.id))?.text).toContain('đã chi');
    expect(await desk.store.royaltySheet(desk.site.id, '2026-11')).toMatchObject({ state: 'paid', checkedById: desk.id.secretary, approvedById: desk.id.deputy, paidById: desk.id.secretary });
    // Paid: no card waits any more; the collaborator reads the state.
    expect(await t.telegram.royalties.announce()).toBe(0);
    t.say(hoa, Number(hoa.id), { text: '/nhuanbut 11/2026' });
    await waitText(Number(hoa.id), 'thực nhận 151.800 đ (đã chi)');
  });

  it('a review card shows the fees set on the work, since publishing with the card confirms what it shows', async () => {
    const desk = t.seeded;
    const written = await writeItem(desk.deps, desk.id.editor1, 'tinh', { kind: 'article', category: null, content: { title: 'Ngày hội đọc sách', summary: 'Tóm tắt.', body: 'Nội dung.', mediaRefs: [] } });
    if (!written.ok) throw new Error(written.reason);
    const fees = [{ personId: desk.id.editor2, role: 'editing' as const, coefficient: 50 }, { personId: desk.id.collaborator, role: 'photo' as const, coefficient: 100 }];
    expect(await setWorkRoyalty(desk.deps, { kind: 'person', personId: desk.id.secretary }, written.value.code, { genreKey: 'tin-anh', coefficient: 150, fees })).toMatchObject({ ok: true });
    expect(await approve(desk.deps, desk.id.editor2, written.value.code, written.value.revision.contentHash)).toMatchObject({ ok: true });
    // The job telegram-cards: an item at a step without its card gets one.
    await t.telegram.desk.sweep();
    const card = await t.fake.waitFor(() => {
      const text = String(t.cardOf(written.value.code)?.params.text ?? '');
      return text.includes('Bước: Thư ký') ? text : undefined;
    }, 30_000);
    expect(card).toContain('Tin sự kiện có ảnh, hệ số 1,5');
    expect(card).toContain('Thù lao: Hoàng Quốc Đạt, biên tập 0,5; Đặng Thị Hoa, ảnh 1');
  }, 120_000);

  it('in a group it shows no figures, only where to ask; an unlinked account is told to link', async () => {
    const before = t.fake.texts(INTAKE).length;
    t.say(hoa, INTAKE, { text: '/nhuanbut 11/2026' });
    const answer = await waitText(INTAKE, 'Nhuận bút là thông tin riêng');
    expect(answer).not.toContain('151.800');
    expect(t.fake.texts(INTAKE).slice(before).join('\n')).not.toContain('151.800');
    t.say(hoa, EDITORIAL, { text: '/nhuanbut 11/2026' });
    await waitText(EDITORIAL, 'Nhuận bút là thông tin riêng');
    const stranger = t.stranger('la_mat');
    t.say(stranger, Number(stranger.id), { text: '/nhuanbut 11/2026' });
    await waitText(Number(stranger.id), 'chưa được liên kết');
  });
});
