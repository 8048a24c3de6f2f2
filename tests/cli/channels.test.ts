import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { channelCredentialsPlace, sealingKey, unseal } from '../../src/core/sealing.js';
import { openClient } from '../../src/store/client.js';
import { freshSqlite, type TestDatabase } from '../helpers/databases.js';
import { runCli } from '../helpers/cli.js';

const SECRET = 'cli-test-hub-secret-0123456789abcdef012345';

describe('channels from the terminal', () => {
  let db: TestDatabase;
  let dataDir: string;
  // No platform stands in here: each base is a closed port on this machine, so connect's read call meets a
  // refused connection (the platform "could not answer") and nothing leaves 127.0.0.1.
  const CLOSED = 'http://127.0.0.1:9';
  const platforms = { FACEBOOK_GRAPH_BASE: CLOSED, FACEBOOK_GRAPH_VIDEO_BASE: CLOSED, YOUTUBE_API_ROOT: CLOSED, YOUTUBE_TOKEN_URL: `${CLOSED}/token`, ZALO_OPENAPI_BASE: CLOSED, ZALO_OAUTH_BASE: CLOSED };
  const cli = (args: string[], input?: string) => runCli(args, { DATABASE_URL: db.url, DATA_DIR: dataDir, HUB_SECRET: SECRET, ...platforms }, input);

  beforeAll(async () => {
    db = await freshSqlite();
    dataDir = mkdtempSync(join(tmpdir(), 'portal-hub-cli-'));
    expect((await cli(['init', '--site-key', 'tinh', '--name-vi', 'Cổng tỉnh', '--name-en', 'Portal', '--prefix', 'BP', '--admin-name', 'Quản Trị'])).code).toBe(0);
  });
  afterAll(async () => {
    await db.drop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('connects a channel with its token on standard input, stores it sealed, and never prints it', async () => {
    const r = await cli(['channel', 'connect', 'facebook', '--platform', 'facebook', '--account', '1029384756'], 'EAAB-secret-page-token\n');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Đã kết nối / connected: facebook (facebook 1029384756)');
    // The platform could not be asked: kept, and the operator is told it is not yet known to work.
    expect(r.stderr).toMatch(/nền tảng không trả lời được lúc này[\s\S]*Whether the token works is not known yet/);
    expect(r.stdout + r.stderr).not.toContain('EAAB-secret-page-token');
    const client = openClient(db.url);
    const row = await client.channel.findFirstOrThrow();
    const audit = await client.auditEvent.findMany();
    await client.$disconnect();
    expect(row.credentials).not.toContain('EAAB');
    expect(unseal(sealingKey(SECRET), row.credentials, channelCredentialsPlace(row.key))).toBe('EAAB-secret-page-token');
    expect(JSON.stringify(audit)).not.toContain('EAAB');
  });

  it('refuses what it cannot use, saying why', async () => {
    expect((await cli(['channel', 'connect', 'tiktok', '--platform', 'tiktok', '--account', '1'], 'x')).stderr).toContain('Platform “tiktok” is not one of: facebook, youtube, zalo-oa.');
    expect((await cli(['channel', 'connect', 'fb2', '--platform', 'facebook', '--account', '1'], '\n')).stderr).toContain('Cần mã truy cập (token) của kênh.');
    expect((await cli(['channel', 'connect', 'facebook', '--platform', 'facebook', '--account', '1'], 'y')).stderr).toContain('Kênh “facebook” đã có.');
    // Credentials the platform's adapter could never read are refused before anything is stored, and never echoed.
    const notJson = await cli(['channel', 'connect', 'yt', '--platform', 'youtube', '--account', 'UC1'], 'ya29.sekret-value-123');
    expect(notJson.code).toBe(1);
    expect(notJson.stderr).toContain('Thông tin đăng nhập YouTube không phải JSON; cần JSON {"clientId", "clientSecret", "refreshToken", "playlistId"?}. Chưa lưu gì.');
    expect(notJson.stderr).toContain('The YouTube credentials are not JSON; expected JSON {"clientId", "clientSecret", "refreshToken", "playlistId"?}. Nothing was saved.');
    expect(notJson.stderr + notJson.stdout).not.toContain('sekret-value-123');
    const noRefresh = await cli(['channel', 'connect', 'yt', '--platform', 'youtube', '--account', 'UC1'], JSON.stringify({ clientId: 'c', clientSecret: 'sekret-value-456' }));
    expect(noRefresh.stderr).toContain('Không đọc được thông tin đăng nhập YouTube (YouTube credentials need refreshToken;');
    expect(noRefresh.stderr).not.toContain('sekret-value-456');
    const zalo = await cli(['channel', 'connect', 'oa', '--platform', 'zalo-oa', '--account', 'oa-1'], '{"appId": "1", "secretKey": ');
    expect(zalo.stderr).toContain('The Zalo OA credentials are not JSON;');
    expect((await cli(['channel', 'reconnect', 'facebook'], '{"pageToken": 5}')).stderr).toContain('Facebook credentials need a pageToken');
    expect((await cli(['channel', 'list'])).stdout).not.toMatch(/\byt\b|\boa\b/);
  });

  it('lists, pauses, resumes and reconnects', async () => {
    expect((await cli(['channel', 'list'])).stdout).toContain('facebook (facebook): đang chạy');
    expect((await cli(['channel', 'pause', 'facebook'])).code).toBe(0);
    expect((await cli(['channel', 'list'])).stdout).toContain('facebook (facebook): tạm dừng');
    expect((await cli(['channel', 'resume', 'facebook'])).code).toBe(0);
    // Every platform here is a closed port: a running channel keeps its token unless told to take the new one unchecked.
    expect((await cli(['channel', 'reconnect', 'facebook'], 'EAAB-new-token')).stderr).toContain('Kênh facebook vẫn chạy, giữ token cũ');
    expect((await cli(['channel', 'reconnect', 'facebook', '--unverified'], 'EAAB-new-token')).stdout).toContain('Đã kết nối lại / reconnected: facebook');
    expect((await cli(['channel', 'retry', 'BP-2026-99999'])).stderr).toContain('Không tìm thấy tin bài BP-2026-99999.');
  });
});
