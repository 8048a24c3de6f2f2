import { readFileSync } from 'node:fs';
import { mkdtempSync, rmSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { webhookSecret } from '../../adapters/telegram/callbackData.js';
import { FakeTelegram } from '../fakes/telegramApi.js';
import { runCli } from '../helpers/cli.js';
import { freshSqlite, type TestDatabase } from '../helpers/databases.js';
import { freePort, startService, type Running } from '../helpers/service.js';

const TOKEN = '7000001:TEST-token_for-the-fake';
const SECRET = 'webhook-body-hub-secret-0123456789abcdef01';

const rssMb = (pid: number) => Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))![1]) / 1024;

/** A POST whose body is written as given; `stallAfter` leaves it unfinished (a slow-drip client). */
function post(port: number, headers: Record<string, string>, body: Buffer, stallAfter?: number): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path: '/telegram/webhook', method: 'POST', headers: { 'content-type': 'application/json', ...headers } }, (res) => {
      let text = '';
      res.on('data', (d: Buffer) => (text += d.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
      req.destroy();
    });
    // The server may answer and close before the body is sent: that is the point.
    req.on('error', (error) => (req.destroyed ? undefined : reject(error)));
    if (stallAfter === undefined) req.end(body);
    else req.write(body.subarray(0, stallAfter));
  });
}

/** The Telegram webhook of the real service, probed as an attacker would: no secret, huge bodies, slow bodies. */
describe('the Telegram webhook against hostile bodies', () => {
  let db: TestDatabase;
  let dataDir: string;
  let fake: FakeTelegram;
  let service: Running;
  let port: number;

  beforeAll(async () => {
    db = await freshSqlite();
    dataDir = mkdtempSync(join(tmpdir(), 'portal-hub-webhook-'));
    expect((await runCli(['init', '--site-key', 'tinh', '--name-vi', 'Cổng tỉnh', '--name-en', 'Province', '--prefix', 'BP', '--admin-name', 'Quản Trị'], { DATABASE_URL: db.url, DATA_DIR: dataDir, HUB_SECRET: SECRET })).code).toBe(0);
    fake = new FakeTelegram({ token: TOKEN });
    await fake.listen();
    port = await freePort();
    service = startService(dataDir, port, { DATABASE_URL: db.url, DATA_DIR: dataDir, HUB_SECRET: SECRET, TELEGRAM_BOT_TOKEN: TOKEN, TELEGRAM_API_ROOT: fake.root, PUBLIC_BASE_URL: 'https://hub.example.vn', LOG_FORMAT: 'json' }, true);
    await fake.waitFor(() => /Telegram desk on/.test(service.output()), 60_000);
  }, 90_000);
  afterAll(async () => {
    service.child.kill('SIGTERM');
    await service.exited;
    await fake.close();
    rmSync(dataDir, { recursive: true, force: true });
    await db.drop();
  });

  it('50 MB without the secret: 401 before the body is read, and the process does not grow by it', async () => {
    const before = rssMb(service.child.pid!);
    const r = await post(port, { 'content-length': String(50 * 1024 * 1024) }, Buffer.alloc(50 * 1024 * 1024, 0x20));
    expect(r.status).toBe(401);
    expect(rssMb(service.child.pid!) - before).toBeLessThan(20);
  });

  it('with the secret, a body past 1 MB is refused with 413, declared or not', async () => {
    const secret = { 'X-Telegram-Bot-Api-Secret-Token': webhookSecret(SECRET) };
    expect((await post(port, { ...secret, 'content-length': String(2 * 1024 * 1024) }, Buffer.alloc(2 * 1024 * 1024, 0x20))).status).toBe(413);
    expect((await post(port, { ...secret, 'transfer-encoding': 'chunked' }, Buffer.alloc(2 * 1024 * 1024, 0x20))).status).toBe(413);
  });

  it('with the secret, a body that stops arriving is given up (408) instead of holding the socket', async () => {
    const r = await post(port, { 'X-Telegram-Bot-Api-Secret-Token': webhookSecret(SECRET), 'content-length': '5000' }, Buffer.from('{"update_id": 1,'.padEnd(5000, ' ')), 100);
    expect(r.status).toBe(408);
  }, 30_000);

  it('an update with the secret is still taken', async () => {
    const update = { update_id: 9001, message: { message_id: 1, from: { id: 5_000_000_001, is_bot: false, first_name: 'An' }, chat: { id: 5_000_000_001, type: 'private', first_name: 'An' }, date: Math.floor(Date.now() / 1000), text: '/help' } };
    const r = await post(port, { 'X-Telegram-Bot-Api-Secret-Token': webhookSecret(SECRET) }, Buffer.from(JSON.stringify(update)));
    expect(r.status).toBe(200);
    await fake.waitFor(() => fake.texts(5_000_000_001).length > 0);
  });
});
