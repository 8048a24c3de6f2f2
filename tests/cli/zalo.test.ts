import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chatAccountCredentialsPlace, sealingKey, unseal } from '../../src/core/sealing.js';
import { openClient } from '../../src/store/client.js';
import { qrLikeMatrix, qrPng, startZaloWebFake, type ZaloWebFake } from '../fakes/zaloWeb.js';
import { runCli } from '../helpers/cli.js';
import { freshSqlite, type TestDatabase } from '../helpers/databases.js';
import { freePort, startService } from '../helpers/service.js';

const SECRET = 'cli-test-hub-secret-zalo-0123456789abcdef';

describe('the Zalo account from the terminal', () => {
  let db: TestDatabase;
  let dataDir: string;
  let fake: ZaloWebFake;
  const cli = (args: string[]) => runCli(args, { DATABASE_URL: db.url, DATA_DIR: dataDir, HUB_SECRET: SECRET, ZALO_WEB_BASE: fake.base });

  beforeAll(async () => {
    db = await freshSqlite();
    dataDir = mkdtempSync(join(tmpdir(), 'portal-hub-zalo-cli-'));
    fake = await startZaloWebFake({ session: 'sek-from-qr-login' });
    expect((await cli(['init', '--site-key', 'tinh', '--name-vi', 'Cổng tỉnh', '--name-en', 'Portal', '--prefix', 'BP', '--admin-name', 'Quản Trị'])).code).toBe(0);
  });
  afterAll(async () => {
    await fake.close();
    await db.drop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('says so before anyone signed in', async () => {
    const r = await cli(['zalo', 'status']);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('Zalo: chưa đăng nhập. Chạy node bin/portal-hub.mjs zalo login.');
    // For scripts: the same answer as data, and the same exit code.
    const json = await cli(['zalo', 'status', '--json']);
    expect([json.code, JSON.parse(json.stdout)]).toEqual([1, { group: null, bot: null }]);
  });

  it('with only the official bot configured, shows the bot and its send budget, and succeeds', async () => {
    const r = await runCli(['zalo', 'status'], { DATABASE_URL: db.url, DATA_DIR: dataDir, HUB_SECRET: SECRET, ZALO_BOT_TOKEN: '5550003:cli-status-token', ZALO_BOT_SEND_PER_HOUR: '120' });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Bot Zalo chính thức');
    expect(r.stdout).toContain('Đã gửi 0/120 tin trong một giờ qua');
    expect(r.stdout).not.toContain('cli-status-token');
    const json = await runCli(['zalo', 'status', '--json'], { DATABASE_URL: db.url, DATA_DIR: dataDir, HUB_SECRET: SECRET, ZALO_BOT_TOKEN: '5550003:cli-status-token', ZALO_BOT_SEND_PER_HOUR: '120' });
    expect(json.code).toBe(0);
    expect(JSON.parse(json.stdout)).toEqual({ group: null, bot: { budget: { sentHour: 0, perHour: 120, sentDay: 0, perDay: expect.any(Number), nextFreeAt: null } } });
    expect(json.stdout).not.toContain('cli-status-token');
    expect(json.stdout).not.toContain('5550003');
  });

  it('signs in by QR: the code in the terminal and as a picture, the session sealed, never printed', async () => {
    const qrPath = join(dataDir, 'qr.png');
    const r = await cli(['zalo', 'login', '--qr-path', qrPath]);
    // Only the database it worked on (place.ts): nothing went wrong.
    expect(r.stderr).toMatch(/^Cơ sở dữ liệu: .+\nDatabase: .+\n$/);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`Quét mã QR này bằng ứng dụng Zalo của tài khoản bot (Zalo → Quét mã QR). Ảnh mã cũng được lưu ở: ${qrPath}`);
    expect(r.stdout).toContain('Đã quét bởi Cổng TTĐT tỉnh.');
    // In the order it happened: the code first, then the scan.
    expect(r.stdout.indexOf('█')).toBeLessThan(r.stdout.indexOf('Đã quét'));
    expect(r.stdout).toContain('✅ Đã đăng nhập Zalo: Cổng TTĐT tỉnh (100).');
    // The terminal drawing is the fake's code, module for module (two rows a line, light modules as blocks).
    const drawn = r.stdout.split('\n').filter((line) => /^[█▀▄ ]+$/.test(line) && line.length === 25);
    expect(drawn).toHaveLength(13);
    const light: Record<string, [boolean, boolean]> = { '█': [true, true], '▀': [true, false], '▄': [false, true], ' ': [false, false] };
    const rows = drawn.flatMap((line) => [[...line].map((ch) => light[ch]![0]), [...line].map((ch) => light[ch]![1])]);
    const seen = rows.slice(2, 23).map((row) => row.slice(2, 23).map((isLight) => !isLight));
    expect(seen).toEqual(qrLikeMatrix());
    expect(readFileSync(qrPath).equals(await qrPng(qrLikeMatrix()))).toBe(true);
    expect(r.stdout).not.toContain('sek-from-qr-login');

    const client = openClient(db.url);
    const account = await client.chatAccount.findUniqueOrThrow({ where: { key: 'zalo-group' } });
    const audit = await client.auditEvent.findMany();
    await client.$disconnect();
    expect(account.credentials).not.toContain('sek-from-qr-login');
    expect(JSON.stringify(audit)).not.toContain('sek-from-qr-login');
    const session = JSON.parse(unseal(sealingKey(SECRET), account.credentials, chatAccountCredentialsPlace(account.key)) ?? '{}') as { cookie: { key: string; value: string }[]; imei: string; userAgent: string };
    expect(session.cookie.find((c) => c.key === 'zpw_sek')?.value).toBe('sek-from-qr-login');
    expect(session.imei).not.toBe('');

    const status = await cli(['zalo', 'status']);
    expect(status.code).toBe(0);
    expect(status.stdout).toContain('Zalo: tài khoản 100, trạng thái active');
    // In JSON: the account, its state and budget, as the text shows them; never the session's cookies or imei.
    const json = await cli(['zalo', 'status', '--json']);
    expect(json.code).toBe(0);
    const shown = JSON.parse(json.stdout) as { group: Record<string, unknown>; bot: unknown };
    expect(shown).toEqual({ group: { accountId: '100', state: 'active', updatedAt: account.updatedAt.toISOString(), lastError: null, budget: { sentHour: 0, perHour: 60, sentDay: 0, perDay: 300, nextFreeAt: null } }, bot: null });
    for (const secret of ['sek-from-qr-login', session.imei, session.userAgent, account.credentials]) expect(json.stdout).not.toContain(secret);
  });

  it('ends with a clear message when the phone declines', async () => {
    fake.state.qrDeclines = true;
    const r = await cli(['zalo', 'login', '--qr-path', join(dataDir, 'qr2.png')]);
    fake.state.qrDeclines = false;
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('Đăng nhập bị từ chối trên điện thoại.');
    expect(r.stderr).toMatch(/Đăng nhập bị từ chối trên điện thoại\.[\s\S]*The sign-in was declined on the phone\./);
  });

  it('says Zalo cannot be reached from this machine, with the network’s code, when it is offline', async () => {
    const closed = await freePort();
    const r = await runCli(['zalo', 'login', '--qr-path', join(dataDir, 'qr3.png')], { DATABASE_URL: db.url, DATA_DIR: dataDir, HUB_SECRET: SECRET, ZALO_WEB_BASE: `http://127.0.0.1:${closed}` });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/Không kết nối được tới Zalo \(ECONNREFUSED\)[\s\S]*Zalo could not be reached \(ECONNREFUSED\)/);
    expect(r.stderr).not.toContain('fetch failed');
  });

  it('the service, once signed in, listens to the group, acknowledges, and logs an alert when kicked', async () => {
    const group = '7412000000000000001';
    const port = await freePort();
    const run = startService(dataDir, port, { DATABASE_URL: db.url, DATA_DIR: dataDir, HUB_SECRET: SECRET, ZALO_WEB_BASE: fake.base, ZALO_GROUP_INTAKE: group, ZALO_SEND_GAP_MS: '100', ZALO_SEND_JITTER_MS: '50', LOG_FORMAT: 'json' });
    try {
      // A deadline for start-up, the desk lease, the Zalo connection, the receipt and the alert together, on a busy CI machine.
      const until = Date.now() + 60_000;
      while (!/Zalo listener connected/.test(run.output())) {
        if (Date.now() > until) throw new Error(`the service did not connect to Zalo: ${run.output()}`);
        await new Promise((r) => setTimeout(r, 100));
      }
      const before = fake.sends.length;
      fake.groupMessage({ threadId: group, from: '880777', name: 'CTV Bù Đăng', content: 'Tin từ Bù Đăng\nNội dung.' });
      while (!fake.sends.slice(before).some((s) => /Đã nhận tin BP-\d{4}-\d{5} của CTV Bù Đăng/.test(s.text))) {
        if (Date.now() > until) throw new Error(`no acknowledgement: ${run.output()}`);
        await new Promise((r) => setTimeout(r, 100));
      }
      fake.kick(3003);
      while (!/another Zalo Web session took the account/.test(run.output())) {
        if (Date.now() > until) throw new Error(`no alert: ${run.output()}`);
        await new Promise((r) => setTimeout(r, 100));
      }
      expect(run.output()).toContain('bị một phiên Zalo Web khác chiếm');
      expect(run.output()).not.toContain('sek-from-qr-login');
      // `zalo status` tells the truth while the bot is away; `zalo resume` is only for a bot held off.
      const status = await cli(['zalo', 'status']);
      expect([status.code, /trạng thái disconnected/.test(status.stdout), /taken over \(3003\)/.test(status.stdout)]).toEqual([1, true, true]);
      const json = await cli(['zalo', 'status', '--json']);
      const shown = JSON.parse(json.stdout) as { group: { state: string; lastError: string | null } };
      expect([json.code, shown.group.state, /3003/.test(shown.group.lastError ?? '')]).toEqual([1, 'disconnected', true]);
      const resume = await cli(['zalo', 'resume']);
      expect([resume.code, /không ở trạng thái tạm ngừng \(trạng thái disconnected\)/.test(resume.stdout)]).toEqual([1, true]);
    } finally {
      run.child.kill('SIGTERM');
      expect(await run.exited).toBe(0);
    }
  }, 60_000);
});
