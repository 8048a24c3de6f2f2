import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectChannel } from '../../src/app/channels.js';
import { dispatchDue } from '../../src/app/dispatch.js';
import { channelsOverview, describeChannel } from '../../src/app/mirrors.js';
import { loadConfig } from '../../src/config.js';
import { sealingKey } from '../../src/core/sealing.js';
import { publicWeb } from '../../src/http/web.js';
import { CHANNEL_PROFILES, dispatchEnvFor, MIRROR_LABELS } from '../../src/mirrorSetup.js';
import { FakeGraph } from '../fakes/graphApi.js';
import { FakeYoutube } from '../fakes/youtubeApi.js';
import { FakeZaloOa } from '../fakes/zaloOaApi.js';
import { BACKENDS, type TestDatabase } from '../helpers/databases.js';
import { seedDesk, type Desk } from '../helpers/desk.js';
import { HUB_SECRET, PORTAL } from '../helpers/outbox.js';
import { publishThrough, seedCategories, storeMedia } from '../helpers/portal.js';
import { mp4Bytes } from '../helpers/mediaBytes.js';

describe.each(BACKENDS)('one item to every mirror, as the service wires them, on $name', ({ fresh, skip }) => {
  let db: TestDatabase;
  let desk: Desk;
  let mediaDir: string;
  const graph = new FakeGraph('1000', 'page-token');
  const yt = new FakeYoutube();
  const zalo = new FakeZaloOa();

  beforeAll(async () => {
    if (skip) return;
    db = await fresh();
    desk = await seedDesk(db.url);
    await seedCategories(desk);
    await Promise.all([graph.start(), yt.start(), zalo.start()]);
    for (const fake of [graph, yt, zalo]) fake.now = () => desk.deps.clock().getTime();
    mediaDir = mkdtempSync(join(tmpdir(), 'portal-hub-e2e-'));
    const key = sealingKey(HUB_SECRET);
    const channels = [
      { key: 'facebook', platform: 'facebook', accountId: '1000', token: JSON.stringify({ pageToken: 'page-token', userToken: graph.userToken, appId: '5550001' }) },
      { key: 'youtube', platform: 'youtube', accountId: 'UCfake', token: JSON.stringify({ clientId: 'c', clientSecret: 's', refreshToken: yt.refreshToken, playlistId: 'PLtintuc' }) },
      { key: 'zalo-oa', platform: 'zalo-oa', accountId: 'oa-1', token: JSON.stringify({ appId: zalo.appId, secretKey: zalo.secretKey, accessToken: zalo.accessToken, refreshToken: zalo.refreshToken }) },
    ];
    for (const c of channels) {
      const r = await connectChannel(desk.deps, key, CHANNEL_PROFILES, c);
      if (!r.ok) throw new Error(r.reason);
    }
  });
  afterAll(async () => {
    if (skip) return;
    await Promise.all([graph.stop(), yt.stop(), zalo.stop()]);
    await desk.store.close();
    await db.drop();
    rmSync(mediaDir, { recursive: true, force: true });
  });

  it.skipIf(skip)('photos and a video become a Facebook photo post, a Facebook video, a YouTube video and a Zalo OA article, linked from the article page', async () => {
    const loaded = loadConfig(
      {
        DATABASE_URL: db.url,
        MEDIA_DIR: mediaDir,
        PORTAL_BASE_URL: PORTAL,
        FACEBOOK_GRAPH_BASE: graph.url,
        FACEBOOK_GRAPH_VIDEO_BASE: graph.url,
        YOUTUBE_API_ROOT: yt.url,
        YOUTUBE_TOKEN_URL: `${yt.url}token`,
        YOUTUBE_CHUNK_MB: '0.25',
        ZALO_OPENAPI_BASE: zalo.url,
        ZALO_OAUTH_BASE: zalo.url,
      },
      false,
    );
    if (!loaded.ok) throw new Error(loaded.problems.join('\n'));
    const env = dispatchEnvFor(loaded.config, desk.deps, HUB_SECRET, { leaseMs: 60_000 });

    const photos = await Promise.all(['#a33', '#3a3'].map(async (c) => storeMedia(mediaDir, await sharp({ create: { width: 80, height: 45, channels: 3, background: c } }).jpeg().toBuffer())));
    const video = await storeMedia(mediaDir, mp4Bytes(600 * 1024));
    const item = await publishThrough(desk, { title: 'Ngày hội Đại đoàn kết toàn dân tộc', summary: 'Tóm tắt.', body: 'Nội dung.', mediaRefs: [...photos, video] }, 'thoi-su');
    let settled = 0;
    for (let i = 0; i < 3 && settled < 4; i += 1) settled += await dispatchDue(env);

    const url = `${PORTAL}/vi/tin/${item.code}`;
    const fbPost = graph.live.find((p) => p.message.includes(url));
    const fbVideo = graph.videos.find((v) => v.description.includes(url));
    const ytVideo = yt.live.find((v) => v.description.includes(url));
    const oaArticle = zalo.live.find((a) => a.description.includes(url));
    expect(fbPost?.photos).toHaveLength(2);
    expect(fbVideo?.bytes).toBe(600 * 1024);
    expect(ytVideo).toMatchObject({ bytes: 600 * 1024, thumbnail: true, playlists: ['PLtintuc'] });
    expect(oaArticle).toMatchObject({ type: 'video' });

    const deliveries = await desk.store.deliveriesOfItem(item.id);
    expect(deliveries.map((d) => [d.part, d.state, d.externalId])).toEqual(
      expect.arrayContaining([
        ['post', 'delivered', fbPost!.id],
        ['video', 'delivered', fbVideo!.id],
        ['video', 'delivered', ytVideo!.id],
        ['article', 'delivered', oaArticle!.id],
      ]),
    );
    expect(deliveries).toHaveLength(4);

    const web = publicWeb({ deps: desk.deps, baseUrl: PORTAL, mediaDir, emc: null, mirrorLabels: MIRROR_LABELS });
    const page = await (await web.app.request(`/vi/tin/${item.code}`)).text();
    for (const href of [`https://www.facebook.com/${fbPost!.id}`, `https://www.facebook.com/1000/videos/${fbVideo!.id}`, `https://www.youtube.com/watch?v=${ytVideo!.id}`, `https://oa.zalo.me/article/${oaArticle!.id}`]) {
      expect(page).toContain(`href="${href}"`);
    }
    expect(page).toMatch(/>Facebook<\/a>, <a [^>]+>Facebook \(video\)<\/a>, <a [^>]+>YouTube<\/a>, <a [^>]+>Zalo OA<\/a>/);
    const overview = (await channelsOverview(desk.deps)).map((o) => describeChannel(o, 'en', 'Asia/Ho_Chi_Minh'));
    expect(overview).toEqual([expect.stringMatching(/^facebook \(facebook\): running; last success: .+; waiting: 0$/), expect.stringMatching(/^youtube/), expect.stringMatching(/^zalo-oa/)]);
  });
});
