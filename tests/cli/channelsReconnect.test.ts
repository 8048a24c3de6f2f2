import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { channelCredentialsPlace, sealingKey, unseal } from '../../src/core/sealing.js';
import { openClient } from '../../src/store/client.js';
import { FakeGraph } from '../fakes/graphApi.js';
import { ROOT, runCli, type CliRun } from '../helpers/cli.js';
import { freshSqlite, type TestDatabase } from '../helpers/databases.js';

const SECRET = 'cli-test-hub-secret-0123456789abcdef012345';

/** A port on 127.0.0.1 nothing listens on: a platform that cannot be reached. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise((resolve) => server.close(resolve));
  if (address === null || typeof address === 'string') throw new Error('no port');
  return address.port;
}

/**
 * `portal-hub …` fed `input` on standard input that is never closed: the command must stop reading on its own
 * once past the cap (the shared helper closes its input and would fail on the broken pipe such a command leaves).
 */
function runWithOpenInput(args: string[], env: Record<string, string>, input: Buffer): Promise<CliRun> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, [join(ROOT, 'bin', 'portal-hub.mjs'), ...args], { cwd: ROOT, env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env }, stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    // The command leaving before it has read everything breaks the pipe: expected here.
    child.stdin!.on('error', () => undefined);
    child.stdin!.write(input, () => undefined);
    child.stdout!.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => {
      child.stdin!.destroy();
      resolvePromise({ code, stdout, stderr });
    });
  });
}

interface Listed {
  key: string;
  state: string;
  lastError: string | null;
}

/**
 * `channel reconnect KEY` tries the new token with the same read call as connect: a token the platform refuses
 * is not stored and the channel keeps the old one; and credentials far past any real size are refused, on connect
 * and reconnect, before they are read to the end or stored.
 */
describe('channel reconnect and the size of credentials', () => {
  let db: TestDatabase;
  let dataDir: string;
  let away: string;
  const graph = new FakeGraph('102030405060708', 'EAAB-page-token-first');
  const env = (extra: Record<string, string> = {}) => ({ DATABASE_URL: db.url, DATA_DIR: dataDir, HUB_SECRET: SECRET, FACEBOOK_GRAPH_BASE: graph.url, FACEBOOK_GRAPH_VIDEO_BASE: graph.url, ...extra });
  const unreachable = () => ({ FACEBOOK_GRAPH_BASE: away, FACEBOOK_GRAPH_VIDEO_BASE: away });
  const cli = (args: string[], input?: string, extra: Record<string, string> = {}) => runCli(args, env(extra), input);
  const listed = async (key: string): Promise<Listed | undefined> => {
    const r = await cli(['channel', 'list', '--json']);
    expect(r.code, r.stderr).toBe(0);
    return (JSON.parse(r.stdout) as Listed[]).find((c) => c.key === key);
  };
  /** The channel rows as stored, with their credentials opened, and the reconnect rows of the trail. */
  const stored = async () => {
    const client = openClient(db.url);
    try {
      const rows = await client.channel.findMany({ orderBy: { key: 'asc' } });
      const audits = await client.auditEvent.findMany({ where: { action: 'channel.reconnect' }, orderBy: { seq: 'asc' } });
      return {
        channels: rows.map((r) => ({ key: r.key, state: r.state, lastError: r.lastError, credentials: r.credentials === '' ? '' : unseal(sealingKey(SECRET), r.credentials, channelCredentialsPlace(r.key)) })),
        reconnects: audits.map((a) => JSON.parse(a.data) as Record<string, unknown>),
      };
    } finally {
      await client.$disconnect();
    }
  };

  beforeAll(async () => {
    await graph.start();
    away = `http://127.0.0.1:${await closedPort()}/`;
    db = await freshSqlite();
    dataDir = mkdtempSync(join(tmpdir(), 'portal-hub-channel-reconnect-'));
    expect((await cli(['init', '--site-key', 'tinh', '--name-vi', 'Cổng tỉnh', '--name-en', 'Portal', '--prefix', 'BP', '--admin-name', 'Quản Trị'])).code).toBe(0);
    const connected = await cli(['channel', 'connect', 'fb', '--platform', 'facebook', '--account', graph.pageId], graph.token);
    expect(connected.code, connected.stderr).toBe(0);
  });
  afterAll(async () => {
    await graph.stop();
    await db.drop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('refuses a new token the platform refuses, keeping the old token and the channel as it was', async () => {
    const before = await stored();
    const r = await cli(['channel', 'reconnect', 'fb'], 'EAAB-a-wrong-token\n');
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/Nền tảng Facebook từ chối token mới cho tài khoản 102030405060708 \(Graph 190\b[\s\S]*Facebook refused the new token for account 102030405060708 \(Graph 190\b.*Nothing was saved: channel fb keeps its old token and state\./);
    expect(r.stdout).not.toContain('reconnected');
    expect(r.stdout + r.stderr).not.toContain('EAAB-a-wrong-token');
    expect(await stored()).toEqual(before);
    expect(before.channels).toEqual([{ key: 'fb', state: 'active', lastError: null, credentials: graph.token }]);
    expect(await listed('fb')).toMatchObject({ state: 'active', lastError: null });
    // The old token still works.
    const test = await cli(['channel', 'test', 'fb']);
    expect(test.code, test.stderr).toBe(0);

    // A paused channel stays paused: nothing changes on a refusal.
    expect((await cli(['channel', 'pause', 'fb'])).code).toBe(0);
    expect((await cli(['channel', 'reconnect', 'fb'], 'EAAB-another-wrong-token')).code).toBe(1);
    expect(await listed('fb')).toMatchObject({ state: 'paused' });
    expect((await cli(['channel', 'resume', 'fb'])).code).toBe(0);
  });

  it('stores a new token the platform accepts, saying what it opens', async () => {
    const old = graph.token;
    graph.token = 'EAAB-page-token-second';
    const r = await cli(['channel', 'reconnect', 'fb'], `${graph.token}\n`);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('Đã kết nối lại / reconnected: fb');
    expect(r.stdout).toContain(`Channel fb (facebook ${graph.pageId}): the token opens “${graph.pageName}”.`);
    expect(r.stdout + r.stderr).not.toContain(graph.token);
    const now = await stored();
    expect(now.channels).toEqual([{ key: 'fb', state: 'active', lastError: null, credentials: graph.token }]);
    expect(now.reconnects.at(-1)).toMatchObject({ key: 'fb', probe: 'reachable', reason: null });
    expect(JSON.stringify(now.reconnects)).not.toContain('EAAB');
    expect((await cli(['channel', 'test', 'fb'])).code).toBe(0);
    expect(old).not.toBe(graph.token);
  });

  it('keeps a working token when the platform cannot check the new one; takes it only when told (--unverified), with a warning', async () => {
    const kept = await cli(['channel', 'reconnect', 'fb'], 'EAAB-page-token-unverified', unreachable());
    expect(kept.code).toBe(1);
    expect(kept.stderr).toMatch(/Facebook không trả lời nên chưa kiểm tra được token mới[\s\S]*still runs on its old token[\s\S]*--unverified/);
    // Why, in a word the operator can look up (the network's code), never fetch's message with its URL.
    expect(kept.stderr).toContain('no answer from Graph (ECONNREFUSED)');
    expect((await stored()).channels).toEqual([{ key: 'fb', state: 'active', lastError: null, credentials: graph.token }]);

    const r = await cli(['channel', 'reconnect', 'fb', '--unverified'], 'EAAB-page-token-unverified', unreachable());
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Đã kết nối lại / reconnected: fb');
    expect(r.stderr).toMatch(/nền tảng không trả lời được lúc này[\s\S]*Whether the token works is not known yet/);
    const now = await stored();
    expect(now.channels).toEqual([{ key: 'fb', state: 'active', lastError: expect.stringMatching(/^Graph không trả lời \/ no answer from Graph/) as unknown, credentials: 'EAAB-page-token-unverified' }]);
    expect(now.reconnects.at(-1)).toMatchObject({ key: 'fb', probe: 'retryLater' });
    // Back to the token the platform knows, for what follows.
    expect((await cli(['channel', 'reconnect', 'fb'], graph.token)).code).toBe(0);
    expect(await listed('fb')).toMatchObject({ state: 'active', lastError: null });
  });

  it('refuses oversized credentials on connect without reading them to the end, storing nothing', async () => {
    const before = await stored();
    // 1 MB on an input that never closes: only a command that stops reading once past the cap ends (else: timeout).
    const huge = Buffer.from('A'.repeat(1024 * 1024));
    const r = await runWithOpenInput(['channel', 'connect', 'fb-huge', '--platform', 'facebook', '--account', '999'], env(unreachable()), huge);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('Thông tin đăng nhập quá lớn (giới hạn 16 KB;');
    expect(r.stderr).toContain('The credentials are too large (limit 16 KB;');
    expect(r.stdout).not.toContain('connected');
    expect(await stored()).toEqual(before);

    // Just past the cap, with the input closed: refused the same way.
    const over = await cli(['channel', 'connect', 'fb-huge', '--platform', 'facebook', '--account', '999'], 'B'.repeat(16 * 1024 + 1), unreachable());
    expect(over.code).toBe(1);
    expect(over.stderr).toContain('The credentials are too large (limit 16 KB;');
    expect(await stored()).toEqual(before);
    expect((await cli(['channel', 'list'])).stdout).not.toContain('fb-huge');
  });

  it('refuses oversized credentials on reconnect, keeping the old token', async () => {
    const before = await stored();
    const huge = Buffer.from('C'.repeat(1024 * 1024));
    const r = await runWithOpenInput(['channel', 'reconnect', 'fb'], env(unreachable()), huge);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('The credentials are too large (limit 16 KB;');
    expect(r.stdout).not.toContain('reconnected');
    const over = await cli(['channel', 'reconnect', 'fb'], 'D'.repeat(16 * 1024 + 1), unreachable());
    expect(over.code).toBe(1);
    expect(over.stderr).toContain('Nothing more was read and nothing was saved');
    expect(await stored()).toEqual(before);
    expect((await cli(['channel', 'test', 'fb'])).code).toBe(0);
  });
});
