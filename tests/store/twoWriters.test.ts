import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import Database from 'better-sqlite3';
import { FakeTelegram } from '../fakes/telegramApi.js';
import { runCli, type CliRun } from '../helpers/cli.js';
import { freshSqlite, type TestDatabase } from '../helpers/databases.js';
import { sqlitePath } from '../../src/store/url.js';
import { freePort, startService, type Running } from '../helpers/service.js';

const TOKEN = '7000001:TEST-token_for-the-fake';
const INTAKE = -1001987654321;
const SECRET = 'two-writers-hub-secret-0123456789abcdef';

/**
 * Two processes writing one SQLite file at once, as when an operator runs the CLI while the
 * service works: the service takes a stream of submissions from the intake group (each read, then
 * written, in one transaction) while CLI processes add people, grant roles and issue link codes.
 * Every write must wait its turn; none may fail with SQLITE_BUSY_SNAPSHOT.
 */
describe('the CLI and the service writing the same SQLite database at once', () => {
  let db: TestDatabase;
  let dataDir: string;
  let fake: FakeTelegram;
  let service: Running;
  const env = () => ({ DATABASE_URL: db.url, DATA_DIR: dataDir, HUB_SECRET: SECRET });

  beforeAll(async () => {
    db = await freshSqlite();
    dataDir = mkdtempSync(join(tmpdir(), 'portal-hub-two-writers-'));
    const init = await runCli(['init', '--site-key', 'tinh', '--name-vi', 'Cổng tỉnh', '--name-en', 'Province', '--prefix', 'BP', '--admin-name', 'Quản Trị'], env());
    expect(init.code).toBe(0);
    fake = new FakeTelegram({ token: TOKEN });
    await fake.listen();
    service = startService(dataDir, await freePort(), { ...env(), TELEGRAM_BOT_TOKEN: TOKEN, TELEGRAM_API_ROOT: fake.root, TELEGRAM_INTAKE_CHATS: String(INTAKE), LOG_FORMAT: 'json' });
    await fake.waitFor(() => /Telegram desk on/.test(service.output()));
  });

  afterAll(async () => {
    service.child.kill('SIGTERM');
    await service.exited;
    await fake.close();
    await db.drop();
    rmSync(dataDir, { recursive: true, force: true });
  }, 120_000);

  it('every submission and every CLI write goes through; nobody sees SQLITE_BUSY', async () => {
    const from = { id: 5_300_000_001, is_bot: false, first_name: 'CTV', username: 'ctv' };
    let sent = 0;
    let writing = true;
    const file = new Database(sqlitePath(db.url), { readonly: true });
    onTestFinished(() => void file.close());
    const codes = () => (file.prepare('SELECT COUNT(DISTINCT "code") AS n FROM "Submission"').get() as { n: number }).n;
    // The intake group keeps the service writing for as long as the CLI runs, a few messages ahead of it.
    const intake = (async () => {
      while (writing) {
        while (sent - codes() < 5) {
          sent += 1;
          fake.push({ message: { message_id: fake.newMessageId(), from, chat: { id: INTAKE, type: 'supergroup', title: 'intake' }, date: Math.floor(Date.now() / 1000), text: `Tin số ${sent}\nNội dung.` } });
        }
        await new Promise((r) => setTimeout(r, 20));
      }
    })();
    const operator = async (n: number): Promise<CliRun[]> => {
      const runs: CliRun[] = [];
      for (let i = 0; i < 2; i += 1) {
        const email = `bt${n}-${i}@example.vn`;
        runs.push(await runCli(['person', 'add', '--name', `Cộng tác viên ${n}-${i}`, '--email', email], env()));
        runs.push(await runCli(['grant', '--person', email, '--site', 'tinh', '--role', 'collaborator'], env()));
        runs.push(await runCli(['link-code', '--person', email, '--hours', '24'], env()));
      }
      return runs;
    };
    const runs = (await Promise.all([operator(1), operator(2)])).flat();
    writing = false;
    await intake;

    const failed = runs.filter((r) => r.code !== 0);
    expect(sent).toBeGreaterThan(20);
    expect(failed.map((r) => r.stderr)).toEqual([]);
    expect(runs.filter((r) => /^\/link [A-Z2-9]{10}/m.test(r.stdout))).toHaveLength(4);
    // One submission per message, each with its own tracking code (acknowledgements are paced at
    // Telegram's 20 a minute per group, so the count is read from the file, as a second reader would).
    await fake.waitFor(() => codes() >= sent, 20_000).catch(() => undefined);
    expect(service.output().split('\n').filter((line) => /SQLITE_BUSY|submission not recorded|telegram update failed/i.test(line))).toEqual([]);
    expect(codes()).toBe(sent);
    const audit = await runCli(['audit', 'verify'], env());
    expect(audit.code).toBe(0);
  }, 240_000);
});
