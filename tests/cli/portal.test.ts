import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { publicWeb } from '../../src/http/web.js';
import { freshSqlite, type TestDatabase } from '../helpers/databases.js';
import { runCli } from '../helpers/cli.js';
import { seedDesk, TEST_HUB_SECRET, type Desk } from '../helpers/desk.js';
import { publishThrough } from '../helpers/portal.js';
import { formatLocal } from '../../src/core/dates.js';

/** A time as the operator types it, in the province's zone. */
const shownTime = (d: Date) => formatLocal(d, 'Asia/Ho_Chi_Minh');

describe('the public portal, run from the terminal', () => {
  let db: TestDatabase;
  let desk: Desk;
  let mediaDir: string;
  const cli = (...args: string[]) => runCli(args, { DATABASE_URL: db.url, HUB_SECRET: TEST_HUB_SECRET, TIMEZONE: 'Asia/Ho_Chi_Minh' });
  /** The page as a reader gets it now (a new web over the same database each time). */
  const home = async () => {
    const web = publicWeb({ deps: { ...desk.deps, clock: () => new Date() }, baseUrl: 'http://localhost:3000', mediaDir, emc: null });
    return (await web.app.request('/vi/')).text();
  };

  beforeAll(async () => {
    db = await freshSqlite();
    desk = await seedDesk(db.url);
    mediaDir = mkdtempSync(join(tmpdir(), 'portal-hub-media-'));
  });
  afterAll(async () => {
    await desk.store.close();
    rmSync(mediaDir, { recursive: true, force: true });
    await db.drop();
  });

  it('adds sections that appear in the menu, and refuses a bad key', async () => {
    const none = await cli('portal', 'categories', '--json');
    expect([none.code, JSON.parse(none.stdout)]).toEqual([0, []]);
    expect((await cli('portal', 'category', 'kinh-te', '--name-vi', 'Kinh tế', '--name-en', 'Economy', '--position', '2')).code).toBe(0);
    expect((await cli('portal', 'category', 'thoi-su', '--name-vi', 'Thời sự', '--name-en', 'Current affairs', '--position', '1')).code).toBe(0);
    expect((await cli('portal', 'categories')).stdout).toBe('1\tthoi-su\tThời sự / Current affairs\n2\tkinh-te\tKinh tế / Economy\n');
    const bad = await cli('portal', 'category', 'Kinh Tế', '--name-vi', 'x', '--name-en', 'x');
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('Mã chuyên mục “Kinh Tế” chỉ gồm chữ thường');
    expect(await home()).toMatch(/<li><a href="\/vi\/chuyen-muc\/thoi-su">Thời sự<\/a><\/li>\s*<li><a href="\/vi\/chuyen-muc\/kinh-te">Kinh tế<\/a><\/li>/);
    // For scripts: the same sections in menu order, by key and both names.
    const json = await cli('portal', 'categories', '--json');
    expect(json.code).toBe(0);
    expect(JSON.parse(json.stdout)).toEqual([
      { key: 'thoi-su', nameVi: 'Thời sự', nameEn: 'Current affairs', position: 1 },
      { key: 'kinh-te', nameVi: 'Kinh tế', nameEn: 'Economy', position: 2 },
    ]);
  });

  it('features a published item on the home page, and refuses one not published', async () => {
    await publishThrough(desk, { title: 'Tin thường', body: '.' }, 'kinh-te');
    desk.time.advance(60_000);
    const later = await publishThrough(desk, { title: 'Tin mới hơn', body: '.' }, 'kinh-te');
    const first = (await desk.store.recentItems(5)).find((i) => i.revision.title === 'Tin thường')!;
    expect((await cli('portal', 'feature', first.code.toLowerCase())).code).toBe(0);
    const page = await home();
    const featured = page.slice(page.indexOf('id="h-featured"'), page.indexOf('id="h-latest"'));
    expect(featured).toContain('Tin thường');
    expect(featured).not.toContain(later.revision.title);
    const refused = await cli('portal', 'feature', 'BP-2026-99999');
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('Item BP-2026-99999 is not published on the portal.');
  });

  it('schedules maintenance shown on every page with its restore time, and cancels it', async () => {
    const bad = await cli('portal', 'maintenance', '--from', '01/12/2030 22:00', '--until', '01/12/2030 21:00');
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('Giờ khôi phục (21:00 01/12/2030) phải sau giờ bắt đầu bảo trì (22:00 01/12/2030).');
    // A window wholly past (the year mistyped) is said as past, not as a notice shown too late.
    const past = await cli('portal', 'maintenance', '--from', '01/12/2020 22:00', '--until', '01/12/2020 23:00');
    expect(past.code).toBe(1);
    expect(past.stderr).toMatch(/Giờ khôi phục 23:00 01\/12\/2020 đã qua[\s\S]*The restore time 23:00 01\/12\/2020 has passed/);
    expect(past.stderr).not.toContain('notice');
    // Announced late, while already under way: shown from its start until the restore time.
    const started = new Date(Date.now() - 10 * 60_000);
    const late = await cli('portal', 'maintenance', '--from', shownTime(started), '--until', shownTime(new Date(Date.now() + 60 * 60_000)));
    expect(late.code, late.stderr).toBe(0);
    expect(await home()).toContain('bảo trì');
    expect((await cli('portal', 'maintenance-cancel', /\(id ([\w-]+)\)/.exec(late.stdout)?.[1] ?? '')).code).toBe(0);
    expect((await cli('portal', 'maintenance', '--from', '31/11/2030 22:00', '--until', '01/12/2030 23:00')).stderr).toContain('not a time, type dd/mm/yyyy HH:mm');
    // A day without its time: refused as the parser refuses a value, in both languages, no wrapper or hint to debug.
    const dayOnly = await cli('portal', 'maintenance', '--from', '10/12/2030', '--until', '11/12/2030');
    expect(dayOnly.stderr).toMatch(/^Giá trị “10\/12\/2030” của “--from <time>” không dùng được\.\nThe value “10\/12\/2030” of “--from <time>” cannot be used\./);
    expect(dayOnly.stderr).not.toContain('LOG_LEVEL');
    const ok = await cli('portal', 'maintenance', '--from', '01/12/2030 22:00', '--until', '01/12/2030 23:30', '--note-vi', 'Nâng cấp máy chủ.');
    expect(ok.code).toBe(0);
    expect(ok.stdout).toContain('22:00 01/12/2030 → 23:30 01/12/2030');
    expect(await home()).toContain('hệ thống sẽ tạm dừng để bảo trì từ 22:00 01/12/2030 đến 23:30 01/12/2030. Nâng cấp máy chủ.');
    const id = /\(id ([\w-]+)\)/.exec(ok.stdout)?.[1] ?? '';
    // An operator who lost the printed id finds it again, with the window as scheduled.
    const listed = await cli('portal', 'maintenances');
    expect(listed.stdout).toContain(`${id}\t22:00 01/12/2030 → 23:30 01/12/2030`);
    expect(listed.stdout).toContain('Nâng cấp máy chủ.');
    expect(JSON.parse((await cli('portal', 'maintenances', '--json')).stdout)).toEqual([expect.objectContaining({ id, noteVi: 'Nâng cấp máy chủ.' })]);
    expect((await cli('portal', 'maintenance-cancel', id)).code).toBe(0);
    expect(await home()).not.toContain('bảo trì');
    expect((await cli('portal', 'maintenances')).stdout).toContain('Không có lịch bảo trì nào sắp tới / no maintenance scheduled');
    expect((await cli('portal', 'maintenance-cancel', id)).code).toBe(1);
  });

  it('sets the footer lines the regulation asks for', async () => {
    const r = await cli('portal', 'contact', 'tinh', '--responsible', 'Ông Nguyễn Văn A, Giám đốc', '--address', '123 Đường 30/4', '--phone', '0271 3879 000', '--email', 'bbt@dongnai.gov.vn');
    expect(r.code).toBe(0);
    const page = await home();
    for (const line of ['Chịu trách nhiệm chính: Ông Nguyễn Văn A, Giám đốc', 'Địa chỉ: 123 Đường 30/4', 'Điện thoại: 0271 3879 000', 'Thư điện tử: bbt@dongnai.gov.vn']) expect(page).toContain(line);
    expect((await cli('portal', 'contact', 'nowhere', '--phone', '1')).stderr).toContain('No site “nowhere”.');
    // A line every page prints: not 5,000 characters, not a line break or a direction override; nothing changed then.
    for (const bad of ['Đ'.repeat(5000), 'Dòng một\nDòng hai', 'Số \u202E000']) {
      const refused = await cli('portal', 'contact', 'tinh', '--address', bad);
      expect(refused.code).toBe(1);
      expect(refused.stderr).toContain('--address: một dòng chữ đọc được, tối đa 300 ký tự');
    }
    expect(await home()).toContain('Địa chỉ: 123 Đường 30/4');
  });
});
