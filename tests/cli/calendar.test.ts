import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BACKENDS, type TestDatabase } from '../helpers/databases.js';
import { runCli } from '../helpers/cli.js';
import { seedDesk, TEST_HUB_SECRET, type Desk } from '../helpers/desk.js';

/** `calendar list --json`: the year's days off and make-up days as a script reads them, the shipped file's and the operator's. */
describe.each(BACKENDS)('the working-day calendar listed for scripts, on $name', ({ fresh, skip }) => {
  let db: TestDatabase;
  let desk: Desk;
  const cli = (...args: string[]) => runCli(args, { DATABASE_URL: db.url, HUB_SECRET: TEST_HUB_SECRET, TIMEZONE: 'Asia/Ho_Chi_Minh' });

  beforeAll(async () => {
    if (skip) return;
    db = await fresh();
    desk = await seedDesk(db.url);
  });
  afterAll(async () => {
    if (skip) return;
    await desk?.store.close();
    await db?.drop();
  });

  it.skipIf(skip)('the operator’s make-up day beside the shipped holidays, dates as YYYY-MM-DD; [] for a year with none', async () => {
    const added = await cli('calendar', 'add', '--date', '07/03/2026', '--kind', 'workday', '--note', 'Làm bù theo Thông báo 99/TB-UBND');
    expect(added.code, added.stderr).toBe(0);

    const list = await cli('calendar', 'list', '--year', '2026', '--json');
    expect(list.code, list.stderr).toBe(0);
    const rows = JSON.parse(list.stdout) as { date: string; kind: string; origin: string; note: string; confirmed: boolean; overridden: boolean }[];
    expect(rows.find((d) => d.date === '2026-03-07')).toEqual({ date: '2026-03-07', kind: 'workday', origin: 'operator', name: 'Làm bù theo Thông báo 99/TB-UBND', note: 'Làm bù theo Thông báo 99/TB-UBND', source: null, confirmed: true, overridden: false });
    expect(rows.find((d) => d.date === '2026-02-17')).toMatchObject({ kind: 'dayoff', origin: 'file', name: expect.stringContaining('Tết') });
    expect(rows.every((d) => d.date.startsWith('2026-'))).toBe(true);
    expect(rows.map((d) => d.date)).toEqual([...rows.map((d) => d.date)].sort());

    const none = await cli('calendar', 'list', '--year', '1999', '--json');
    expect([none.code, JSON.parse(none.stdout)]).toEqual([0, []]);
  }, 120_000);

  it.skipIf(skip)('a calendar file without a year says so where a deadline runs into it, and when listing it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'portal-hub-calendar-years-'));
    try {
      const file = join(dir, 'lich.json');
      writeFileSync(file, JSON.stringify({ years: { '2026': { daysOff: [], workdays: [] } } }));
      const withFile = (...args: string[]) => runCli(args, { DATABASE_URL: db.url, HUB_SECRET: TEST_HUB_SECRET, TIMEZONE: 'Asia/Ho_Chi_Minh', CALENDAR_FILE: file, CLOCK_START: '2026-06-01T09:00:00+07:00' });
      const missing = `Tệp lịch làm việc ${file} chưa có năm 2027`;
      // 15 working days from 20/12/2026 end in January 2027, a year the file does not hold.
      const due = await withFile('calendar', 'due', '--from', '20/12/2026');
      expect(due.code, due.stderr).toBe(0);
      expect(due.stdout).toContain(missing);
      expect(due.stdout).toContain('Add the year to the file');
      // Inside the year it holds: nothing said.
      expect((await withFile('calendar', 'due', '--from', '01/06/2026')).stdout).not.toContain('chưa có năm');
      expect((await withFile('calendar', 'list', '--year', '2027')).stdout).toContain(missing);
      // In June, next year is not yet asked for.
      expect((await withFile('calendar', 'list', '--year', '2026')).stdout).not.toContain('chưa có năm');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000);
});
