import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshSqlite, type TestDatabase } from '../helpers/databases.js';
import { runCli } from '../helpers/cli.js';
import { formatLocal } from '../../src/core/dates.js';

describe('bootstrap from the terminal, before any chat exists', () => {
  let db: TestDatabase;
  let env: Record<string, string>;
  const cli = (...args: string[]) => runCli(args, env);

  beforeAll(async () => {
    db = await freshSqlite();
    env = { DATABASE_URL: db.url, HUB_SECRET: 'bootstrap-test-hub-secret-0123456789abcdef' };
  });
  afterAll(() => db.drop());

  it('init creates the province site and its first admin, once', async () => {
    const first = await cli('init', '--site-key', 'tinh', '--name-vi', 'Cổng TTĐT tỉnh Bình Phước', '--name-en', 'Binh Phuoc Portal', '--prefix', 'BP', '--admin-name', 'Quản Trị');
    expect(first.code).toBe(0);
    expect(first.stdout).toContain('site tinh (BP)');
    const again = await cli('init', '--site-key', 'tinh2', '--name-vi', 'x', '--name-en', 'x', '--prefix', 'XX', '--admin-name', 'y');
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('Hệ thống đã được khởi tạo.');
    expect(again.stderr).toContain('portal-hub is already initialised.');
  });

  it('component sites hang under the province; a bad parent or kind is refused', async () => {
    const added = await cli('site', 'add', '--key', 'dongxoai', '--kind', 'district', '--parent', 'tinh', '--prefix', 'DX', '--name-vi', 'UBND thành phố Đồng Xoài', '--name-en', 'Dong Xoai City', '--domain', 'dongxoai.dongnai.gov.vn');
    expect(added).toMatchObject({ code: 0 });
    expect(added.stdout).toContain('dongxoai');
    const orphan = await cli('site', 'add', '--key', 'tanthanh', '--kind', 'commune', '--parent', 'nowhere', '--prefix', 'TTH', '--name-vi', 'x', '--name-en', 'x');
    expect(orphan.code).toBe(1);
    expect(orphan.stderr).toContain('Không tìm thấy trang “nowhere”.');
    const badKind = await cli('site', 'add', '--key', 'tanthanh', '--kind', 'village', '--parent', 'dongxoai', '--prefix', 'TTH', '--name-vi', 'x', '--name-en', 'x');
    expect(badKind.stderr).toContain('Site kind “village” is not one of: province, department');
    // Tracking codes are told apart by their prefix: a second site with one in use is refused, not a stack trace.
    const samePrefix = await cli('site', 'add', '--key', 'binhlong', '--kind', 'district', '--parent', 'tinh', '--prefix', 'DX', '--name-vi', 'Thị xã Bình Long', '--name-en', 'Binh Long Town');
    expect(samePrefix.code).toBe(1);
    expect(samePrefix.stderr).toContain('Tiền tố mã tin “DX” đã thuộc trang “dongxoai”');
    expect(samePrefix.stderr).toContain('The code prefix “DX” already belongs to site “dongxoai”');
    expect(samePrefix.stderr).not.toMatch(/\n\s+at |Prisma/);
    // The province portal's own host is not a component site's to take, however it is typed.
    const provinceHost = await runCli(['site', 'edit', 'dongxoai', '--domain', 'Cong.DongNai.gov.vn.'], { ...env, PORTAL_BASE_URL: 'https://cong.dongnai.gov.vn' });
    expect(provinceHost.code).toBe(1);
    expect(provinceHost.stderr).toContain('Tên miền “cong.dongnai.gov.vn” là địa chỉ của cổng tỉnh (PORTAL_BASE_URL)');
  });

  it('people get roles; the sixth editor is refused with the reason in both languages', async () => {
    for (let i = 1; i <= 6; i += 1) {
      const added = await cli('person', 'add', '--name', `Biên tập viên ${i}`, '--email', `bt${i}@example.vn`);
      expect(added.code).toBe(0);
      const granted = await cli('grant', '--person', `bt${i}@example.vn`, '--site', 'tinh', '--role', 'editor');
      if (i <= 5) expect(granted).toMatchObject({ code: 0 });
      else {
        expect(granted.code).toBe(1);
        expect(granted.stderr).toContain('Đã đủ số người tối đa (5)');
        expect(granted.stderr).toContain('full (5 at most)');
      }
    }
    expect((await cli('revoke', '--person', 'bt1@example.vn', '--site', 'tinh', '--role', 'editor')).code).toBe(0);
    expect((await cli('grant', '--person', 'bt6@example.vn', '--site', 'tinh', '--role', 'editor')).code).toBe(0);
    // The province lowers its cap: the team keeps its roles, but nobody else joins until it fits.
    expect((await cli('site', 'caps', '--site', 'tinh', '--editors', '4', '--tech', '3')).stdout).toContain('tinh: tối đa 4 biên tập viên, 3 quản trị kỹ thuật / at most 4 editors, 3 technical admins');
    expect((await cli('revoke', '--person', 'bt2@example.vn', '--site', 'tinh', '--role', 'editor')).code).toBe(0);
    const stillFull = await cli('grant', '--person', 'bt1@example.vn', '--site', 'tinh', '--role', 'editor');
    expect(stillFull.stderr).toContain('full (4 at most)');
  }, 240_000); // thirteen CLI processes, each a few seconds on a loaded machine

  it('a one-time link code is printed with the command to type in chat', async () => {
    const asked = Date.now();
    const run = await cli('link-code', '--person', 'bt3@example.vn', '--hours', '24');
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^\/link [A-Z2-9]{10}$/m);
    // In the province's time, as people read it (it was printed in UTC once).
    const shown = /mã hết hạn lúc (\d{2}:\d{2} \d{2}\/\d{2}\/\d{4})\./.exec(run.stdout)?.[1];
    const local = (ms: number) => formatLocal(new Date(ms), 'Asia/Ho_Chi_Minh');
    expect([local(asked + 24 * 3_600_000), local(Date.now() + 24 * 3_600_000)]).toContain(shown);
    expect(run.stdout).toContain(`the code expires at ${shown}.`);
  });

  it('a grant runs through a day typed as people type it, and one already over is refused', async () => {
    const later = await cli('grant', '--person', 'bt3@example.vn', '--site', 'dongxoai', '--role', 'secretary', '--until', '31/12/2099');
    expect(later.code, later.stderr).toBe(0);
    expect(later.stdout).toContain('Đã cấp: secretary @ dongxoai → hết ngày 31/12/2099');
    expect(later.stdout).toContain('Granted: secretary @ dongxoai → through 31/12/2099');
    const over = await cli('grant', '--person', 'bt3@example.vn', '--site', 'dongxoai', '--role', 'editor', '--until', '01/01/2020');
    expect(over.code).toBe(1);
    expect(over.stderr).toContain('Hạn 01/01/2020 đã qua');
    expect(over.stderr).toContain('The end 01/01/2020 has passed');
    const nonsense = await cli('grant', '--person', 'bt3@example.vn', '--site', 'dongxoai', '--role', 'editor', '--until', '2099-31-12');
    expect(nonsense.code).toBe(1);
    expect(nonsense.stderr).toContain('“2099-31-12” is not a date: type dd/mm/yyyy');
  });

  it('bad input gets a clear answer and changes nothing', async () => {
    const badRole = await cli('grant', '--person', 'bt2@example.vn', '--site', 'tinh', '--role', 'boss');
    expect(badRole.code).not.toBe(0);
    expect(badRole.stderr).toContain('role must be one of: collaborator, editor');
    expect(badRole.stderr).toContain('Giá trị “boss” của “--role <role>” không dùng được.');
    // What the command-line parser refuses is said in Vietnamese first too.
    const unknown = await cli('frobnicate');
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toMatch(/^Không có lệnh “frobnicate”.*\nThere is no command “frobnicate”/);
    const option = await cli('site', 'edit', 'tinh', '--prefix', 'ZZ');
    expect(option.stderr).toMatch(/^Lệnh này không có tùy chọn “--prefix”.*\nThis command has no option “--prefix”/);
    // Commander's guess is kept, in both languages; none of its English-only lines is left.
    const guessed = await cli('site', 'edit', 'tinh', '--nam-vi', 'X');
    expect(guessed.stderr).toContain('Có phải ý là --name-vi? / Did you mean --name-vi?');
    expect(`${unknown.stderr}${option.stderr}${guessed.stderr}`).not.toMatch(/error:|Did you mean --name-vi\?\)/);
    const missingKind = await cli('site', 'add', '--key', 'x');
    expect(missingKind.stderr).toMatch(/^Thiếu tùy chọn bắt buộc “--kind <kind>”/);
    const nobody = await cli('grant', '--person', 'ghost@example.vn', '--site', 'tinh', '--role', 'secretary');
    expect(nobody).toMatchObject({ code: 1 });
    expect(nobody.stderr).toContain('Không tìm thấy người dùng “ghost@example.vn”.');
    const noSite = await cli('grant', '--person', 'bt2@example.vn', '--site', 'mars', '--role', 'secretary');
    expect(noSite.stderr).toContain('No site “mars”.');
    const missing = await cli('person', 'add');
    expect(missing.code).not.toBe(0);
    expect(missing.stderr).toContain('Thiếu tùy chọn bắt buộc “--name <name>”.\nThe required option “--name <name>” is missing.');
    const audit = await cli('audit', 'verify');
    expect(audit).toMatchObject({ code: 0 });
  });

  it.each(['init', 'person add', 'grant', 'revoke', 'link-code', 'audit verify', 'migrate', 'site add', 'site caps'])('%s --help explains itself', async (command) => {
    const run = await cli(...command.split(' '), '--help');
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^Cách dùng \/ Usage: portal-hub /);
    expect(run.stdout).toContain('Tùy chọn / Options:');
    expect(run.stdout).toContain('-h, --help  ');
    expect(run.stdout).toContain('xem trợ giúp / display help');
    expect(run.stdout).not.toContain('display help for command');
    expect(run.stdout).toContain(' / ');
  });

  it('a default commander adds to a help line is said in both languages', async () => {
    const run = await cli('demo', '--help');
    expect(run.stdout.replace(/\s+/g, ' ')).toContain('(mặc định / default: "6")');
    expect(run.stdout).not.toMatch(/\((default|choices):/);
  });

  it('a bad configuration lists every problem at once and starts nothing', async () => {
    const run = await runCli(['migrate'], { DATABASE_URL: 'mysql://x', LOG_LEVEL: 'loud' });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('DATABASE_URL: phải là file:ĐƯỜNG_DẪN (SQLite) hoặc postgres://… (PostgreSQL) / must be file:PATH');
    expect(run.stderr).toContain('LOG_LEVEL:');
  });
});
