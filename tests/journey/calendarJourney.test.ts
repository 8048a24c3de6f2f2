import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BACKENDS, type TestDatabase } from '../helpers/databases.js';
import { HUB_SECRET, startJourney, type Journey } from '../helpers/journey.js';
import { freePort, startService } from '../helpers/service.js';

/**
 * The operator keeps the working-day calendar from the terminal while the service runs: a make-up
 * Saturday added with `portal-hub calendar add` moves the answer date of the next receipt by a day,
 * and the running service's reports feed counts the receipts.
 */
describe.each(BACKENDS)('the working-day calendar, kept by the operator, on $name', ({ fresh, skip }) => {
  let db: TestDatabase;
  let j: Journey;

  beforeAll(async () => {
    if (skip) return;
    db = await fresh();
    // The scenario is in March 2026 (the shipped calendar's Tết before it); a receipt may be logged up to a year back,
    // so the service and the terminal both run on a clock set to just after that month, whatever today is.
    j = await startJourney(db.url, {}, { mirrors: false, zaloGroup: false, env: { CLOCK_START: '2026-04-02T09:00:00+07:00' } });
    await j.start();
  }, 400_000);
  afterAll(async () => {
    if (skip) return;
    await j?.stop();
    await db?.drop();
  }, 120_000);

  it.skipIf(skip)('a make-up Saturday added at the terminal is counted in the next answer date, listed beside the shipped holidays, and the receipts reach the reports feed', async () => {
    // Friday 6/3/2026, 15 working days: 9–13, 16–20, 23–27 March → Friday 27/3.
    expect(await j.cli(['calendar', 'due', '--from', '06/03/2026'])).toContain('Hạn: hết ngày 27/03/2026 (thứ Sáu)');
    const before = await j.cli(['ticket', 'add', '--channel', 'phone', '--name', 'Trần Văn Bình', '--question', 'Hỏi thủ tục đăng ký hộ kinh doanh.', '--received', '06/03/2026 10:00']);
    expect(before).toContain('27/03/2026');

    expect(await j.cli(['calendar', 'add', '--date', '07/03/2026', '--kind', 'workday', '--note', 'Làm bù theo Thông báo 99/TB-UBND'])).toContain('Đã lưu: 07/03/2026 là ngày làm việc');
    // The Saturday is now day 1: Thursday 26/3.
    const due = await j.cli(['calendar', 'due', '--from', '2026-03-06']);
    expect(due).toContain('Due: end of 26/03/2026 (Thursday)');
    expect(due).toContain('07/03/2026');
    const after = await j.cli(['ticket', 'add', '--channel', 'phone', '--name', 'Lê Thị Cúc', '--question', 'Hỏi thủ tục cấp đổi giấy phép lái xe.', '--received', '06/03/2026 11:00']);
    expect(after).toContain('26/03/2026');

    const list = await j.cli(['calendar', 'list', '--year', '2026']);
    expect(list).toMatch(/07\/03\/2026\tthứ Bảy\tworkday\tquản trị viên \/ operator\tLàm bù theo Thông báo 99\/TB-UBND/);
    expect(list).toMatch(/17\/02\/2026\tthứ Ba\tdayoff\ttệp lịch \/ file\tTết Nguyên đán Bính Ngọ \(mùng 1\)/);

    // Taken back: the day follows the file again.
    expect(await j.cli(['calendar', 'remove', '--date', '07/03/2026'])).toContain('Đã bỏ ngoại lệ ngày 07/03/2026');
    expect(await j.cli(['calendar', 'due', '--from', '06/03/2026'])).toContain('27/03/2026');

    const report = (await (await fetch(`${j.portal}/api/v1/reports/tickets?from=2026-03-01&to=2026-03-31`)).json()) as { total: number; byChannel: Record<string, number>; byKind: Record<string, number> };
    expect(report).toMatchObject({ total: 2, byChannel: { phone: 2 }, byKind: { question: 2 } });
  }, 300_000);

  it.skipIf(skip)('a calendar file with mistakes stops the service at start, naming every mistake', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'portal-hub-bad-calendar-'));
    try {
      const file = join(dir, 'lich.json');
      writeFileSync(file, JSON.stringify({ years: { '2027': { daysOff: [{ date: '2027-02-30', name: 'Tết', note: 'n', source: 's', confirmed: true }], workdays: [{ date: '2027-03-03', name: 'x', note: 'n', source: 's' }] } } }));
      const port = await freePort();
      const service = startService(dir, port, { DATABASE_URL: db.url, DATA_DIR: join(dir, 'data'), HUB_SECRET, PORTAL_BASE_URL: `http://127.0.0.1:${port}`, CALENDAR_FILE: file });
      expect(await service.exited).not.toBe(0);
      const out = service.output();
      expect(out).toContain(`Tệp lịch làm việc ${file} không dùng được (3 lỗi)`);
      expect(out).toContain('years.2027.daysOff[0].date: “2027-02-30” is not a real date');
      expect(out).toContain('years.2027.workdays[0].date: the make-up working day 2027-03-03 is not a Saturday or Sunday');
      expect(out).toContain('years.2027.workdays[0].confirmed: true or false is required');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000);
});
