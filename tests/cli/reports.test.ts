import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BACKENDS, type TestDatabase } from '../helpers/databases.js';
import { runCli } from '../helpers/cli.js';
import { TEST_HUB_SECRET } from '../helpers/desk.js';

/** Issue 20.6: a period's figures from the terminal, for the province or one site; a period that is none refused in both languages. */
describe.each(BACKENDS)('report from the terminal on $name', ({ fresh, skip }) => {
  let db: TestDatabase;
  const cli = (...args: string[]) => runCli(args, { DATABASE_URL: db.url, HUB_SECRET: TEST_HUB_SECRET, STALE_SITE_DAYS: '10' });

  beforeAll(async () => {
    if (skip) return;
    db = await fresh();
    expect((await cli('init', '--site-key', 'tinh', '--name-vi', 'Tỉnh Thử', '--name-en', 'Test Province', '--prefix', 'TT', '--admin-name', 'Quản Trị')).code).toBe(0);
    expect((await cli('site', 'add', '--key', 'so-y-te', '--kind', 'department', '--parent', 'tinh', '--prefix', 'SYT', '--name-vi', 'Sở Y tế', '--name-en', 'Department of Health')).code).toBe(0);
  });
  afterAll(async () => {
    if (!skip) await db.drop();
  });

  // The sites are made today, and a site made after a period closed is not in that period's report:
  // the periods asked for are the ones running now, whatever day the suite runs.
  it.skipIf(skip)('prints the quarter’s figures in Vietnamese then English, each site listed with what it published; --json for scripts', { timeout: 120_000 }, async () => {
    const [year, month, day] = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Ho_Chi_Minh' }).format(new Date()).split('-').map(Number) as [number, number, number];
    const quarter = Math.ceil(month / 3);
    const pad = (n: number) => String(n).padStart(2, '0');
    const firstMonth = quarter * 3 - 2;
    const lastDay = new Date(Date.UTC(year, quarter * 3, 0)).getUTCDate();
    const shown = `(01/${pad(firstMonth)}/${year} – ${lastDay}/${pad(quarter * 3)}/${year})`;
    const text = await cli('report', '--period', `${year}-q${quarter}`);
    expect(text.code, text.stderr).toBe(0);
    expect(text.stdout).toContain(`Báo cáo hoạt động kỳ ${year}-Q${quarter} — Tỉnh Thử ${shown} — kỳ chưa kết thúc, số liệu đến hết ngày ${pad(day)}/${pad(month)}/${year}`);
    expect(text.stdout).toContain('Tin bài: nhận 0, xuất bản 0, từ chối 0, gỡ 0.');
    // Made today: nothing published yet, and not stale before STALE_SITE_DAYS have passed since it was made.
    expect(text.stdout).toContain('• Sở Y tế: xuất bản 0, lượt xem 0, tin gần nhất chưa có\n');
    expect(text.stdout).toContain(`Activity report ${year}-Q${quarter} — Test Province ${shown}`);
    const json = JSON.parse((await cli('report', '--period', String(year), '--site', 'so-y-te', '--json')).stdout) as { period: { fromDay: string; toDay: string }; site: string; sites: { key: string }[] };
    expect(json.period).toMatchObject({ fromDay: `${year}-01-01`, toDay: `${year}-12-31` });
    expect(json.site).toBe('so-y-te');
    expect(json.sites.map((s) => s.key)).toEqual(['so-y-te']);
    // A period that closed before the site was made does not list it.
    const before = JSON.parse((await cli('report', '--period', String(year - 1), '--json')).stdout) as { sites: { key: string }[] };
    expect(before.sites.map((s) => s.key)).not.toContain('so-y-te');
  });

  it.skipIf(skip)('--out writes the Word report and the annex whole, over an earlier pair, with nothing left beside them; an empty --out is refused', { timeout: 120_000 }, async () => {
    const out = mkdtempSync(join(tmpdir(), 'portal-hub-report-out-'));
    try {
      const year = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Ho_Chi_Minh' }).format(new Date()).slice(0, 4);
      writeFileSync(join(out, `bao-cao-${year}-toan-tinh.docx`), 'an earlier, broken file');
      const made = await cli('report', '--period', year, '--out', out);
      expect(made.code, made.stderr).toBe(0);
      expect(readdirSync(out).sort()).toEqual([`bao-cao-${year}-toan-tinh.docx`, `bao-cao-${year}-toan-tinh.xlsx`]);
      // Both are zip files (Office's formats), the earlier one replaced.
      for (const f of readdirSync(out)) expect(readFileSync(join(out, f)).subarray(0, 2).toString('latin1'), f).toBe('PK');
      const empty = await cli('report', '--period', year, '--out', '');
      expect(empty.code).toBe(1);
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  });

  it.skipIf(skip)('refuses a period that is none, and an unknown site, in both languages, with exit 1', { timeout: 120_000 }, async () => {
    const bad = await cli('report', '--period', 'quý 3');
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('“quý 3” không phải kỳ báo cáo: gõ 2026-Q3 (quý)');
    expect(bad.stderr).toContain('“quý 3” is not a report period');
    const future = await cli('report', '--period', '2100');
    expect(future.code).toBe(1);
    expect(future.stderr).toContain('Kỳ 2100 chưa bắt đầu (từ 01/01/2100): chưa có gì để báo cáo.');
    const unknown = await cli('report', '--period', '2026', '--site', 'khong-co');
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('Không tìm thấy trang “khong-co”.');
  });
});
