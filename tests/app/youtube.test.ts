import { CHANNEL_PROFILES } from '../../src/mirrorSetup.js';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { youtubeQuota } from '../../adapters/youtube/profile.js';
import { youtubeChannel } from '../../adapters/youtube/channel.js';
import { reconnectChannel } from '../../src/app/channels.js';
import { dispatchDue, type DispatchEnv, type MirrorProblem } from '../../src/app/dispatch.js';
import { act, correct } from '../../src/app/items.js';
import { channelsOverview, describeChannel, problemAlert } from '../../src/app/mirrors.js';
import { quotaDay, untilNextQuotaDay } from '../../src/core/quota.js';
import { FakeYoutube } from '../fakes/youtubeApi.js';
import { BACKENDS, type TestDatabase } from '../helpers/databases.js';
import type { Desk } from '../helpers/desk.js';
import { mirrorBed, PORTAL, type MirrorBed } from '../helpers/outbox.js';
import { publishThrough, storeMedia } from '../helpers/portal.js';
import { mp4Bytes } from '../helpers/mediaBytes.js';

const KIB = 1024;
const CREDS = { clientId: 'client.apps.googleusercontent.com', clientSecret: 'client-secret', refreshToken: 'refresh-1', playlistId: 'PLtintuc' };

describe.each(BACKENDS)('YouTube channel on $name', ({ fresh, skip }) => {
  let db: TestDatabase;
  let bed: MirrorBed;
  let desk: Desk;
  let yt: FakeYoutube;
  let mediaDir: string;
  let env: DispatchEnv;
  let problems: MirrorProblem[];
  let key: Buffer;

  beforeAll(async () => {
    if (skip) return;
    db = await fresh();
    bed = await mirrorBed(db.url);
    ({ desk, mediaDir, problems, key } = bed);
    yt = new FakeYoutube();
    await yt.start();
    yt.now = () => desk.deps.clock().getTime();
    await bed.connect({ key: 'youtube', platform: 'youtube', accountId: 'UCfake', token: JSON.stringify(CREDS) });
    const adapter = youtubeChannel({ rootUrl: yt.url, tokenUrl: `${yt.url}token`, chunkBytes: 256 * KIB, timeoutMs: 2000, untilQuotaReset: () => untilNextQuotaDay(desk.deps.clock(), 'America/Los_Angeles') });
    env = bed.envWith({ youtube: adapter }, { youtube: youtubeQuota(4000, 1600) });
  });
  afterAll(async () => {
    if (skip) return;
    await yt.stop();
    await bed.close();
    await db.drop();
  });

  let n = 0;
  const videoItem = async (title = `Video số ${++n}`, bytes = 700 * KIB) => {
    desk.time.advance(60_000);
    const picture = await storeMedia(mediaDir, await sharp({ create: { width: 64, height: 36, channels: 3, background: '#147' } }).jpeg().toBuffer());
    return publishThrough(desk, { title, summary: 'Tóm tắt.', body: 'Nội dung.', mediaRefs: [picture, await storeMedia(mediaDir, mp4Bytes(bytes))] }, 'thoi-su');
  };
  const videosOf = (code: string) => yt.live.filter((v) => v.description.split(/\s+/).includes(`${PORTAL}/vi/tin/${code}`));
  const used = async () => {
    const { openClient } = await import('../../src/store/client.js');
    const c = openClient(db.url);
    const row = await c.channelQuota.findFirst({ where: { period: quotaDay(desk.deps.clock(), 'America/Los_Angeles') } });
    await c.$disconnect();
    return row?.used ?? 0;
  };

  it.skipIf(skip)('a video goes up in 256 KiB chunks, public, with its thumbnail and playlist; the upload is counted against the quota', async () => {
    const item = await videoItem('Khánh thành nhà máy điện mặt trời');
    await dispatchDue(env);
    const [video] = videosOf(item.code);
    expect(video).toMatchObject({ title: 'Khánh thành nhà máy điện mặt trời', privacy: 'public', bytes: 700 * KIB, thumbnail: true, playlists: ['PLtintuc'] });
    expect(yt.requests.filter((r) => r.method === 'PUT' && r.path === '/upload/youtube/v3/videos').map((r) => r.status)).toEqual([308, 308, 200]);
    const [d] = await desk.store.deliveriesOfItem(item.id);
    expect(d).toMatchObject({ part: 'video', state: 'delivered', externalId: video!.id, externalUrl: `https://www.youtube.com/watch?v=${video!.id}` });
    expect(await used()).toBe(1700);
    expect(yt.tokenRequests).toEqual([{ refreshToken: 'refresh-1', ok: true }]);
  });

  it.skipIf(skip)('an article without a video does not go to YouTube', async () => {
    desk.time.advance(60_000);
    const item = await publishThrough(desk, { title: 'Tin chữ', body: '.' }, 'thoi-su');
    expect(await desk.store.deliveriesOfItem(item.id)).toEqual([]);
  });

  it.skipIf(skip)('a broken connection mid-chunk: the upload resumes where the server stands; one video', async () => {
    const item = await videoItem();
    yt.inject({ kind: 'breakChunk', afterBytes: 100 * KIB });
    await dispatchDue(env);
    expect(videosOf(item.code)).toMatchObject([{ bytes: 700 * KIB }]);
  });

  it.skipIf(skip)('the last answer lost: the session says the video is made; no second upload', async () => {
    desk.time.advance(24 * 3_600_000);
    const item = await videoItem();
    yt.inject({ kind: 'loseFinalAnswer' });
    await dispatchDue(env);
    expect(videosOf(item.code)).toHaveLength(1);
    expect((await desk.store.deliveriesOfItem(item.id))[0]!.state).toBe('delivered');
  });

  it.skipIf(skip)('quota: a warning past 80 %, then uploads wait for the next Pacific day, with one alert', async () => {
    desk.time.advance(24 * 3_600_000);
    problems.length = 0;
    const first = await videoItem();
    const second = await videoItem();
    const third = await videoItem();
    await dispatchDue(env);
    expect(videosOf(first.code)).toHaveLength(1);
    expect(videosOf(second.code)).toHaveLength(1);
    expect(videosOf(third.code)).toHaveLength(0);
    expect(problems.map((p) => p.kind)).toEqual(['quotaLow', 'quotaExhausted']);
    const [overview] = await channelsOverview(desk.deps, env.quotas);
    expect(describeChannel(overview!, 'en', 'Asia/Ho_Chi_Minh')).toContain('; quota left today 600/4000');
    expect(problemAlert(problems[1]!)).toContain('Kênh youtube hết hạn mức của kỳ');
    const [waiting] = await desk.store.deliveriesOfItem(third.id);
    expect(waiting).toMatchObject({ state: 'pending', lastError: 'daily quota spent' });
    expect(waiting!.nextAttemptAt.getTime()).toBe(desk.deps.clock().getTime() + untilNextQuotaDay(desk.deps.clock(), 'America/Los_Angeles'));
    await dispatchDue(env);
    expect(problems).toHaveLength(2);
    desk.time.advance(untilNextQuotaDay(desk.deps.clock(), 'America/Los_Angeles'));
    await dispatchDue(env);
    expect(videosOf(third.code)).toHaveLength(1);
  });

  it.skipIf(skip)('YouTube itself refusing for quota (403 quotaExceeded): the upload waits for the next day', async () => {
    desk.time.advance(24 * 3_600_000);
    const item = await videoItem();
    yt.inject({ kind: 'quotaExceeded' });
    await dispatchDue(env);
    const [d] = await desk.store.deliveriesOfItem(item.id);
    expect(d).toMatchObject({ state: 'pending', lastError: expect.stringContaining('quotaExceeded') });
    expect(d!.nextAttemptAt.getTime() - desk.deps.clock().getTime()).toBe(untilNextQuotaDay(desk.deps.clock(), 'America/Los_Angeles'));
    desk.time.advance(untilNextQuotaDay(desk.deps.clock(), 'America/Los_Angeles'));
    await dispatchDue(env);
    expect(videosOf(item.code)).toHaveLength(1);
  });

  it.skipIf(skip)('a correction edits the video; a take-down deletes it', async () => {
    desk.time.advance(24 * 3_600_000);
    const item = await videoItem('Video sẽ đính chính');
    await dispatchDue(env);
    desk.time.advance(60_000);
    await correct(desk.deps, desk.id.deputy, item.code, { title: 'Video đã đính chính', summary: 'Mới.', body: '.', mediaRefs: item.revision.mediaRefs }, 'Sai tên');
    await dispatchDue(env);
    expect(videosOf(item.code)).toMatchObject([{ title: 'Video đã đính chính', edits: 1 }]);
    desk.time.advance(60_000);
    await act(desk.deps, desk.id.deputy, item.code, { type: 'takeDown', note: 'Gỡ' });
    await dispatchDue(env);
    expect(videosOf(item.code)).toHaveLength(0);
  });

  it.skipIf(skip)('a revoked grant (invalid_grant): the channel needs re-auth and its uploads wait', async () => {
    desk.time.advance(24 * 3_600_000);
    yt.refreshToken = 'refresh-2';
    yt.revokeAccess();
    problems.length = 0;
    const item = await videoItem();
    await dispatchDue(env);
    expect(problems.map((p) => p.kind)).toEqual(['needsReauth']);
    expect(problemAlert(problems[0]!)).toContain('/reconnect youtube');
    expect((await desk.store.deliveriesOfItem(item.id))[0]!.state).toBe('pending');
    await reconnectChannel(desk.deps, key, CHANNEL_PROFILES, 'youtube', JSON.stringify({ ...CREDS, refreshToken: 'refresh-2' }));
    await dispatchDue(env);
    expect(videosOf(item.code)).toHaveLength(1);
  });
});
