import { CHANNEL_PROFILES } from '../../src/mirrorSetup.js';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { zaloOaChannel } from '../../adapters/zalo-oa/channel.js';
import { zaloBroadcastQuota } from '../../adapters/zalo-oa/profile.js';
import { reconnectChannel, setChannelState } from '../../src/app/channels.js';
import { dispatchDue, type DispatchEnv, type MirrorProblem } from '../../src/app/dispatch.js';
import { act, correct } from '../../src/app/items.js';
import { channelsOverview, describeChannel } from '../../src/app/mirrors.js';
import { OPERATOR } from '../../src/app/people.js';
import { channelCredentialsPlace, unseal } from '../../src/core/sealing.js';
import { FakeZaloOa } from '../fakes/zaloOaApi.js';
import { BACKENDS, type TestDatabase } from '../helpers/databases.js';
import type { Desk } from '../helpers/desk.js';
import { mirrorBed, PORTAL, type MirrorBed } from '../helpers/outbox.js';
import { publishThrough, storeMedia } from '../helpers/portal.js';
import { mp4Bytes } from '../helpers/mediaBytes.js';

describe.each(BACKENDS)('Zalo OA channel on $name', ({ fresh, skip }) => {
  let db: TestDatabase;
  let bed: MirrorBed;
  let desk: Desk;
  let zalo: FakeZaloOa;
  let mediaDir: string;
  let env: DispatchEnv;
  let problems: MirrorProblem[];
  let key: Buffer;
  const creds = () => JSON.stringify({ appId: zalo.appId, secretKey: zalo.secretKey, accessToken: zalo.accessToken, refreshToken: zalo.refreshToken });

  beforeAll(async () => {
    if (skip) return;
    db = await fresh();
    bed = await mirrorBed(db.url);
    ({ desk, mediaDir, problems, key } = bed);
    zalo = new FakeZaloOa();
    await zalo.start();
    zalo.now = () => desk.deps.clock().getTime();
    await bed.connect({ key: 'zalo-oa', platform: 'zalo-oa', accountId: 'oa-123', token: creds() });
    env = bed.envWith({ 'zalo-oa': zaloOaChannel({ openApiBase: zalo.url, oauthBase: zalo.url, timeoutMs: 2000, defaultCoverUrl: `${PORTAL}/assets/cover.png`, pollEveryMs: 20, pollTries: 3 }) });
  });
  afterAll(async () => {
    if (skip) return;
    await zalo.stop();
    await bed.close();
    await db.drop();
  });

  let n = 0;
  const publish = async (title = `Bài số ${++n}`, mediaRefs: string[] = [], body = 'Nội dung.') => {
    desk.time.advance(60_000);
    return publishThrough(desk, { title, summary: 'Tóm tắt.', body, mediaRefs }, 'thoi-su');
  };
  const articlesOf = (code: string) => zalo.live.filter((a) => a.description.split(/\s+/).includes(`${PORTAL}/vi/tin/${code}`));
  const photo = async () => storeMedia(mediaDir, await sharp({ create: { width: 64, height: 36, channels: 3, background: '#a41' } }).jpeg().toBuffer());
  const stored = async () => JSON.parse(unseal(key, (await desk.store.channels())[0]!.credentials, channelCredentialsPlace((await desk.store.channels())[0]!.key))!) as { accessToken: string; refreshToken: string };

  it.skipIf(skip)('a published item becomes an OA article: its picture as cover, its text escaped, the link to the portal', async () => {
    const picture = await photo();
    const item = await publish('Hội nghị xúc tiến đầu tư', [picture], 'Đoạn một <script>alert(1)</script>.\n\nXem https://dongnai.gov.vn');
    await dispatchDue(env);
    const [article] = articlesOf(item.code);
    expect(article).toMatchObject({ type: 'normal', title: 'Hội nghị xúc tiến đầu tư', cover: `${PORTAL}/media/${picture}` });
    const html = JSON.stringify(article!.body);
    expect(html).toContain('&#60;script&#62;alert(1)&#60;/script&#62;');
    expect(html).toContain('<a href=\\"https://dongnai.gov.vn\\">');
    const [d] = await desk.store.deliveriesOfItem(item.id);
    expect(d).toMatchObject({ part: 'article', state: 'delivered', externalId: article!.id, externalUrl: `https://oa.zalo.me/article/${article!.id}` });
  });

  it.skipIf(skip)('an item with a video becomes a video article after the video is uploaded to Zalo', async () => {
    const item = await publish('Video lễ hội', [await storeMedia(mediaDir, mp4Bytes(50_000))]);
    await dispatchDue(env);
    const [article] = articlesOf(item.code);
    expect(article).toMatchObject({ type: 'video', videoId: expect.stringMatching(/^zv/) });
    expect([...zalo.videos.values()].find((v) => v.videoId === article!.videoId)?.bytes).toBe(50_000);
  });

  it.skipIf(skip)('an expired access token: one refresh, the new pair stored sealed, the call retried', async () => {
    zalo.expireAccess();
    const before = zalo.refreshes.length;
    const item = await publish();
    await dispatchDue(env);
    expect(articlesOf(item.code)).toHaveLength(1);
    expect(zalo.refreshes.slice(before)).toEqual([{ refreshToken: 'zalo-refresh-1', ok: true }]);
    expect(await stored()).toMatchObject({ accessToken: zalo.accessToken, refreshToken: zalo.refreshToken });
    expect((await desk.store.channels())[0]!.credentials).not.toContain(zalo.refreshToken);
  });

  it.skipIf(skip)('two workers meet an expired token at once: the single-use refresh token is spent exactly once', async () => {
    zalo.expireAccess();
    zalo.refreshDelayMs = 150;
    const before = zalo.refreshes.length;
    const items = [await publish(), await publish()];
    const second = { ...env, deps: { ...desk.deps } };
    await Promise.all([dispatchDue({ ...env }, 2), dispatchDue(second, 2)]);
    zalo.refreshDelayMs = 0;
    expect(zalo.refreshes.slice(before)).toHaveLength(1);
    for (const item of items) expect(articlesOf(item.code), item.code).toHaveLength(1);
  });

  it.skipIf(skip)('a refresh token that no longer works (-14020): the channel needs re-auth; reconnected, the article goes out', async () => {
    zalo.expireAccess();
    zalo.refreshToken = 'zalo-refresh-rotated-elsewhere';
    problems.length = 0;
    const item = await publish();
    await dispatchDue(env);
    expect(problems.map((p) => [p.kind, p.reason])).toEqual([['needsReauth', 'Zalo -14020: Invalid refresh token']]);
    expect((await desk.store.deliveriesOfItem(item.id))[0]!.state).toBe('pending');
    await reconnectChannel(desk.deps, key, CHANNEL_PROFILES, 'zalo-oa', creds());
    await dispatchDue(env);
    expect(articlesOf(item.code)).toHaveLength(1);
  });

  it.skipIf(skip)('the answer to "create" lost, or the id not yet resolved: found by listing, never created twice', async () => {
    const lost = await publish('Bài mất phản hồi');
    zalo.inject({ kind: 'loseCreateAnswer' });
    await dispatchDue(env);
    desk.time.advance(3_600_000);
    await dispatchDue(env);
    expect(articlesOf(lost.code)).toHaveLength(1);
    expect((await desk.store.deliveriesOfItem(lost.id))[0]!.state).toBe('delivered');

    const slow = await publish('Bài xác minh chậm');
    zalo.inject({ kind: 'slowVerify', times: 3 });
    await dispatchDue(env);
    expect((await desk.store.deliveriesOfItem(slow.id))[0]).toMatchObject({ state: 'pending', lastError: 'Zalo has not resolved the article id yet' });
    desk.time.advance(3_600_000);
    await dispatchDue(env);
    expect(articlesOf(slow.code)).toHaveLength(1);
    expect((await desk.store.deliveriesOfItem(slow.id))[0]!.state).toBe('delivered');
  });

  it.skipIf(skip)('a broadcasting channel sends each article to followers once, within its monthly quota; a take-down cannot unsend it', async () => {
    await bed.connect({ key: 'zalo-oa-bc', platform: 'zalo-oa', accountId: 'oa-456', token: creds(), broadcast: true });
    const withQuota = { ...env, quotas: { 'zalo-oa': zaloBroadcastQuota(2) } };
    problems.length = 0;
    const items = [await publish('Tin gửi 1'), await publish('Tin gửi 2'), await publish('Tin gửi 3')];
    await dispatchDue(withQuota, 50);
    await dispatchDue(withQuota, 50);
    const bcDeliveries = async (itemId: string) => (await desk.store.deliveriesOfItem(itemId)).filter((d) => d.part === 'broadcast');
    const sent = await Promise.all(items.map(async (i) => (await bcDeliveries(i.id))[0]!));
    expect(sent.map((d) => d.state)).toEqual(['delivered', 'delivered', 'pending']);
    expect(zalo.broadcasts).toHaveLength(2);
    expect(problems.map((p) => p.kind)).toEqual(['quotaLow', 'quotaExhausted']);
    const [overview] = (await channelsOverview(desk.deps, withQuota.quotas)).filter((o) => o.channel.key === 'zalo-oa-bc');
    expect(describeChannel(overview!, 'vi', 'Asia/Ho_Chi_Minh')).toContain('lượt gửi tin tháng này còn 0/2');
    // Next month the third goes out; a take-down removes the article but sends nothing back.
    desk.time.advance(32 * 86_400_000);
    await dispatchDue(withQuota, 50);
    expect(zalo.broadcasts).toHaveLength(3);
    await act(desk.deps, desk.id.deputy, items[0]!.code, { type: 'takeDown', note: 'Gỡ' });
    await dispatchDue(withQuota, 50);
    expect((await desk.store.deliveriesOfItem(items[0]!.id)).map((d) => `${d.action}:${d.part}`).sort()).toEqual(['publish:article', 'publish:article', 'publish:broadcast', 'remove:article', 'remove:article']);
    expect(zalo.broadcasts).toHaveLength(3);
    await setChannelState(desk.deps, OPERATOR, 'zalo-oa-bc', 'paused');
  });

  it.skipIf(skip)('a correction updates the article; a take-down removes it', async () => {
    const item = await publish('Bài sẽ đính chính');
    await dispatchDue(env);
    desk.time.advance(60_000);
    await correct(desk.deps, desk.id.deputy, item.code, { title: 'Bài đã đính chính', summary: 'Tóm tắt.', body: '.' }, 'Sai');
    await dispatchDue(env);
    expect(articlesOf(item.code)).toMatchObject([{ title: 'Bài đã đính chính', edits: 1 }]);
    desk.time.advance(60_000);
    await act(desk.deps, desk.id.deputy, item.code, { type: 'takeDown', note: 'Gỡ' });
    await dispatchDue(env);
    expect(articlesOf(item.code)).toHaveLength(0);
  });
});
