import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeGraph } from '../fakes/graphApi.js';
import { FakeYoutube } from '../fakes/youtubeApi.js';
import { FakeZaloOa } from '../fakes/zaloOaApi.js';
import { runCli } from '../helpers/cli.js';
import { freshSqlite, type TestDatabase } from '../helpers/databases.js';

const SECRET = 'cli-test-hub-secret-0123456789abcdef012345';

/**
 * `channel test KEY`: one read call to the platform (stand-ins on 127.0.0.1) with the stored token, saying
 * whose account it opens and what it may do, or why not and what to do; it posts nothing and never prints a token.
 */
describe('channel test from the terminal', () => {
  let db: TestDatabase;
  let dataDir: string;
  const graph = new FakeGraph('102030405060708', 'EAAB-page-token-for-test');
  const youtube = new FakeYoutube();
  const zalo = new FakeZaloOa();
  const cli = (args: string[], input?: string) =>
    runCli(args, {
      DATABASE_URL: db.url,
      DATA_DIR: dataDir,
      HUB_SECRET: SECRET,
      FACEBOOK_GRAPH_BASE: graph.url,
      FACEBOOK_GRAPH_VIDEO_BASE: graph.url,
      YOUTUBE_API_ROOT: youtube.url,
      YOUTUBE_TOKEN_URL: `${youtube.url}token`,
      ZALO_OPENAPI_BASE: zalo.url,
      ZALO_OAUTH_BASE: zalo.url,
    }, input);

  beforeAll(async () => {
    await Promise.all([graph.start(), youtube.start(), zalo.start()]);
    db = await freshSqlite();
    dataDir = mkdtempSync(join(tmpdir(), 'portal-hub-channel-test-'));
    expect((await cli(['init', '--site-key', 'tinh', '--name-vi', 'Cổng tỉnh', '--name-en', 'Portal', '--prefix', 'BP', '--admin-name', 'Quản Trị'])).code).toBe(0);
    for (const [key, platform, account, token] of [
      ['fb', 'facebook', graph.pageId, graph.token],
      ['yt', 'youtube', 'UCfake', JSON.stringify({ clientId: 'c', clientSecret: 's', refreshToken: youtube.refreshToken })],
      ['oa', 'zalo-oa', zalo.oaId, JSON.stringify({ appId: zalo.appId, secretKey: zalo.secretKey, accessToken: zalo.accessToken, refreshToken: zalo.refreshToken })],
    ] as const) {
      const connected = await cli(['channel', 'connect', key, '--platform', platform, '--account', account], token);
      expect(connected.code, connected.stderr).toBe(0);
    }
  });
  afterAll(async () => {
    await Promise.all([graph.stop(), youtube.stop(), zalo.stop()]);
    await db.drop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('reports the Facebook Page the token opens and its permissions, posting nothing and printing no token', async () => {
    const r = await cli(['channel', 'test', 'fb']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain(`Kênh fb (facebook ${graph.pageId}): token mở được “${graph.pageName}”.`);
    expect(r.stdout).toContain('Permissions granted: pages_show_list, pages_manage_posts, pages_read_engagement, pages_manage_engagement');
    expect(r.stdout + r.stderr).not.toContain(graph.token);
    expect(graph.calls.every((c) => c.method === 'GET')).toBe(true);
    expect(graph.live).toHaveLength(0);
  });

  it('names what a Facebook token lacks, and refuses a token for another Page or one the platform revoked, saying what to do', async () => {
    graph.scopes = ['pages_show_list', 'pages_read_engagement'];
    const lacking = await cli(['channel', 'test', 'fb']);
    expect(lacking.code).toBe(1);
    expect(lacking.stdout).toMatch(/Còn thiếu quyền: pages_manage_posts\. [\s\S]*Missing permissions: pages_manage_posts\. Grant them/);
    graph.scopes = ['pages_show_list', 'pages_manage_posts', 'pages_read_engagement'];

    // At connect, a token for another Page is refused by the read call, and nothing is kept.
    const other = await cli(['channel', 'connect', 'fb-other', '--platform', 'facebook', '--account', '999000999'], graph.token);
    expect(other.code).toBe(1);
    expect(other.stderr).toMatch(/Nền tảng Facebook từ chối token cho tài khoản 999000999[\s\S]*Nothing was saved/);
    expect(other.stderr).not.toContain(graph.token);
    // A second channel on the same Page would post every item twice.
    const twin = await cli(['channel', 'connect', 'fb-twin', '--platform', 'facebook', '--account', graph.pageId], graph.token);
    expect(twin.code).toBe(1);
    expect(twin.stderr).toContain(`account ${graph.pageId} is channel “fb” already`);
    expect((await cli(['channel', 'list'])).stdout).not.toMatch(/fb-other|fb-twin/);

    graph.inject('GET', graph.pageId, { kind: 'status', status: 500 });
    const down = await cli(['channel', 'test', 'fb']);
    expect(down.code).toBe(1);
    expect(down.stderr).toMatch(/nền tảng không trả lời được lúc này[\s\S]*try again later/);

    const stored = graph.token;
    graph.token = 'EAAB-a-newer-token';
    try {
      const revoked = await cli(['channel', 'test', 'fb']);
      expect(revoked.code).toBe(1);
      expect(revoked.stderr).toMatch(/nền tảng từ chối token[\s\S]*Get a new one, then run: channel reconnect fb/);
      expect(revoked.stderr).not.toContain(stored);
    } finally {
      graph.token = stored;
    }
  });

  it('reports the YouTube channel and the scope edits and comments still need', async () => {
    const r = await cli(['channel', 'test', 'yt']);
    expect(r.stdout).toContain('Channel yt (youtube UCfake): the token opens “Cổng TTĐT tỉnh”.');
    expect(r.stdout).toContain('Permissions granted: https://www.googleapis.com/auth/youtube.upload');
    expect(r.stdout).toContain('Missing permissions: https://www.googleapis.com/auth/youtube.force-ssl');
    expect(r.code).toBe(1);
    youtube.revokeAccess();
    youtube.refreshToken = 'refresh-after-revocation';
    const revoked = await cli(['channel', 'test', 'yt']);
    expect(revoked.code).toBe(1);
    expect(revoked.stderr).toMatch(/Google OAuth: invalid_grant[\s\S]*channel reconnect yt/);
  });

  it('reports the Zalo OA, refreshing an expired access token once and keeping the new pair', async () => {
    zalo.expireAccess();
    const r = await cli(['channel', 'test', 'oa']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain(`Kênh oa (zalo-oa ${zalo.oaId}): token mở được “${zalo.oaName}”. 1234 followers.`);
    expect(r.stdout).toContain('Quyền được cấp: (nền tảng không cho biết)');
    expect(zalo.refreshes.filter((x) => x.ok)).toHaveLength(1);
    // The rotated pair was stored: the next test needs no refresh (Zalo's refresh tokens are single-use).
    expect((await cli(['channel', 'test', 'oa'])).code).toBe(0);
    expect(zalo.refreshes).toHaveLength(1);
  });

  it('refuses an unknown channel', async () => {
    const r = await cli(['channel', 'test', 'tiktok']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('Không có kênh “tiktok”.');
  });
});
