import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeTelegram } from '../fakes/telegramApi.js';
import { runCli } from '../helpers/cli.js';
import { freshSqlite, type TestDatabase } from '../helpers/databases.js';
import { jpegBytes } from '../helpers/mediaBytes.js';
import { freePort, startService, waitForHealth, type Running } from '../helpers/service.js';

const TOKEN = '7000001:TEST-token_for-the-fake';
const INTAKE = -1001987654321;
const SECRET = 'shutdown-hub-secret-0123456789abcdef012345';

/**
 * An operator stops the service (SIGTERM, as systemd does) while it is downloading a collaborator's
 * photo from a file server that stopped answering. The service must stop, not wait for the download,
 * and the photo must not be lost: the message is taken again, file and all, at the next start.
 */
describe('stopping while a download hangs', () => {
  let db: TestDatabase;
  let dataDir: string;
  let fake: FakeTelegram;
  let photo: Buffer;
  const env = () => ({ DATABASE_URL: db.url, DATA_DIR: dataDir, HUB_SECRET: SECRET, TELEGRAM_BOT_TOKEN: TOKEN, TELEGRAM_API_ROOT: fake.root, TELEGRAM_INTAKE_CHATS: String(INTAKE), LOG_FORMAT: 'json' });
  const started = async (): Promise<Running> => {
    const run = startService(dataDir, await freePort(), env());
    await fake.waitFor(() => /Telegram desk on/.test(run.output()), 60_000);
    return run;
  };

  beforeAll(async () => {
    db = await freshSqlite();
    dataDir = mkdtempSync(join(tmpdir(), 'portal-hub-shutdown-'));
    photo = await jpegBytes('#468', 640, 480);
    const init = await runCli(['init', '--site-key', 'tinh', '--name-vi', 'Cổng tỉnh', '--name-en', 'Province', '--prefix', 'BP', '--admin-name', 'Quản Trị'], { DATABASE_URL: db.url, DATA_DIR: dataDir, HUB_SECRET: SECRET });
    expect(init.code).toBe(0);
    fake = new FakeTelegram({ token: TOKEN, files: { 'photo-1': { path: 'photos/file_1.jpg', bytes: photo } } });
    await fake.listen();
  });
  afterAll(async () => {
    await fake.close();
    rmSync(dataDir, { recursive: true, force: true });
    await db.drop();
  });

  it('SIGTERM ends the service at once, says nothing failed, and the next start takes the photo in', async () => {
    fake.hangFiles = true;
    const first = await started();
    const from = { id: 5_500_000_111, is_bot: false, first_name: 'Hoa' };
    fake.push({ message: { message_id: fake.newMessageId(), from, chat: { id: INTAKE, type: 'supergroup', title: 'CTV' }, date: Math.floor(Date.now() / 1000), photo: [{ file_id: 'photo-1', file_unique_id: 'p1', width: 640, height: 480 }], caption: 'Khai trương chợ phiên\nChợ phiên cuối tuần mở cửa từ sáng.' } });
    await fake.waitFor(() => fake.fileRequests > 0, 30_000);
    first.child.kill('SIGTERM');
    // Bounded only by the test's own limit: a download that held the stop would wait its two minutes.
    expect(await first.exited).toBe(0);
    expect(first.output()).toContain('"msg":"đã dừng / stopped"');
    // Nobody was told that their item was not recorded: it was not refused, only put off.
    expect(fake.texts(INTAKE).filter((t) => t.includes('Đã nhận tin') || t.includes('⚠️'))).toEqual([]);

    fake.hangFiles = false;
    const second = await started();
    try {
      const ack = await fake.waitFor(() => fake.texts(INTAKE).find((t) => t.includes('Đã nhận tin')), 60_000);
      expect(ack).toContain('Hoa');
      const stored = await fake.waitFor(async () => {
        const { openClient } = await import('../../src/store/client.js');
        const client = openClient(db.url);
        try {
          return (await client.submission.findMany({ select: { attachments: true } })).find((s) => s.attachments.includes('"kind":"photo"'));
        } finally {
          await client.$disconnect();
        }
      }, 30_000);
      expect(JSON.parse(stored.attachments)[0].ref).toMatch(/^\d{4}-\d{2}\/[a-f0-9]{64}\.jpg$/);
      expect(fake.texts(INTAKE).filter((t) => t.includes('Đã nhận tin'))).toHaveLength(1);
    } finally {
      second.child.kill('SIGTERM');
      await second.exited;
    }
  }, 180_000);
});

/**
 * A phone on a slow link has sent half a request when the operator stops the service. The stop
 * must not wait for the rest (Node would hold the port until its 60 s header timeout, and
 * systemd kills at 90 s, mid-write): the half-open connection is closed after a short grace.
 */
describe('stopping while a client holds a half-sent request', () => {
  it('SIGTERM closes the connection after the grace and the service stops cleanly', async () => {
    const db = await freshSqlite();
    const cwd = mkdtempSync(join(tmpdir(), 'portal-hub-halfopen-'));
    const port = await freePort();
    const run = startService(cwd, port, { DATABASE_URL: db.url, HUB_SECRET: SECRET, LOG_FORMAT: 'json' });
    try {
      const { connect } = await import('node:net');
      await waitForHealth(port, 60_000);
      const socket = connect(port, '127.0.0.1');
      await new Promise<void>((resolve) => socket.once('connect', () => resolve()));
      const closedByServer = new Promise<void>((resolve) => socket.once('close', () => resolve()));
      socket.on('error', () => undefined);
      socket.write('GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n');
      run.child.kill('SIGTERM');
      // Bounded only by the test's limit: without the grace the stop waits out the header timeout.
      expect(await run.exited).toBe(0);
      await closedByServer;
      expect(run.output()).toContain('"msg":"đã dừng / stopped"');
    } finally {
      run.child.kill('SIGKILL');
      rmSync(cwd, { recursive: true, force: true });
      await db.drop();
    }
  }, 45_000);
});
