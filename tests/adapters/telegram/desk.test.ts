import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BACKENDS, type TestDatabase } from '../../helpers/databases.js';
import { EDITORIAL, fixture, INTAKE, startTelegramDesk, type TgUser } from '../../helpers/telegram.js';

type Desk = Awaited<ReturnType<typeof startTelegramDesk>>;

describe.each(BACKENDS)('Telegram desk on $name', ({ fresh, skip }) => {
  describe.skipIf(skip)('through the fake Bot API', () => {
  let db: TestDatabase;
  let t: Desk;
  let people: Record<'editor' | 'secretary' | 'deputy' | 'tech' | 'admin', TgUser>;

  beforeEach(async () => {
    db = await fresh();
    t = await startTelegramDesk(db.url);
    const id = t.seeded.id;
    people = {
      editor: await t.linkedUser(id.editor1, 'dung_bt'),
      secretary: await t.linkedUser(id.secretary, 'chau_tk'),
      deputy: await t.linkedUser(id.deputy, 'bich_pho'),
      tech: await t.linkedUser(id.tech, 'hai_kt'),
      admin: await t.linkedUser(id.admin, 'quantri'),
    };
  });
  afterEach(async () => {
    await t.stop();
    await db.drop();
  });

  const pressOn = (who: TgUser, code: string, label: string, stepText?: string) => t.pressOn(who, code, label, stepText);

  const waitText = (chat: number, part: string) => t.fake.waitFor(() => t.fake.texts(chat).find((x) => x.includes(part)));

  async function submitAndAccept(text: string): Promise<string> {
    t.say({ id: 5123400000 + text.length, is_bot: false, first_name: 'CTV', username: 'ctv' }, INTAKE, { text });
    const ack = await waitText(INTAKE, 'Đã nhận tin');
    const code = /BP-\d{4}-\d{5}/.exec(ack)![0];
    await pressOn(people.editor, code, 'Tiếp nhận');
    return code;
  }

  it('takes an album with its caption as one submission and walks it to publication with buttons', async () => {
    for (const update of fixture<object[]>('media-group.json')) t.fake.push(update);
    const ack = await waitText(INTAKE, 'Đã nhận tin BP-2026-00001');
    expect(ack).toContain('Hoa Đặng Thị');
    const submission = await t.seeded.store.submissionByCode('BP-2026-00001');
    expect(submission?.messageIds).toEqual(['1410', '1411']);
    expect(submission?.rawText).toContain('Ra quân chiến dịch Mùa hè xanh');
    expect(submission?.attachments.map((a) => a.kind)).toEqual(['photo', 'photo']);
    // The album is shown as an album, and the buttons sit on a separate control message replying to it.
    const album = await t.fake.waitFor(() => t.fake.sent('sendMediaGroup', EDITORIAL)[0]);
    expect((album.params.media as unknown[]).length).toBe(2);

    expect((await pressOn(people.editor, 'BP-2026-00001', 'Tiếp nhận')).popup.text).toContain('Đã ghi nhận');
    await waitText(INTAKE, 'BP-2026-00001 đã được tiếp nhận');
    await pressOn(people.editor, 'BP-2026-00001', 'Duyệt', 'Bước: Biên tập');
    await pressOn(people.secretary, 'BP-2026-00001', 'Duyệt', 'Bước: Thư ký');
    const { popup } = await pressOn(people.deputy, 'BP-2026-00001', 'Duyệt xuất bản', 'Bước: Phó Trưởng ban');
    expect(popup.text).toContain('BP-2026-00001');

    await waitText(INTAKE, 'BP-2026-00001 đã được xuất bản: https://portal.example.vn/vi/tin/BP-2026-00001');
    expect((await t.seeded.store.itemByCode('BP-2026-00001'))?.state).toBe('published');
    // Every card shows who decided and lost its buttons.
    await t.fake.waitFor(() => t.fake.sent('editMessageText', EDITORIAL).length >= 4);
    const edits = t.fake.sent('editMessageText', EDITORIAL);
    expect(edits.every((e) => e.params.reply_markup === undefined)).toBe(true);
    const closed = edits.map((e) => String(e.params.text)).join('\n');
    for (const name of ['Phạm Thu Dung', 'Lê Minh Châu', 'Trần Thị Bích']) expect(closed).toContain(name);
  });

  it('publishes on the secretary’s approval under delegation, and the decision names it', async () => {
    t.say(people.deputy, EDITORIAL, { text: '/delegate @chau_tk 31/12/2026' });
    await waitText(EDITORIAL, 'Đã ủy quyền cho Lê Minh Châu');
    const code = await submitAndAccept('Thông báo lịch tiếp công dân tháng 12\nLãnh đạo tỉnh tiếp công dân định kỳ.');
    await pressOn(people.editor, code, 'Duyệt', 'Bước: Biên tập');
    await pressOn(people.secretary, code, 'Duyệt', 'Bước: Thư ký');
    await waitText(INTAKE, `${code} đã được xuất bản`);
    const item = await t.seeded.store.itemByCode(code);
    expect(item?.state).toBe('published');
    const decisions = await t.seeded.store.decisionsOf(item!.id);
    expect(decisions.filter((d) => d.delegationId !== null).map((d) => d.step)).toEqual(['secretary', 'deputy']);
    expect(t.fake.texts(EDITORIAL).some((x) => x.includes(code) && x.includes('Bước: Phó Trưởng ban'))).toBe(false);
  });

  it('refuses a forged button, a stale card after an edit and a press without the role, changing nothing', async () => {
    const code = await submitAndAccept('Khánh thành cầu Sông Bé\nCây cầu nối hai huyện.');
    await pressOn(people.editor, code, 'Duyệt', 'Bước: Biên tập');
    const card = await t.fake.waitFor(() => t.cardOf(code) && String(t.cardOf(code)!.params.text).includes('Bước: Thư ký') && t.cardOf(code));
    const approve = t.buttonsOf(card).find((b) => b.text.includes('Duyệt'))!.callback_data;
    const before = await t.seeded.store.itemByCode(code);

    const forged = t.press(people.secretary, card, `x${approve.slice(1)}`);
    expect((await t.answerTo(forged.callback_query.id)).text).toContain('Nút không hợp lệ');

    const techPress = t.press(people.tech, card, approve);
    expect((await t.answerTo(techPress.callback_query.id)).text).toContain('chỉ người có vai trò “Thư ký” được thao tác');

    const outsider = t.press(t.stranger('nguoila'), card, approve);
    expect((await t.answerTo(outsider.callback_query.id)).text).toContain('chưa được liên kết');
    expect((await t.seeded.store.itemByCode(code))?.version).toBe(before?.version);

    // The secretary edits by replying to the card: a new revision and a new card; the old buttons are dead.
    t.say(people.secretary, EDITORIAL, { text: 'Khánh thành cầu Sông Bé mới\nCây cầu nối hai huyện phía Bắc.', reply_to_message: { message_id: (card.result as { message_id: number }).message_id, from: { id: 7000001, is_bot: true, first_name: 'Portal Hub' }, chat: { id: EDITORIAL, type: 'supergroup' }, date: 0 } });
    await waitText(EDITORIAL, `${code}: Lê Minh Châu đã sửa nội dung (bản 2)`);
    const stale = t.press(people.secretary, card, approve);
    expect((await t.answerTo(stale.callback_query.id)).text).toContain('Thẻ này đã cũ');
    const after = await t.seeded.store.itemByCode(code);
    expect(after?.revision.title).toBe('Khánh thành cầu Sông Bé mới');
    expect(after?.state).toBe('review');
    expect((await t.seeded.store.decisionsOf(after!.id)).map((d) => d.action)).toEqual(['accepted', 'approve', 'edit']);
  });

  it('asks for a reason before returning, and the sender hears a rejection with it', async () => {
    t.say(t.stranger('ctv2'), INTAKE, { text: 'Quảng cáo bán đất nền\nGiá rẻ.' });
    const code = /BP-\d{4}-\d{5}/.exec(await waitText(INTAKE, 'Đã nhận tin'))![0];
    const { popup } = await pressOn(people.editor, code, 'Từ chối');
    expect(popup.text).toContain('lý do');
    const prompt = await t.fake.waitFor(() => t.fake.sent('sendMessage', EDITORIAL).find((c) => String(c.params.text).includes('kèm lý do')));
    t.say(people.editor, EDITORIAL, { text: 'Nội dung quảng cáo, không phải tin', reply_to_message: { message_id: (prompt.result as { message_id: number }).message_id, from: { id: 7000001, is_bot: true, first_name: 'Portal Hub' }, chat: { id: EDITORIAL, type: 'supergroup' }, date: 0 } });
    await waitText(INTAKE, `${code} không được sử dụng. Lý do: Nội dung quảng cáo, không phải tin`);
    expect((await t.seeded.store.submissionByCode(code))?.state).toBe('rejected');
  });

  it('tells the sender of a decision taken away from the buttons (a command, another desk, the clock) once', async () => {
    const code = await submitAndAccept('Tin bị từ chối ngoài nút bấm\nNội dung.');
    const { act } = await import('../../../src/app/items.js');
    const rejected = await act(t.seeded.deps, t.seeded.id.editor2, code, { type: 'reject', note: 'Trùng tin đã đăng' });
    expect(rejected.ok).toBe(true);
    await t.telegram.desk.tellOutcomes();
    await t.telegram.desk.tellOutcomes();
    expect(t.fake.texts(INTAKE).filter((x) => x.includes(`${code} không được sử dụng. Lý do: Trùng tin đã đăng`))).toHaveLength(1);
  });

  it('keeps the text of a submission whose file is refused, and says why', async () => {
    t.say(t.stranger('ctv3'), INTAKE, { document: { file_id: 'BQACAgUAAxkBAAIF-setup-exe', file_unique_id: 'x', file_name: 'setup.exe', file_size: 302 }, caption: 'Phần mềm mới\nMời tải về' });
    const warning = await waitText(INTAKE, 'định dạng không được nhận');
    expect(warning).toContain('setup.exe');
    const code = /BP-\d{4}-\d{5}/.exec(warning)![0];
    const sub = await t.seeded.store.submissionByCode(code);
    expect(sub?.rawText).toBe('Phần mềm mới\nMời tải về');
    expect(sub?.attachments).toEqual([]);
  });

  it('answers commands in Vietnamese, English on request, and refuses what a person may not do', async () => {
    const newcomer = t.stranger('moi_vao');
    t.say(newcomer, Number(newcomer.id), { text: '/whoami' });
    await waitText(newcomer.id, 'chưa được liên kết');
    t.say(people.admin, Number(people.admin.id), { text: '/invite Ngô Văn Mới' });
    const invite = await waitText(people.admin.id, 'Mã liên kết');
    const linkCode = /\/link (\w+)/.exec(invite)![1]!;
    t.say(newcomer, Number(newcomer.id), { text: `/link ${linkCode}` });
    await waitText(newcomer.id, 'Đã liên kết tài khoản Telegram với Ngô Văn Mới');

    t.say(newcomer, Number(newcomer.id), { text: '/grant @dung_bt admin' });
    await waitText(newcomer.id, 'Chỉ quản trị viên');
    t.say(people.admin, Number(people.admin.id), { text: '/grant @moi_vao collaborator' });
    await waitText(people.admin.id, 'Đã cấp vai trò “Cộng tác viên” cho Ngô Văn Mới');

    const code = await submitAndAccept('Hội nghị chuyển đổi số\nNội dung.');
    t.say(people.editor, Number(people.editor.id), { text: '/find chuyen doi so' });
    expect(await waitText(people.editor.id, '🔎 1 tin')).toContain(code);
    t.say(people.editor, Number(people.editor.id), { text: '/pending' });
    expect(await waitText(people.editor.id, 'Chờ bạn')).toContain(code);
    t.say(people.editor, Number(people.editor.id), { text: `/status ${code}` });
    expect(await waitText(people.editor.id, 'Tình trạng')).toContain('đang duyệt');

    t.say(people.editor, Number(people.editor.id), { text: '/lang en' });
    await waitText(people.editor.id, 'answer you in English');
    t.say(people.editor, Number(people.editor.id), { text: '/frobnicate' });
    await waitText(people.editor.id, 'There is no /frobnicate command');
    t.say(people.editor, Number(people.editor.id), { text: `/takedown ${code} sai` });
    await waitText(people.editor.id, 'not possible now');
    t.say(people.editor, Number(people.editor.id), { text: '/stats' });
    expect(await waitText(people.editor.id, 'Items:')).toContain('1 in review');
  });
});
});
