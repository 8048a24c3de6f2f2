import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sealingKey, unseal } from '../../src/core/sealing.js';
import { openClient } from '../../src/store/client.js';
import { qrLikeMatrix, qrPng, startZaloWebFake, type ZaloWebFake } from '../fakes/zaloWeb.js';
import { runCli } from '../helpers/cli.js';
import { freshSqlite, type TestDatabase } from '../helpers/databases.js';

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
  });
  afterAll(async () => {
    await fake.close();
    await db.drop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('says so before anyone signed in', async () => {
    const r = await cli(['zalo', 'status']);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('Zalo: chưa đăng nhập. Chạy npx portal-hub zalo login.');
  });

  it('signs in by QR: the code in the terminal and as a picture, the session sealed, never printed', async () => {
    const qrPath = join(dataDir, 'qr.png');
    const r = await cli(['zalo', 'login', '--qr-path', qrPath]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`Quét mã QR này bằng ứng dụng Zalo của tài khoản bot (Zalo → Quét mã QR). Ảnh mã cũng được lưu ở: ${qrPath}`);
    expect(r.stdout).toContain('Đã quét bởi Cổng TTĐT tỉnh.');
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
    const session = JSON.parse(unseal(sealingKey(SECRET), account.credentials) ?? '{}') as { cookie: { key: string; value: string }[]; imei: string; userAgent: string };
    expect(session.cookie.find((c) => c.key === 'zpw_sek')?.value).toBe('sek-from-qr-login');
    expect(session.imei).not.toBe('');

    const status = await cli(['zalo', 'status']);
    expect(status.code).toBe(0);
    expect(status.stdout).toContain('Zalo: tài khoản 100, trạng thái active');
  });

  it('ends with a clear message when the phone declines', async () => {
    fake.state.qrDeclines = true;
    const r = await cli(['zalo', 'login', '--qr-path', join(dataDir, 'qr2.png')]);
    fake.state.qrDeclines = false;
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('Đăng nhập bị từ chối trên điện thoại.');
    expect(r.stderr).toContain('Zalo sign-in did not complete: declined');
  });
});
