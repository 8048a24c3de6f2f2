import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServer } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openClient } from '../../src/store/client.js';
import { FakeGraph } from '../fakes/graphApi.js';
import { FakeYoutube } from '../fakes/youtubeApi.js';
import { FakeZaloOa } from '../fakes/zaloOaApi.js';
import { runCli } from '../helpers/cli.js';
import { freshSqlite, type TestDatabase } from '../helpers/databases.js';

const SECRET = 'cli-test-hub-secret-0123456789abcdef012345';
const SCOPE = 'https://www.googleapis.com/auth/';

/** A port on 127.0.0.1 nothing listens on: a platform that cannot be reached. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise((resolve) => server.close(resolve));
  if (address === null || typeof address === 'string') throw new Error('no port');
  return address.port;
}

interface Listed {
  key: string;
  state: string;
  lastError: string | null;
}

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
  const cli = (args: string[], input?: string, env: Record<string, string> = {}) =>
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
      ...env,
    }, input);
  /** The channel as `channel list --json` shows it. */
  const listed = async (key: string): Promise<Listed | undefined> => {
    const r = await cli(['channel', 'list', '--json']);
    expect(r.code, r.stderr).toBe(0);
    return (JSON.parse(r.stdout) as Listed[]).find((c) => c.key === key);
  };
  /** The audit rows `channel test` wrote, oldest first. */
  const testAudits = async (): Promise<Record<string, unknown>[]> => {
    const client = openClient(db.url);
    try {
      const rows = await client.auditEvent.findMany({ where: { action: 'channel.test' }, orderBy: { seq: 'asc' } });
      return rows.map((row) => JSON.parse(row.data) as Record<string, unknown>);
    } finally {
      await client.$disconnect();
    }
  };

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
      expect(revoked.stderr).toMatch(/Đã ghi vào kênh: fb CẦN KẾT NỐI LẠI[\s\S]*Recorded on the channel: fb NEEDS RECONNECTING/);
      expect(revoked.stderr).not.toContain(stored);
    } finally {
      graph.token = stored;
    }
    // The refusal is recorded on the channel as a delivery refused for the token records it: channel list shows it.
    expect(await listed('fb')).toMatchObject({ state: 'needsReauth', lastError: expect.stringMatching(/^Graph 190\b/) as unknown });
    const text = (await cli(['channel', 'list'])).stdout;
    expect(text).toMatch(/^fb \(facebook\): CẦN KẾT NỐI LẠI; .* — Graph 190\b.*$/m);
    expect(text).toMatch(/^ {2}fb \(facebook\): NEEDS RECONNECTING; .* — Graph 190\b.*$/m);
    expect(text).not.toContain(stored);
    expect((await testAudits()).at(-1)).toMatchObject({ key: 'fb', result: 'needsReauth', reason: expect.stringMatching(/^Graph 190\b/) as unknown });
  });

  it('keeps a channel waiting for a reconnect after a good answer, and shows an unanswered test as the last error without a verdict', async () => {
    // Left waiting for a reconnect by the refusal above: a good answer does not bring it back (a good delivery would not either).
    const good = await cli(['channel', 'test', 'fb']);
    expect(good.code).toBe(1);
    expect(good.stdout).toContain(`token mở được “${graph.pageName}”`);
    expect(good.stderr).toMatch(/Kênh fb vẫn CẦN KẾT NỐI LẠI \(Graph 190\b[\s\S]*Channel fb still NEEDS RECONNECTING \(Graph 190\b.*run channel resume fb/);
    expect(await listed('fb')).toMatchObject({ state: 'needsReauth', lastError: expect.stringMatching(/^Graph 190\b/) as unknown });

    const reconnected = await cli(['channel', 'reconnect', 'fb'], graph.token);
    expect(reconnected.code, reconnected.stderr).toBe(0);
    expect(await listed('fb')).toMatchObject({ state: 'active', lastError: null });

    // Graph out of reach: no verdict on the token, so the channel runs on; the test's error is what list shows.
    const audits = (await testAudits()).length;
    const away = `http://127.0.0.1:${await closedPort()}/`;
    const unreachable = await cli(['channel', 'test', 'fb'], undefined, { FACEBOOK_GRAPH_BASE: away, FACEBOOK_GRAPH_VIDEO_BASE: away });
    expect(unreachable.code).toBe(1);
    expect(unreachable.stderr).toMatch(/nền tảng không trả lời được lúc này[\s\S]*try again later/);
    expect(unreachable.stderr).not.toContain('NEEDS RECONNECTING');
    expect(await listed('fb')).toMatchObject({ state: 'active', lastError: expect.stringMatching(/^Graph không trả lời \/ no answer from Graph/) as unknown });
    const text = (await cli(['channel', 'list'])).stdout;
    expect(text).toMatch(/^fb \(facebook\): đang chạy; .* — Graph không trả lời \/ no answer from Graph.*$/m);
    expect(text).toMatch(/^ {2}fb \(facebook\): running; .* — Graph không trả lời \/ no answer from Graph.*$/m);
    // Like a retry, an unanswered call is not audited.
    expect(await testAudits()).toHaveLength(audits);

    // A good answer clears the last error, as a good delivery does.
    const back = await cli(['channel', 'test', 'fb']);
    expect(back.code, back.stderr).toBe(0);
    expect(await listed('fb')).toMatchObject({ state: 'active', lastError: null });
    expect((await testAudits()).at(-1)).toMatchObject({ key: 'fb', result: 'reachable', reason: null });
  });

  it('reports the YouTube channel: the comment scope is a note, a grant that cannot upload or take a video down a failure', async () => {
    // As the operator guide asks (youtube.upload and youtube): videos go out and come down; answering comments needs force-ssl.
    const r = await cli(['channel', 'test', 'yt']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('Channel yt (youtube UCfake): the token opens “Cổng TTĐT tỉnh”.');
    expect(r.stdout).toContain(`Lưu ý: chưa cấp ${SCOPE}youtube.force-ssl (không bắt buộc): trả lời và ẩn bình luận từ chat sẽ bị từ chối.`);
    expect(r.stdout).toContain(`Note: ${SCOPE}youtube.force-ssl not granted (optional): comment replies and hiding from chat will be refused.`);
    expect(r.stdout).toContain(`Permissions granted: ${SCOPE}youtube.upload, ${SCOPE}youtube`);
    expect(r.stdout).not.toMatch(/Missing permissions|Còn thiếu quyền/);
    expect(await listed('yt')).toMatchObject({ state: 'active', lastError: null });

    const scopes = youtube.scope;
    try {
      youtube.scope = `${scopes} ${SCOPE}youtube.force-ssl`;
      const all = await cli(['channel', 'test', 'yt']);
      expect(all.code, all.stderr).toBe(0);
      expect(all.stdout).not.toContain('Note');

      // Upload alone: a withdrawn item's video could not be taken down, so the channel cannot do its job.
      youtube.scope = `${SCOPE}youtube.upload`;
      const uploadOnly = await cli(['channel', 'test', 'yt']);
      expect(uploadOnly.code).toBe(1);
      expect(uploadOnly.stdout).toMatch(new RegExp(`Missing permissions: ${SCOPE}youtube\\.`));
      expect(await listed('yt')).toMatchObject({ state: 'active', lastError: `missing permissions: ${SCOPE}youtube` });

      // A read-only grant opens the channel but can neither upload nor take down.
      youtube.scope = `${SCOPE}youtube.readonly`;
      const readOnly = await cli(['channel', 'test', 'yt']);
      expect(readOnly.code).toBe(1);
      expect(readOnly.stdout).toMatch(new RegExp(`Còn thiếu quyền: ${SCOPE}youtube\\.upload, ${SCOPE}youtube\\.[\\s\\S]*Missing permissions: ${SCOPE}youtube\\.upload, ${SCOPE}youtube\\.`));
      expect(await listed('yt')).toMatchObject({ state: 'active', lastError: `missing permissions: ${SCOPE}youtube.upload, ${SCOPE}youtube` });
    } finally {
      youtube.scope = scopes;
    }

    youtube.revokeAccess();
    youtube.refreshToken = 'refresh-after-revocation';
    const revoked = await cli(['channel', 'test', 'yt']);
    expect(revoked.code).toBe(1);
    expect(revoked.stderr).toMatch(/Google OAuth: invalid_grant[\s\S]*channel reconnect yt/);
    expect(await listed('yt')).toMatchObject({ state: 'needsReauth', lastError: 'Google OAuth: invalid_grant' });
  });

  it('reports the Zalo OA, refreshing an expired access token once and keeping the new pair', async () => {
    zalo.expireAccess();
    const r = await cli(['channel', 'test', 'oa']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain(`Kênh oa (zalo-oa ${zalo.oaId}): token mở được “${zalo.oaName}”. 1234 người quan tâm.`);
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
