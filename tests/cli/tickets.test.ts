import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshSqlite, type TestDatabase } from '../helpers/databases.js';
import { runCli } from '../helpers/cli.js';
import { seedDesk, TEST_HUB_SECRET, type Desk } from '../helpers/desk.js';

/** Staff log what came by phone, post or in person; the receipt gets its code and answer date like any other. */
describe('questions and complaints at the terminal', () => {
  let db: TestDatabase;
  let desk: Desk;
  const cli = (...args: string[]) => runCli(args, { DATABASE_URL: db.url, HUB_SECRET: TEST_HUB_SECRET, TIMEZONE: 'Asia/Ho_Chi_Minh', PORTAL_BASE_URL: 'https://portal.example.test' });

  beforeAll(async () => {
    db = await freshSqlite();
    desk = await seedDesk(db.url);
  });
  afterAll(async () => {
    await desk.store.close();
    await db.drop();
  });

  it('a call logged by a staff member is a ticket with its code, answer date and status link, on record under their name', async () => {
    const added = await cli('ticket', 'add', '--channel', 'phone', '--kind', 'complaint', '--name', 'Phạm Văn Tư', '--phone', '0987 654 321', '--question', 'Đèn đường ấp 3 xã Tân Thành hỏng hai tuần nay.', '--by', desk.id.secretary);
    // Only the database it worked on (place.ts): nothing went wrong.
    expect(added.stderr).toMatch(/^Cơ sở dữ liệu: .+\nDatabase: .+\n$/);
    expect(added.code).toBe(0);
    const code = /PA-\d{4}-\d{5}/.exec(added.stdout)?.[0];
    expect(code).toBeDefined();
    expect(added.stdout).toMatch(/hạn trả lời \d{2}\/\d{2}\/\d{4}/);
    expect(added.stdout).toMatch(new RegExp(`https://portal\\.example\\.test/vi/hoi-dap/trang-thai/${code}\\?k=`));
    const ticket = await desk.store.ticketByCode(code ?? '');
    expect(ticket).toMatchObject({ channel: 'phone', kind: 'complaint', receivedById: desk.id.secretary, senderContact: { phone: '0987 654 321' } });

    const list = await cli('ticket', 'list');
    expect(list.stdout).toContain(code);
    const shown = await cli('ticket', 'show', code ?? '');
    expect(shown.stdout).toContain('Đèn đường ấp 3');
    expect(shown.stdout).toContain('Điện thoại');
  });

  it('lists open tickets in JSON for scripts: the code just logged with its stored state and dates, no contact data; [] when none match', async () => {
    const added = await cli('ticket', 'add', '--channel', 'in-person', '--name', 'Ngô Thị Mai', '--email', 'mai@example.vn', '--phone', '0912 000 111', '--address', '12 Lê Lợi', '--question', 'Hỏi thủ tục cấp giấy phép xây dựng nhà ở riêng lẻ tại phường Tân Phú, thành phố Đồng Xoài.');
    expect(added.code, added.stderr).toBe(0);
    const code = /HD-\d{4}-\d{5}/.exec(added.stdout)?.[0] ?? '';
    const list = await cli('ticket', 'list', '--json');
    expect(list.code, list.stderr).toBe(0);
    const rows = JSON.parse(list.stdout) as Record<string, unknown>[];
    const row = rows.find((r) => r.code === code);
    expect(row).toMatchObject({ code, kind: 'question', channel: 'in-person', state: 'received', overdue: false, senderName: 'Ngô Thị Mai' });
    const stored = await desk.store.ticketByCode(code);
    expect(row?.receivedAt).toBe(stored?.receivedAt.toISOString());
    expect(row?.dueAt).toBe(stored?.dueAt?.toISOString());
    // As on the terminal: the start of the question, never the sender's e-mail, phone or address.
    expect(row?.excerpt).toBe('Hỏi thủ tục cấp giấy phép xây dựng nhà ở riêng lẻ tại phường');
    for (const secret of ['mai@example.vn', '0912 000 111', '12 Lê Lợi', 'Đồng Xoài']) expect(list.stdout).not.toContain(secret);

    const none = await cli('ticket', 'list', '--state', 'archived', '--json');
    expect([none.code, JSON.parse(none.stdout)]).toEqual([0, []]);
    expect(none.stdout).not.toContain('Không có hồ sơ');
  });

  it('a letter logged twice under its number is one ticket; bad input is refused with the reason', async () => {
    const args = ['ticket', 'add', '--channel', 'post', '--name', 'Hồ Thị Lan', '--reference', 'CV-123/2026', '--question', 'Đề nghị hướng dẫn thủ tục chuyển nhượng đất.'];
    const first = await cli(...args);
    const second = await cli(...args);
    const code = /HD-\d{4}-\d{5}/.exec(first.stdout)?.[0];
    expect(second.stdout).toContain(code);
    expect(second.stdout).toContain('đã được ghi nhận trước đó');
    const empty = await cli('ticket', 'add', '--channel', 'phone', '--name', 'A', '--question', '   ');
    expect(empty.code).toBe(1);
    expect(empty.stderr).toContain('Cần nội dung câu hỏi');
    const channel = await cli('ticket', 'add', '--channel', 'fax', '--name', 'A', '--question', 'x');
    expect(channel.code).not.toBe(0);
    expect(channel.stderr).toContain('phone');
    expect((await cli('ticket', 'show', 'HD-2026-99999')).stderr).toContain('Không tìm thấy hồ sơ HD-2026-99999');
  });

  it('on a drill clock (CLOCK_START) logs a receipt of the drill’s day as the service would, and says the clock is moved', async () => {
    const env = { DATABASE_URL: db.url, HUB_SECRET: TEST_HUB_SECRET, TIMEZONE: 'Asia/Ho_Chi_Minh', PORTAL_BASE_URL: 'https://portal.example.test' };
    const year = new Date().getUTCFullYear() + 5;
    const args = ['ticket', 'add', '--channel', 'phone', '--name', 'Lý Văn Sáu', '--question', 'Hỏi lịch tiếp công dân tháng 3.', '--received', `06/03/${year} 10:00`];
    // On the machine's clock the day is years ahead: refused.
    const refused = await runCli(args, env);
    expect(refused.code).not.toBe(0);
    const drilled = await runCli(args, { ...env, CLOCK_START: `${year}-03-09T08:00:00+07:00` });
    expect(drilled.code, drilled.stderr).toBe(0);
    expect(drilled.stderr).toContain(`CLOCK_START đang đặt: lệnh này chạy theo đồng hồ diễn tập, bắt đầu từ ${year}-03-09T01:00:00.000Z`);
    // Coded in the receipt's year.
    expect(drilled.stdout).toContain(`HD-${year}-`);
  });
});
