import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openClient } from '../../src/store/client.js';
import { FakeTelegram } from '../fakes/telegramApi.js';
import { runCli } from '../helpers/cli.js';
import { freshSqlite, type TestDatabase } from '../helpers/databases.js';
import { freePort, startService } from '../helpers/service.js';

const TOKEN = '7000001:TEST-token_for-the-fake';
const SECRET = 'audit-checkpoint-hub-secret-0123456789abcdef';
const ADMINS = '-1001222333444';

/**
 * The audit head anchored outside the database, by the running service: signed into
 * data/audit-checkpoints and posted to the admins' chat. Someone who cuts rows from the end of the
 * trail and sets the head back, and removes the file too, is still caught with the chat's copy.
 */
describe('audit checkpoints from the running service', () => {
  let db: TestDatabase;
  let dataDir: string;
  let fake: FakeTelegram;
  let env: Record<string, string>;

  beforeAll(async () => {
    db = await freshSqlite();
    dataDir = mkdtempSync(join(tmpdir(), 'portal-hub-checkpoint-'));
    env = { DATABASE_URL: db.url, DATA_DIR: dataDir, HUB_SECRET: SECRET };
    expect((await runCli(['init', '--site-key', 'tinh', '--name-vi', 'Cổng tỉnh', '--name-en', 'Province', '--prefix', 'BP', '--admin-name', 'Quản Trị'], env)).code).toBe(0);
    for (const name of ['Phạm Thu Dung', 'Lê Minh Châu', 'Trần Thị Bích']) expect((await runCli(['person', 'add', '--name', name], env)).code).toBe(0);
    fake = new FakeTelegram({ token: TOKEN });
    await fake.listen();
  }, 90_000);
  afterAll(async () => {
    await fake.close();
    rmSync(dataDir, { recursive: true, force: true });
    await db.drop();
  });

  let posted = '';

  it('soon after a start, the head is signed into data/audit-checkpoints and posted to the admins’ chat', async () => {
    const port = await freePort();
    // A long desk lease: on a machine as loaded as a full test run, a 5 s lease renewed late hands the desk back and
    // forth, and this test is about the anchor, not the lease.
    const service = startService(dataDir, port, { ...env, TELEGRAM_BOT_TOKEN: TOKEN, TELEGRAM_API_ROOT: fake.root, TELEGRAM_ADMIN_CHAT: ADMINS, DESK_LEASE_SECONDS: '30' }, true);
    try {
      posted = await fake.waitFor(() => fake.texts(ADMINS).find((t) => t.includes('Mốc nhật ký kiểm tra')), 100_000).catch((error: unknown) => {
        throw new Error(`${String(error)}\nthe service said:\n${service.output().slice(-6000)}`);
      });
      // Written after that anchor, while the service runs: the anchor taken at shutdown covers it.
      expect((await runCli(['person', 'add', '--name', 'Võ Thanh Hải'], env)).code).toBe(0);
    } finally {
      service.child.kill('SIGTERM');
      await service.exited;
    }
    const client = openClient(db.url);
    const head = await client.auditHead.findUniqueOrThrow({ where: { id: 1 } });
    await client.$disconnect();
    expect(posted).toContain(`Mốc nhật ký kiểm tra: dòng ${head.seq - 1}`);
    expect(posted).toContain(`Audit checkpoint: row ${head.seq - 1}`);
    expect(statSync(join(dataDir, 'audit-checkpoints')).mode & 0o777).toBe(0o600);
    const lines = readFileSync(join(dataDir, 'audit-checkpoints'), 'utf8').trim().split('\n');
    expect(lines).toHaveLength(2);
    expect(posted).toContain(lines[0]);
    expect(lines[1]).toMatch(new RegExp(`^ckpt1:${head.seq}:\\d+:${head.mac}:[0-9a-f]{64}$`));
    const verified = await runCli(['audit', 'verify'], env);
    expect(verified.code, verified.stderr).toBe(0);
    expect(verified.stdout).toContain(`Nhật ký nguyên vẹn: ${head.seq} dòng, 2 mốc đối chiếu.`);
  }, 150_000);

  it('rows cut from the end, the head set back and the file removed: the copy from the chat still catches it', async () => {
    const client = openClient(db.url);
    const head = await client.auditHead.findUniqueOrThrow({ where: { id: 1 } });
    const keep = await client.auditEvent.findUniqueOrThrow({ where: { seq: head.seq - 3 } });
    await client.auditEvent.deleteMany({ where: { seq: { gt: keep.seq } } });
    await client.auditHead.update({ where: { id: 1 }, data: { seq: keep.seq, hash: keep.hash, mac: keep.mac } });
    await client.$disconnect();
    rmSync(join(dataDir, 'audit-checkpoints'));
    const bare = await runCli(['audit', 'verify'], env);
    expect(bare.code).toBe(0);
    expect(bare.stderr).toContain('No checkpoint to check against');

    const token = posted.split('\n').find((line) => line.startsWith('ckpt1:'))!;
    const r = await runCli(['audit', 'verify', '--checkpoint', token], env);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`nhật ký bị cắt ngắn dưới mốc 1: mốc ghi dòng ${head.seq - 1}, nay đầu chuỗi chỉ ở dòng ${keep.seq}.`);
    expect(r.stderr).toContain(`trail truncated below checkpoint 1: it anchored row ${head.seq - 1}, the head is now at row ${keep.seq}.`);

    const forged = token.replace(/:[0-9a-f]{64}$/, `:${'0'.repeat(64)}`);
    const f = await runCli(['audit', 'verify', '--checkpoint', forged], env);
    expect(f.code).toBe(1);
    expect(f.stderr).toContain('checkpoint 1 is not signed with this hub’s key');
  }, 90_000);
});
