import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { youtubeChannel } from '../../../adapters/youtube/channel.js';
import { eventsOfThread } from '../../../adapters/youtube/comments.js';
import { youtubeInteractions } from '../../../adapters/youtube/interactions.js';
import { youtubeQuota } from '../../../adapters/youtube/profile.js';
import { dispatchDue, type DispatchEnv } from '../../../src/app/dispatch.js';
import { moderateInteraction } from '../../../src/app/interactions/moderation.js';
import { runPlatformActions, type PlatformActionsEnv } from '../../../src/app/interactions/platformActions.js';
import { channelsOverview, describeChannel } from '../../../src/app/mirrors.js';
import type { ChannelRecord } from '../../../src/app/outboxPorts.js';
import { quotaDay, untilNextQuotaDay } from '../../../src/core/quota.js';
import { openClient } from '../../../src/store/client.js';
import { FakeYoutube } from '../../fakes/youtubeApi.js';
import { BACKENDS, type TestDatabase } from '../../helpers/databases.js';
import type { Desk } from '../../helpers/desk.js';
import { mp4Bytes } from '../../helpers/mediaBytes.js';
import { mirrorBed, PORTAL, type MirrorBed } from '../../helpers/outbox.js';
import { publishThrough, storeMedia } from '../../helpers/portal.js';

const CREDS = { clientId: 'client.apps.googleusercontent.com', clientSecret: 'client-secret', refreshToken: 'refresh-1', playlistId: null };
/** 10,000 units a day; an upload with its playlist costs 1,700. */
const RULE = youtubeQuota(10_000, 1600);
const UPLOAD = RULE.costs.publish;
const PACIFIC = 'America/Los_Angeles';

describe('YouTube comment threads as interactions', () => {
  it('a thread is its comment and the replies it carries; the channel’s own reply is left out; an edit is reported after the add', () => {
    const thread = {
      id: 'UgzTop',
      snippet: {
        channelId: 'UCchannel',
        videoId: 'vid1',
        totalReplyCount: 2,
        topLevelComment: {
          id: 'UgzTop',
          snippet: { channelId: 'UCchannel', videoId: 'vid1', authorDisplayName: 'Nguyễn Văn Bình', authorChannelId: { value: 'UCbinh' }, textDisplay: 'Khi nào thông xe?', textOriginal: 'Khi nào thông xe?', publishedAt: '2026-11-30T02:00:00Z', updatedAt: '2026-11-30T02:05:00Z' },
        },
      },
      replies: {
        comments: [
          { id: 'UgzTop.r1', snippet: { channelId: 'UCchannel', parentId: 'UgzTop', authorDisplayName: 'Cổng TTĐT', authorChannelId: { value: 'UCchannel' }, textDisplay: 'Cuối tháng.', publishedAt: '2026-11-30T03:00:00Z', updatedAt: '2026-11-30T03:00:00Z' } },
          { id: 'UgzTop.r2', snippet: { channelId: 'UCchannel', parentId: 'UgzTop', authorDisplayName: 'Lê Thị Hoa', authorChannelId: { value: 'UChoa' }, textDisplay: 'Cảm ơn.', publishedAt: '2026-11-30T04:00:00Z', updatedAt: '2026-11-30T04:00:00Z' } },
        ],
      },
    };
    const events = eventsOfThread(thread, 'channel-row-1');
    expect(events.map((e) => [e.kind, e.verb, e.externalId, e.parentExternalId, e.authorName, e.authorRef, e.text])).toEqual([
      ['comment', 'add', 'UgzTop', null, 'Nguyễn Văn Bình', 'UCbinh', 'Khi nào thông xe?'],
      ['comment', 'edited', 'UgzTop', null, 'Nguyễn Văn Bình', 'UCbinh', 'Khi nào thông xe?'],
      // textOriginal is only sure to reach the author: the plain-text display stands in.
      ['reply', 'add', 'UgzTop.r2', 'UgzTop', 'Lê Thị Hoa', 'UChoa', 'Cảm ơn.'],
    ]);
    expect(events[0]).toMatchObject({ source: 'youtube', mirrorExternalId: 'vid1', channelId: 'channel-row-1', occurredAt: new Date('2026-11-30T02:00:00Z') });
  });
});

describe.each(BACKENDS)('YouTube comments on $name', ({ fresh, skip }) => {
  let db: TestDatabase;
  let bed: MirrorBed;
  let desk: Desk;
  let yt: FakeYoutube;
  let env: DispatchEnv;
  let channel: ChannelRecord;
  let youtube: ReturnType<typeof youtubeInteractions>;
  let actions: PlatformActionsEnv;
  const alerts: string[] = [];

  beforeAll(async () => {
    if (skip) return;
    db = await fresh();
    bed = await mirrorBed(db.url);
    desk = bed.desk;
    yt = new FakeYoutube();
    await yt.start();
    yt.now = () => desk.deps.clock().getTime();
    channel = await bed.connect({ key: 'youtube', platform: 'youtube', accountId: 'UCfake', token: JSON.stringify(CREDS) });
    const adapter = youtubeChannel({ rootUrl: yt.url, tokenUrl: `${yt.url}token`, chunkBytes: 256 * 1024, timeoutMs: 2000, untilQuotaReset: () => untilNextQuotaDay(desk.deps.clock(), PACIFIC) });
    env = bed.envWith({ youtube: adapter }, { youtube: RULE });
    youtube = youtubeInteractions({ deps: desk.deps, rootUrl: yt.url, tokenUrl: `${yt.url}token`, timeoutMs: 2000, quota: RULE, sealingKey: bed.key, log: { warn: () => undefined } });
    actions = { deps: desk.deps, platforms: { youtube: youtube.platform }, sealingKey: bed.key, leaseMs: 60_000, random: () => 0.5, alert: (text) => alerts.push(text) };
  });
  afterAll(async () => {
    if (skip) return;
    await yt.stop();
    await bed.close();
    await db.drop();
  });

  let n = 0;
  /** A published item with a video (not yet uploaded). */
  const videoItem = async () => {
    desk.time.advance(60_000);
    return publishThrough(desk, { title: `Video số ${++n}`, summary: 'Tóm tắt.', body: 'Nội dung.', mediaRefs: [await storeMedia(bed.mediaDir, mp4Bytes(300 * 1024))] }, 'thoi-su');
  };
  const videoOf = (code: string) => yt.live.find((v) => v.description.split(/\s+/).includes(`${PORTAL}/vi/tin/${code}`));
  /** A published item whose video is up on the stand-in. */
  const mirrored = async () => {
    const item = await videoItem();
    await dispatchDue(env);
    const video = videoOf(item.code);
    if (!video) throw new Error('the video did not go up');
    return { item, videoId: video.id };
  };
  const period = () => quotaDay(desk.deps.clock(), PACIFIC);
  const used = () => desk.store.quotaUsed(channel.id, period());
  const stored = async (externalId: string) => {
    const read = openClient(db.url);
    try {
      const row = await read.interaction.findUnique({ where: { sourceKey: `youtube:${externalId}` } });
      return row ? desk.store.interactionById(row.id) : null;
    } finally {
      await read.$disconnect();
    }
  };
  const channelsLine = async (lang: 'vi' | 'en') => describeChannel((await channelsOverview(desk.deps, { youtube: RULE }))[0]!, lang, 'Asia/Ho_Chi_Minh');
  const nextDay = () => desk.time.advance(24 * 3_600_000);

  it.skipIf(skip)('new comments and replies are stored once under the item; a second poll adds nothing, reads one page and counts it', async () => {
    const { item, videoId } = await mirrored();
    desk.time.advance(60_000);
    const question = yt.comments.comment(videoId, { author: 'Nguyễn Văn Bình', text: 'Khi nào đường ĐT768 thông xe?', channelId: 'UCbinh' });
    desk.time.advance(60_000);
    const reply = yt.comments.reply(question, { author: 'Lê Thị Hoa', text: 'Mình cũng muốn biết.', channelId: 'UChoa' });
    const before = { used: await used(), threads: yt.comments.calls.threads };

    const first = await youtube.poll();
    expect(first).toMatchObject({ created: 2, edited: 0, notes: {} });
    expect(await stored(question)).toMatchObject({
      source: 'youtube', kind: 'comment', externalId: question, parentExternalId: null, mirrorExternalId: videoId, code: item.code, itemId: item.id, channelId: channel.id,
      authorName: 'Nguyễn Văn Bình', authorRef: 'UCbinh', text: 'Khi nào đường ĐT768 thông xe?', state: 'new', occurredAt: new Date(desk.deps.clock().getTime() - 60_000),
    });
    expect(await stored(reply)).toMatchObject({ kind: 'reply', parentExternalId: question, code: item.code, authorName: 'Lê Thị Hoa' });

    const second = await youtube.poll();
    expect(second).toMatchObject({ created: 0, edited: 0, pages: 1 });
    // One page a poll, each counted in the same day's quota as the uploads.
    expect(yt.comments.calls.threads - before.threads).toBe(2);
    expect((await used()) - before.used).toBe(2);
  });

  it.skipIf(skip)('a busy video: the first poll reads its pages and the long reply thread; later polls read only the newest page', async () => {
    nextDay();
    const { videoId } = await mirrored();
    const ids: string[] = [];
    for (let i = 0; i < 150; i += 1) {
      desk.time.advance(1000);
      ids.push(yt.comments.comment(videoId, { author: `Người xem ${i}`, text: `Ý kiến số ${i}` }));
    }
    for (let i = 0; i < 7; i += 1) yt.comments.reply(ids[0]!, { author: `Người trả lời ${i}`, text: `Trả lời ${i}` });
    const calls = { ...yt.comments.calls };
    const first = await youtube.poll();
    // Every thread and all seven replies, five carried in the thread and the rest listed.
    expect(first.created).toBe(157);
    expect(yt.comments.calls.list - calls.list).toBe(1);
    desk.time.advance(60_000);
    const late = yt.comments.comment(videoId, { author: 'Người đến sau', text: 'Bình luận mới' });
    const threadsBefore = yt.comments.calls.threads;
    const later = await youtube.poll();
    expect(later.created).toBe(1);
    expect(await stored(late)).toMatchObject({ text: 'Bình luận mới' });
    // The busy video's page one holds the new comment and older ones: nothing more of it is read.
    const videos = (await desk.store.recentMirrors(channel.id, new Date(0), 50)).length;
    expect(yt.comments.calls.threads - threadsBefore).toBe(videos);
  });

  it.skipIf(skip)('an edit on YouTube shows in the record and its history, once', async () => {
    nextDay();
    const { videoId } = await mirrored();
    const id = yt.comments.comment(videoId, { author: 'Trần Văn Cường', text: 'Cầu bị hư', channelId: 'UCcuong' });
    await youtube.poll();
    desk.time.advance(5 * 60_000);
    yt.comments.edit(id, 'Cầu Rạch Đông bị hư lan can');
    expect((await youtube.poll()).edited).toBe(1);
    const record = await stored(id);
    expect(record?.text).toBe('Cầu Rạch Đông bị hư lan can');
    expect(record?.history.map((h) => [h.verb, h.text])).toEqual([['edited', 'Cầu bị hư']]);
    expect((await youtube.poll()).edited).toBe(0);
  });

  it.skipIf(skip)('a day whose budget is nearly spent polls fewer videos and says so in /channels', async () => {
    nextDay();
    const videos = (await desk.store.recentMirrors(channel.id, new Date(0), 50)).length;
    expect(videos).toBeGreaterThan(2);
    // Left after this: one upload's reserve and two units.
    await desk.store.spendQuota(channel.id, period(), RULE.units - (await used()) - UPLOAD - 2);
    const threads = yt.comments.calls.threads;
    const report = await youtube.poll();
    expect(report).toMatchObject({ pages: 2, notes: { youtube: 'reduced' } });
    expect(yt.comments.calls.threads - threads).toBe(2);
    expect(await used()).toBe(RULE.units - UPLOAD);
    expect(await channelsLine('en')).toContain('; quota left today 1700/10000; comment polling reduced today to keep the quota for uploads');
    expect(await channelsLine('vi')).toContain('hôm nay đọc bình luận YouTube ít hơn');
    // With only the reserve left, the next poll reads nothing.
    expect((await youtube.poll()).notes).toEqual({ youtube: 'paused' });
    expect(yt.comments.calls.threads - threads).toBe(2);
  });

  it.skipIf(skip)('uploads win: with an upload waiting and no room beyond it, nothing is polled and the upload still goes', async () => {
    nextDay();
    const waiting = await videoItem();
    await desk.store.spendQuota(channel.id, period(), RULE.units - UPLOAD);
    const threads = yt.comments.calls.threads;
    expect((await youtube.poll()).notes).toEqual({ youtube: 'paused' });
    expect(yt.comments.calls.threads).toBe(threads);
    expect(await channelsLine('en')).toContain('comment polling paused today: the quota left is kept for uploads');
    expect(await channelsLine('vi')).toContain('tạm dừng đọc bình luận YouTube');
    await dispatchDue(env);
    expect(videoOf(waiting.code)).toBeDefined();
    expect(await used()).toBe(RULE.units);
    // The next Pacific day the note is gone and polling reads again.
    nextDay();
    expect((await youtube.poll()).notes).toEqual({});
    expect(await channelsLine('en')).not.toContain('comment polling');
  });

  it.skipIf(skip)('a reply goes out exactly once even when YouTube’s answer is lost; it costs 50 units; our reply is not read back as the public’s', async () => {
    nextDay();
    const { videoId } = await mirrored();
    const question = yt.comments.comment(videoId, { author: 'Phạm Minh Đức', text: 'Lịch tiếp công dân tháng 12?', channelId: 'UCduc' });
    await youtube.poll();
    const record = (await stored(question))!;
    const answered = await moderateInteraction(desk.deps, desk.id.editor1, record.id, { type: 'answer', text: 'Thứ Năm hằng tuần, tại trụ sở tiếp công dân tỉnh.' });
    expect(answered.ok).toBe(true);
    const before = await used();
    yt.inject({ kind: 'loseReplyAnswer' });
    await runPlatformActions(actions);
    expect(yt.comments.channelReplies(question)).toHaveLength(1);
    expect((await desk.store.actionsOf(record.id))[0]).toMatchObject({ state: 'pending', externalId: null });
    desk.time.advance(60 * 60_000);
    await runPlatformActions(actions);
    const [reply] = yt.comments.channelReplies(question);
    expect(yt.comments.channelReplies(question)).toHaveLength(1);
    expect(yt.comments.calls.insert).toBe(1);
    expect((await desk.store.actionsOf(record.id))[0]).toMatchObject({ state: 'done', externalId: reply!.id });
    expect(reply!.text).toBe('Thứ Năm hằng tuần, tại trụ sở tiếp công dân tỉnh.');
    // The insert (50) and the look-up that found it (1).
    expect((await used()) - before).toBe(51);
    await youtube.poll();
    expect(await stored(reply!.id)).toBeNull();
    expect(alerts).toEqual([]);
  });

  it.skipIf(skip)('hiding rejects the comment on YouTube; a video the channel does not own is a refusal, told to a person', async () => {
    nextDay();
    const { videoId } = await mirrored();
    const spam = yt.comments.comment(videoId, { author: 'Bán hàng online', text: 'Mua ngay giá rẻ!!!' });
    const other = yt.comments.comment(videoId, { author: 'Ai đó', text: 'Quảng cáo khác' });
    await youtube.poll();
    const spamRecord = (await stored(spam))!;
    const otherRecord = (await stored(other))!;
    expect((await moderateInteraction(desk.deps, desk.id.secretary, spamRecord.id, { type: 'hide', reason: 'Quảng cáo' })).ok).toBe(true);
    await runPlatformActions(actions);
    expect(yt.comments.find(spam)?.moderationStatus).toBe('rejected');
    expect((await desk.store.actionsOf(spamRecord.id))[0]).toMatchObject({ state: 'done' });
    expect((await desk.store.interactionById(spamRecord.id))).toMatchObject({ state: 'hidden', reason: 'Quảng cáo', decidedById: desk.id.secretary });

    yt.inject({ kind: 'notOwner' });
    expect((await moderateInteraction(desk.deps, desk.id.secretary, otherRecord.id, { type: 'hide', reason: 'Quảng cáo' })).ok).toBe(true);
    await runPlatformActions(actions);
    expect((await desk.store.actionsOf(otherRecord.id))[0]).toMatchObject({ state: 'rejected', lastError: expect.stringContaining('403 forbidden') });
    expect(yt.comments.find(other)?.moderationStatus).toBe('published');
    expect(alerts.at(-1)).toContain('YouTube 403 forbidden');
  });
});
