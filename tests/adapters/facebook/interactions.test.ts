import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GraphClient, USAGE_MEMORY_MS } from '../../../adapters/facebook/client.js';
import { facebookInteractions } from '../../../adapters/facebook/interactions.js';
import { refreshShares, sweepComments, type FacebookPollEnv } from '../../../adapters/facebook/sweep.js';
import { facebookWebhookSource } from '../../../adapters/facebook/webhook.js';
import { channelAccount, dispatchDue } from '../../../src/app/dispatch.js';
import { moderateInteraction } from '../../../src/app/interactions/moderation.js';
import { runPlatformActions, type PlatformActionsEnv } from '../../../src/app/interactions/platformActions.js';
import { drainWebhooks } from '../../../src/app/interactions/webhooks.js';
import type { InteractionRecord } from '../../../src/core/interactions/model.js';
import { facebookWebhookRoutes } from '../../../src/http/webhooks/facebook.js';
import { openClient } from '../../../src/store/client.js';
import { type CommentVerb, type FakeComment } from '../../fakes/graphApi.js';
import { BACKENDS, type TestDatabase } from '../../helpers/databases.js';
import { outboxFixture, PAGE_ID, type OutboxFixture } from '../../helpers/outbox.js';
import { publishThrough } from '../../helpers/portal.js';

const BINH = { id: '7230451129384756', name: 'Nguyễn Văn Bình' };
const HOA = { id: '6611209834571234', name: 'Trần Thị Hoa' };

/**
 * A Page's comments come back, are answered once and hidden on Facebook: the adapter against the
 * Graph stand-in, the webhook route in-process, and the store on each database.
 */
describe.each(BACKENDS)('Facebook comments on a mirrored post, on $name', ({ fresh, skip }) => {
  let db: TestDatabase;
  let f: OutboxFixture;
  let graph: GraphClient;
  let actions: PlatformActionsEnv;
  let polls: FacebookPollEnv;
  const alerts: string[] = [];

  beforeAll(async () => {
    if (skip) return;
    db = await fresh();
    f = await outboxFixture(db.url, { timeoutMs: 700 });
    graph = new GraphClient({ baseUrl: f.graph.url, videoBaseUrl: f.graph.url, version: f.graph.version, timeoutMs: 700, now: () => f.desk.deps.clock().getTime() });
    actions = { deps: f.desk.deps, platforms: { facebook: facebookInteractions(graph) }, sealingKey: f.key, leaseMs: 60_000, random: () => 0.5, alert: (t) => alerts.push(t) };
    polls = { deps: f.desk.deps, graph, account: (channel) => channelAccount({ deps: f.desk.deps, sealingKey: f.key }, channel), log: { warn: () => undefined } };
  });
  afterAll(async () => {
    if (skip) return;
    await f.close();
    await db.drop();
  });

  let n = 0;
  /** An article published and mirrored: its Facebook post on the stand-in. */
  const mirrored = async () => {
    f.desk.time.advance(60_000);
    const item = await publishThrough(f.desk, { title: `Thông báo số ${++n}`, summary: 'Tóm tắt.', body: 'Nội dung.' }, 'kinh-te');
    await dispatchDue(f.env);
    const post = f.graph.live.find((p) => p.message.includes(`/vi/tin/${item.code}`));
    if (!post) throw new Error('not mirrored');
    return { item, post };
  };

  /** Meta's notification of a comment change, through the webhook route, then the inbox. */
  const notify = async (c: FakeComment, verb: CommentVerb): Promise<void> => {
    const routes = facebookWebhookRoutes({ deps: f.desk.deps, source: facebookWebhookSource, secrets: { appSecret: f.graph.appSecret, verifyToken: f.graph.verifyToken } });
    const answer = await f.graph.sendWebhook('http://hub.test/webhooks/facebook', f.graph.commentWebhook(c, verb), { via: (url, init) => routes.request(url, init) });
    expect(answer).toEqual({ status: 200, text: 'EVENT_RECEIVED' });
    await drainWebhooks(f.desk.deps, [facebookWebhookSource]);
  };
  const recordOf = async (externalId: string): Promise<InteractionRecord> => {
    const read = openClient(db.url);
    try {
      const row = await read.interaction.findUnique({ where: { sourceKey: `facebook:${externalId}` } });
      if (!row) throw new Error(`no interaction ${externalId}`);
      return (await f.desk.store.interactionById(row.id))!;
    } finally {
      await read.$disconnect();
    }
  };
  /** Runs the platform-action job as the schedule would, the clock moving past each back-off. */
  const runActions = async (rounds = 1) => {
    for (let i = 0; i < rounds; i += 1) {
      await runPlatformActions(actions);
      f.desk.time.advance(60 * 60_000);
    }
  };
  const repliesPosted = (commentId: string) => f.graph.calls.filter((c) => c.method === 'POST' && c.path === `${commentId}/comments`).length;

  it.skipIf(skip)('a comment notified by webhook is placed under the article; the moderator’s answer is posted once under it even when the first answer is lost', async () => {
    const { item, post } = await mirrored();
    const comment = f.graph.comment(post.id, BINH, 'Khi nào đường ĐT768 thông xe?');
    await notify(comment, 'add');
    const record = await recordOf(comment.id);
    expect(record).toMatchObject({ kind: 'comment', itemId: item.id, code: item.code, mirrorExternalId: post.id, authorName: 'Nguyễn Văn Bình', text: 'Khi nào đường ĐT768 thông xe?', state: 'new' });
    expect(record.channelId).not.toBeNull();

    const answered = await moderateInteraction(f.desk.deps, f.desk.id.editor1, record.id, { type: 'answer', text: 'Dự kiến thông xe trong tháng 12.' });
    expect(answered.ok).toBe(true);
    // Graph posts the reply, then the connection drops before its answer.
    f.graph.inject('POST', `${comment.id}/comments`, { kind: 'loseResponse' });
    await runActions();
    expect(f.graph.repliesOf(comment.id)).toHaveLength(1);
    expect((await f.desk.store.actionsOf(record.id))[0]).toMatchObject({ action: 'reply', state: 'pending' });
    // The retry asks Graph first, finds the reply and sends nothing.
    await runActions(3);
    const [reply] = f.graph.repliesOf(comment.id);
    expect(f.graph.repliesOf(comment.id)).toHaveLength(1);
    expect(reply).toMatchObject({ message: 'Dự kiến thông xe trong tháng 12.', from: { id: PAGE_ID } });
    expect(repliesPosted(comment.id)).toBe(1);
    expect((await f.desk.store.actionsOf(record.id))[0]).toMatchObject({ state: 'done', externalId: reply!.id });
    expect(alerts).toEqual([]);

    // Meta notifies the Page's own reply too: it is no interaction.
    await notify(reply!, 'add');
    const read = openClient(db.url);
    try {
      expect(await read.interaction.count({ where: { itemId: item.id } })).toBe(1);
    } finally {
      await read.$disconnect();
    }
  });

  it.skipIf(skip)('a call that failed before posting is looked up, found absent, and posted once', async () => {
    const { post } = await mirrored();
    const comment = f.graph.comment(post.id, HOA, 'Thủ tục cấp đổi giấy phép lái xe ở đâu?');
    await notify(comment, 'add');
    const record = await recordOf(comment.id);
    await moderateInteraction(f.desk.deps, f.desk.id.secretary, record.id, { type: 'answer', text: 'Tại Sở Xây dựng, số 2 đường Nguyễn Văn Trị.' });
    f.graph.inject('POST', `${comment.id}/comments`, { kind: 'status', status: 500 });
    await runActions(4);
    expect(f.graph.repliesOf(comment.id).map((r) => r.message)).toEqual(['Tại Sở Xây dựng, số 2 đường Nguyễn Văn Trị.']);
    expect((await f.desk.store.actionsOf(record.id))[0]?.state).toBe('done');
  });

  it.skipIf(skip)('an answer to a reply goes into the thread it sits in', async () => {
    const { post } = await mirrored();
    const comment = f.graph.comment(post.id, BINH, 'Có lịch tiếp dân tháng sau chưa?');
    const reply = f.graph.comment(post.id, HOA, 'Tôi cũng hỏi vậy, cả buổi chiều nữa.', comment.id);
    await notify(reply, 'add');
    const record = await recordOf(reply.id);
    expect(record).toMatchObject({ kind: 'reply', parentExternalId: comment.id });
    await moderateInteraction(f.desk.deps, f.desk.id.editor1, record.id, { type: 'answer', text: 'Lịch sẽ đăng vào thứ Hai.' });
    await runActions(2);
    expect(f.graph.repliesOf(comment.id).map((r) => r.message)).toEqual(['Lịch sẽ đăng vào thứ Hai.']);
  });

  it.skipIf(skip)('hidden with a reason: hidden on Facebook too; a comment its author removed counts as hidden', async () => {
    const { post } = await mirrored();
    const spam = f.graph.comment(post.id, { id: '5550001', name: 'Shop Giá Rẻ' }, 'Mua hàng giá rẻ tại ...');
    const gone = f.graph.comment(post.id, { id: '5550002', name: 'Khách' }, 'Nội dung sẽ bị xóa');
    await notify(spam, 'add');
    await notify(gone, 'add');
    const spamRecord = await recordOf(spam.id);
    const goneRecord = await recordOf(gone.id);
    gone.deleted = true;
    for (const id of [spamRecord.id, goneRecord.id]) expect((await moderateInteraction(f.desk.deps, f.desk.id.editor1, id, { type: 'hide', reason: 'Quảng cáo' })).ok).toBe(true);
    await runActions(2);
    expect(spam.hidden).toBe(true);
    expect((await f.desk.store.actionsOf(spamRecord.id))[0]?.state).toBe('done');
    expect((await f.desk.store.actionsOf(goneRecord.id))[0]?.state).toBe('done');
    expect(await recordOf(spam.id)).toMatchObject({ state: 'hidden', reason: 'Quảng cáo', decidedById: f.desk.id.editor1, text: 'Mua hàng giá rẻ tại ...' });
  });

  it.skipIf(skip)('the sweep picks up comments no webhook announced, leaves the Page’s own out, and changes nothing the second time', async () => {
    const { item, post } = await mirrored();
    const missed = f.graph.comment(post.id, BINH, 'Bình luận không có webhook');
    const underIt = f.graph.comment(post.id, HOA, 'Trả lời cũng không có webhook', missed.id);
    f.graph.comment(post.id, { id: PAGE_ID, name: f.graph.pageName }, 'Trang trả lời', missed.id);
    const first = await sweepComments(polls);
    expect(first.deferred).toEqual([]);
    expect(await recordOf(missed.id)).toMatchObject({ kind: 'comment', itemId: item.id, text: 'Bình luận không có webhook' });
    expect(await recordOf(underIt.id)).toMatchObject({ kind: 'reply', itemId: item.id, parentExternalId: missed.id });
    const read = openClient(db.url);
    try {
      expect(await read.interaction.count({ where: { itemId: item.id } })).toBe(2);
    } finally {
      await read.$disconnect();
    }
    const again = await sweepComments(polls);
    expect(again.changed).toBe(0);
  });

  it.skipIf(skip)('near Graph’s limit the sweep waits, and reads again once the usage has cooled', async () => {
    const { post } = await mirrored();
    f.graph.usage = { [PAGE_ID]: [{ type: 'pages', call_count: 95, total_cputime: 10, total_time: 10, estimated_time_to_regain_access: 0 }] };
    await sweepComments(polls);
    f.graph.usage = null;
    const late = f.graph.comment(post.id, HOA, 'Viết trong lúc Graph đang bận');
    const calls = f.graph.calls.length;
    const waiting = await sweepComments(polls);
    expect(waiting.deferred.join()).toContain('95%');
    expect(f.graph.calls.length).toBe(calls);
    f.desk.time.advance(USAGE_MEMORY_MS + 1);
    await sweepComments(polls);
    expect((await recordOf(late.id)).text).toBe('Viết trong lúc Graph đang bận');
  });

  it.skipIf(skip)('share counts of mirrored posts are recorded and refreshed in place', async () => {
    const { item, post } = await mirrored();
    await refreshShares(polls);
    expect(await f.desk.store.sharesOfItem(item.id)).toEqual([{ source: 'facebook', count: 0 }]);
    f.graph.shares.set(post.id, 7);
    await refreshShares(polls);
    expect(await f.desk.store.sharesOfItem(item.id)).toEqual([{ source: 'facebook', count: 7 }]);
  });
});
