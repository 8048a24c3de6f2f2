import { mkdtempSync, rmSync } from 'node:fs';
import { userInfo, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { webhookSecret } from '../../adapters/telegram/callbackData.js';
import { RefusalLog } from '../../src/app/refusals.js';
import { openClient } from '../../src/store/client.js';
import { auditKeys } from '../../src/core/audit.js';
import { createPrismaStore } from '../../src/store/prismaStore.js';
import { FakeTelegram } from '../fakes/telegramApi.js';
import { runCli } from '../helpers/cli.js';
import { BACKENDS, freshSqlite, type TestDatabase } from '../helpers/databases.js';
import { testClock } from '../helpers/desk.js';
import { freePort, startService, type Running } from '../helpers/service.js';

const TOKEN = '7000001:SECLOG-token_for-the-fake';
const HUB_SECRET = 'security-log-hub-secret-0123456789abcdef01';

type AuditRow = { action: string; actorId: string | null; subjectId: string; data: string };
const auditRows = async (url: string, prefix: string): Promise<(AuditRow & { parsed: Record<string, unknown> })[]> => {
  const client = openClient(url);
  try {
    const rows = (await client.auditEvent.findMany({ orderBy: { seq: 'asc' } })) as AuditRow[];
    return rows.filter((r) => r.action.startsWith(prefix)).map((r) => ({ ...r, parsed: JSON.parse(r.data) as Record<string, unknown> }));
  } finally {
    await client.$disconnect();
  }
};

/**
 * Issue 13, point 9 (security log), through the real service process: one access line per request
 * without its query string, and a trace in the audit trail of every refused privileged attempt — a
 * wrong webhook secret, a button the bot never signed, /grant by someone who is not an admin.
 */
describe('the security log of the running service', () => {
  let db: TestDatabase;
  let dataDir: string;
  let fake: FakeTelegram;
  let service: Running;
  let port: number;
  let env: Record<string, string>;
  let editorCode = '';
  const EDITOR = { id: 5_300_000_001, is_bot: false as const, first_name: 'Dung' };

  const post = (update: object, secret: string) =>
    fetch(`http://127.0.0.1:${port}/telegram/webhook`, { method: 'POST', headers: { 'content-type': 'application/json', 'X-Telegram-Bot-Api-Secret-Token': secret }, body: JSON.stringify(update) });
  let nextUpdate = 7000;
  const privateMessage = (text: string) => ({ update_id: nextUpdate++, message: { message_id: nextUpdate, from: EDITOR, chat: { id: EDITOR.id, type: 'private', first_name: 'Dung' }, date: Math.floor(Date.now() / 1000), text } });

  beforeAll(async () => {
    db = await freshSqlite();
    dataDir = mkdtempSync(join(tmpdir(), 'portal-hub-seclog-'));
    env = { DATABASE_URL: db.url, DATA_DIR: dataDir, HUB_SECRET };
    const cli = async (args: string[]) => {
      const run = await runCli(args, env);
      expect(run.code, run.stderr).toBe(0);
      return run.stdout;
    };
    await cli(['init', '--site-key', 'tinh', '--name-vi', 'Cổng tỉnh', '--name-en', 'Province', '--prefix', 'BP', '--admin-name', 'Quản Trị']);
    await cli(['person', 'add', '--name', 'Phạm Thu Dung', '--email', 'dung@example.vn']);
    await cli(['grant', '--person', 'dung@example.vn', '--site', 'tinh', '--role', 'editor']);
    editorCode = /^\/link (\S+)/m.exec(await cli(['link-code', '--person', 'dung@example.vn']))![1]!;
    fake = new FakeTelegram({ token: TOKEN, chatGapMs: 0 });
    await fake.listen();
    port = await freePort();
    service = startService(dataDir, port, { ...env, TELEGRAM_BOT_TOKEN: TOKEN, TELEGRAM_API_ROOT: fake.root, PUBLIC_BASE_URL: 'https://hub.example.vn', LOG_FORMAT: 'json' }, true);
    await fake.waitFor(() => /Telegram desk on/.test(service.output()), 60_000);
  }, 120_000);

  afterAll(async () => {
    service?.child.kill('SIGTERM');
    await service?.exited;
    await fake?.close();
    rmSync(dataDir, { recursive: true, force: true });
    await db?.drop();
  });

  const accessLines = () =>
    service
      .output()
      .split('\n')
      .filter((l) => l.includes('"log":"access"'))
      .map((l) => JSON.parse(l) as { method: string; path: string; status: number; durationMs: number; bytes: number });

  it('each request, a kept page from memory too, is one access line: method, path without its query, status, duration, bytes', async () => {
    for (let i = 0; i < 3; i += 1) expect((await fetch(`http://127.0.0.1:${port}/vi/?access_token=QUERY-SECRET-${i}`)).status).toBe(200);
    expect((await fetch(`http://127.0.0.1:${port}/vi/khong-co-trang-nay?token=QUERY-SECRET-404`)).status).toBe(404);
    await fake.waitFor(() => accessLines().filter((l) => l.path.startsWith('/vi/')).length >= 4, 10_000);
    const lines = accessLines().filter((l) => l.path.startsWith('/vi/'));
    expect(lines.map((l) => [l.method, l.path, l.status])).toEqual([
      ['GET', '/vi/', 200],
      ['GET', '/vi/', 200],
      ['GET', '/vi/', 200],
      ['GET', '/vi/khong-co-trang-nay', 404],
    ]);
    for (const line of lines) {
      expect(line.bytes).toBeGreaterThan(0);
      expect(typeof line.durationMs).toBe('number');
    }
    expect(service.output()).not.toContain('QUERY-SECRET');
  });

  it('a flood of wrong webhook secrets is refused and leaves one audit row for its source, not one per attempt', async () => {
    for (let i = 0; i < 25; i += 1) expect((await post(privateMessage('/help'), 'not-the-secret')).status).toBe(401);
    const rows = await auditRows(db.url, 'security.refused.webhook_secret');
    expect(rows).toHaveLength(1);
    expect(rows[0]!.parsed).toMatchObject({ source: '127.0.0.1', path: '/telegram/webhook', count: 1 });
  });

  it('a button the bot never signed is refused and recorded with who pressed it', async () => {
    const forged = { update_id: nextUpdate++, callback_query: { id: 'cq-forged', from: { id: 5_300_000_999, is_bot: false, first_name: 'Kẻ lạ' }, chat_instance: '1', data: 'a.fakecardid.AAAAAAAAAAAAAAAA', message: { message_id: 1, date: 0, chat: { id: -100500, type: 'supergroup', title: 'BBT' }, text: 'x' } } };
    expect((await post(forged, webhookSecret(HUB_SECRET))).status).toBe(200);
    await fake.waitFor(() => fake.sent('answerCallbackQuery').find((c) => c.params.callback_query_id === 'cq-forged'), 20_000);
    const rows = await fake.waitFor(async () => {
      const found = await auditRows(db.url, 'security.refused.callback_data');
      return found.length > 0 ? found : null;
    }, 10_000);
    expect(rows[0]!.parsed).toMatchObject({ source: 'telegram:5300000999', data: 'a.fakecardid.AAAAAAAAAAAAAAAA' });
  });

  it('/grant by a linked editor who is no admin is refused and recorded against that person', async () => {
    expect((await post(privateMessage(`/link ${editorCode}`), webhookSecret(HUB_SECRET))).status).toBe(200);
    await fake.waitFor(() => fake.texts(EDITOR.id).find((t) => t.includes('Đã liên kết')), 20_000);
    expect((await post(privateMessage(`/grant ${EDITOR.id} admin`), webhookSecret(HUB_SECRET))).status).toBe(200);
    await fake.waitFor(() => fake.texts(EDITOR.id).length >= 2, 20_000);
    const rows = await fake.waitFor(async () => {
      const found = await auditRows(db.url, 'security.refused.privileged_command');
      return found.length > 0 ? found : null;
    }, 10_000);
    expect(rows[0]!.parsed).toMatchObject({ action: 'role.grant', reason: 'not_admin' });
    expect(rows[0]!.actorId).not.toBeNull();
  });

  it('/grant and /takedown by an account no one linked are refused and recorded by that account, each under its own action', async () => {
    const STRANGER = { id: 5_300_000_666, is_bot: false as const, first_name: 'Lạ' };
    const fromStranger = (text: string) => ({ update_id: nextUpdate++, message: { message_id: nextUpdate, from: STRANGER, chat: { id: STRANGER.id, type: 'private', first_name: 'Lạ' }, date: Math.floor(Date.now() / 1000), text } });
    for (const text of [`/grant ${STRANGER.id} admin`, '/takedown BP-2026-00001 thử', `/grant ${STRANGER.id} deputy`]) {
      expect((await post(fromStranger(text), webhookSecret(HUB_SECRET))).status).toBe(200);
    }
    await fake.waitFor(() => fake.texts(STRANGER.id).length >= 3, 20_000);
    const rows = await fake.waitFor(async () => {
      const found = (await auditRows(db.url, 'security.refused.privileged_command')).filter((r) => r.subjectId === `telegram:${STRANGER.id}`);
      return found.length >= 2 ? found : null;
    }, 10_000);
    // A minute turning between the two /grant messages makes each the first of its minute: two grant rows.
    expect([...new Set(rows.map((r) => r.parsed.action))].sort()).toEqual(['grant', 'takedown']);
    expect(rows.length).toBeLessThanOrEqual(3);
    expect(rows.every((r) => r.parsed.reason === 'not_linked')).toBe(true);
  });
});

/** The bound on what a flood can write, on both databases, with the clock moved by hand. */
describe.each(BACKENDS)('refused attempts stay bounded in the audit trail on $name', ({ fresh, skip }) => {
  it.skipIf(skip)('thousands of refusals from hundreds of sources in a minute write a bounded number of rows, and the counts once the minute is over', async () => {
    const db = await fresh();
    const store = createPrismaStore(db.url, auditKeys(HUB_SECRET));
    try {
      const time = testClock();
      const log = new RefusalLog({ store, clock: time.clock }, (error) => {
        throw error;
      });
      for (let i = 0; i < 2000; i += 1) await log.refused({ kind: 'webhook_secret', source: '203.0.113.7' });
      for (let i = 0; i < 300; i += 1) await log.refused({ kind: 'webhook_secret', source: `198.51.100.${i}` });
      const during = await auditRows(db.url, 'security.refused');
      // The first of each source (the flooding one and 49 more); the remaining sources only counted.
      expect(during).toHaveLength(50);
      time.advance(60_000);
      expect(await log.flush()).toBe(2);
      const after = await auditRows(db.url, 'security.refused');
      expect(after.slice(50).map((r) => [r.subjectId, r.parsed.repeated])).toEqual([
        ['203.0.113.7', 1999],
        ['(other sources)', 251],
      ]);
    } finally {
      await store.close();
      await db.drop();
    }
  }, 120_000);
});

/** CLI actions name the operator: the OS account at the terminal, and the person acted for with --as. */
describe('audit rows written from the terminal', () => {
  let db: TestDatabase;
  let dataDir: string;
  let env: Record<string, string>;

  beforeAll(async () => {
    db = await freshSqlite();
    dataDir = mkdtempSync(join(tmpdir(), 'portal-hub-operator-'));
    env = { DATABASE_URL: db.url, DATA_DIR: dataDir, HUB_SECRET };
    expect((await runCli(['init', '--site-key', 'tinh', '--name-vi', 'Cổng tỉnh', '--name-en', 'Province', '--prefix', 'BP', '--admin-name', 'Quản Trị', '--admin-email', 'admin@example.vn'], env)).code).toBe(0);
  }, 60_000);
  afterAll(async () => {
    rmSync(dataDir, { recursive: true, force: true });
    await db.drop();
  });

  it('carry the OS user, and with --as the person it was done for', async () => {
    expect((await runCli(['person', 'add', '--name', 'Lê Minh Châu', '--email', 'chau@example.vn'], env)).code).toBe(0);
    const asAdmin = await runCli(['grant', '--person', 'chau@example.vn', '--site', 'tinh', '--role', 'secretary', '--as', 'admin@example.vn'], env);
    expect(asAdmin.code, asAdmin.stderr).toBe(0);
    const rows = await auditRows(db.url, '');
    const osUser = userInfo().username;
    for (const row of rows) expect(row.parsed.operator, row.action).toMatchObject({ via: 'cli', osUser });
    const granted = rows.filter((r) => r.action === 'role.grant').at(-1)!;
    const admin = rows.find((r) => r.action === 'person.create' && r.parsed.name === 'Quản Trị')!;
    expect(granted.parsed.operator).toMatchObject({ as: admin.subjectId });
    expect(granted.actorId).toBe(admin.subjectId);
    const unknown = await runCli(['grant', '--person', 'chau@example.vn', '--site', 'tinh', '--role', 'editor', '--as', 'nobody@example.vn'], env);
    expect(unknown.code).toBe(1);
  });
});
