import { CHANNEL_PROFILES } from '../../src/mirrorSetup.js';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { reconnectChannel, setChannelState } from '../../src/app/channels.js';
import { channelsOverview, problemAlert, reportStuck, retryItem } from '../../src/app/mirrors.js';
import { publicWeb } from '../../src/http/web.js';
import { MIRROR_LABELS } from '../../src/mirrorSetup.js';
import { act, correct } from '../../src/app/items.js';
import { openClient } from '../../src/store/client.js';
import { BACKENDS, type TestDatabase } from '../helpers/databases.js';
import { dispatchDue } from '../../src/app/dispatch.js';
import { outboxFixture, PORTAL, type OutboxFixture } from '../helpers/outbox.js';
import { publishThrough, storeMedia } from '../helpers/portal.js';
import { mp4Bytes } from '../helpers/mediaBytes.js';

describe.each(BACKENDS)('outbox to a Facebook Page on $name', ({ fresh, skip }) => {
  let db: TestDatabase;
  let f: OutboxFixture;

  beforeAll(async () => {
    if (skip) return;
    db = await fresh();
    f = await outboxFixture(db.url, { timeoutMs: 700 });
  });
  afterAll(async () => {
    if (skip) return;
    await f.close();
    await db.drop();
  });
  afterEach(async () => {
    if (skip) return;
    // Each test starts with nothing due.
    await f.drain(3);
  });

  let n = 0;
  const publish = async (title = `Tin số ${++n}`, mediaRefs: string[] = []) => {
    f.desk.time.advance(60_000);
    return publishThrough(f.desk, { title, summary: 'Tóm tắt.', body: 'Nội dung.', mediaRefs }, 'kinh-te');
  };
  const postsOf = (code: string) => f.graph.live.filter((p) => p.message.includes(`/vi/tin/${code}`));
  const deliveries = async (itemId: string) => f.desk.store.deliveriesOfItem(itemId);

  it.skipIf(skip)('publishing with photos gives one Facebook multi-photo post; its id and address are stored and audited', async () => {
    const photos = [await f.photo('#2a6'), await f.photo('#a26')];
    const item = await publish('Khánh thành cầu Đồng Nai 2', photos);
    const [queued] = await deliveries(item.id);
    expect(queued).toMatchObject({ action: 'publish', state: 'pending', code: item.code });
    expect(await dispatchDue(f.env)).toBe(1);
    const [post] = postsOf(item.code);
    expect(post!.message).toBe(`Khánh thành cầu Đồng Nai 2\n\nTóm tắt.\n\n${PORTAL}/vi/tin/${item.code}`);
    expect(post!.photos).toHaveLength(2);
    expect(post!.photos.every((id) => f.graph.photos.get(id)?.published === false)).toBe(true);
    const [done] = await deliveries(item.id);
    expect(done).toMatchObject({ state: 'delivered', externalId: post!.id, externalUrl: `https://www.facebook.com/${post!.id}` });
    const audit = await f.desk.store.verifyAudit([]);
    expect(audit.findings).toEqual([]);
    // The article page links to its mirror.
    const web = publicWeb({ deps: f.desk.deps, baseUrl: PORTAL, mediaDir: f.mediaDir, emc: null, mirrorLabels: MIRROR_LABELS });
    const page = await (await web.app.request(`/vi/tin/${item.code}`)).text();
    expect(page).toContain(`<a href="https://www.facebook.com/${post!.id}" rel="noopener">Facebook</a>`);
  });

  it.skipIf(skip)('an item with photos and a video: a photo post and a Page video, the upload resumed after a broken connection', async () => {
    const creds = JSON.stringify({ pageToken: 'page-token-1', userToken: f.graph.userToken, appId: '5550001' });
    expect((await reconnectChannel(f.desk.deps, f.key, CHANNEL_PROFILES, 'facebook', creds)).ok).toBe(true);
    const video = await storeMedia(f.mediaDir, mp4Bytes(300_000));
    const item = await publish('Lễ hội văn hóa các dân tộc', [await f.photo('#26a'), video]);
    expect((await deliveries(item.id)).map((d) => d.part)).toEqual(['post', 'video']);
    f.graph.inject('POST', 'upload:*', { kind: 'breakUpload', afterBytes: 120_000 });
    await dispatchDue(f.env);
    expect(postsOf(item.code)).toMatchObject([{ photos: [expect.any(String)] }]);
    const videos = f.graph.videos.filter((v) => v.description.includes(`/vi/tin/${item.code}`));
    expect(videos).toMatchObject([{ title: 'Lễ hội văn hóa các dân tộc', bytes: 300_000 }]);
    expect(f.graph.calls.filter((c) => c.path.startsWith('upload:') && c.method === 'POST').map((c) => c.status)).toEqual([0, 200]);
    const parts = await deliveries(item.id);
    expect(parts.map((d) => [d.part, d.state, d.externalUrl])).toEqual([
      ['post', 'delivered', `https://www.facebook.com/${postsOf(item.code)[0]!.id}`],
      ['video', 'delivered', `https://www.facebook.com/${f.graph.pageId}/videos/${videos[0]!.id}`],
    ]);
    // A correction reaches both; a take-down removes both.
    await correct(f.desk.deps, f.desk.id.deputy, item.code, { title: 'Lễ hội (đính chính)', summary: 'Mới.', body: '.', mediaRefs: item.revision.mediaRefs }, 'Sai tên');
    await dispatchDue(f.env);
    expect(videos[0]).toMatchObject({ title: 'Lễ hội (đính chính)', edits: 1 });
    f.desk.time.advance(60_000);
    await act(f.desk.deps, f.desk.id.deputy, item.code, { type: 'takeDown', note: 'Gỡ' });
    await dispatchDue(f.env);
    expect(videos[0]!.deleted).toBe(true);
    expect(postsOf(item.code)).toHaveLength(0);
  });

  it.skipIf(skip)('a Page video without the user token for uploads waits for a reconnect, the post goes out', async () => {
    expect((await reconnectChannel(f.desk.deps, f.key, CHANNEL_PROFILES, 'facebook', 'page-token-1')).ok).toBe(true);
    const item = await publish('Video chưa có quyền tải lên', [await storeMedia(f.mediaDir, mp4Bytes(1000))]);
    await dispatchDue(f.env);
    expect(postsOf(item.code)).toHaveLength(1);
    expect((await f.desk.store.channels())[0]).toMatchObject({ state: 'needsReauth', lastError: expect.stringContaining('user token') });
    await reconnectChannel(f.desk.deps, f.key, CHANNEL_PROFILES, 'facebook', JSON.stringify({ pageToken: 'page-token-1', userToken: f.graph.userToken, appId: '5550001' }));
    await dispatchDue(f.env);
    expect(f.graph.videos.filter((v) => v.description.includes(`/vi/tin/${item.code}`))).toHaveLength(1);
  });

  it.skipIf(skip)('a text item becomes a link post', async () => {
    const item = await publish('Thông báo lịch tiếp dân');
    await dispatchDue(f.env);
    expect(postsOf(item.code)).toMatchObject([{ link: `${PORTAL}/vi/tin/${item.code}`, photos: [] }]);
  });

  it.skipIf(skip)('a run of server errors: delivered after recovery, exactly one post', async () => {
    const item = await publish();
    f.graph.inject('POST', `${f.graph.pageId}/feed`, { kind: 'status', status: 500 }, 4);
    await dispatchDue(f.env);
    expect((await deliveries(item.id))[0]).toMatchObject({ state: 'pending', lastError: expect.stringContaining('500') });
    await f.drain(6);
    expect(postsOf(item.code)).toHaveLength(1);
    expect((await deliveries(item.id))[0]).toMatchObject({ state: 'delivered', attempts: 5 });
  });

  it.skipIf(skip)('it posted but the answer was lost: the dispatcher looks first and does not post again', async () => {
    const item = await publish();
    f.graph.inject('POST', `${f.graph.pageId}/feed`, { kind: 'loseResponse' });
    await dispatchDue(f.env);
    expect(postsOf(item.code)).toHaveLength(1);
    expect((await deliveries(item.id))[0]).toMatchObject({ state: 'pending' });
    await f.drain(2);
    expect(postsOf(item.code)).toHaveLength(1);
    expect((await deliveries(item.id))[0]).toMatchObject({ state: 'delivered', externalId: postsOf(item.code)[0]!.id });
  });

  it.skipIf(skip)('no answer at all (timeout), then the lookup finds nothing: posted once on the next try', async () => {
    const item = await publish();
    f.graph.inject('POST', `${f.graph.pageId}/feed`, { kind: 'hang' });
    await dispatchDue(f.env);
    expect(postsOf(item.code)).toHaveLength(0);
    await f.drain(2);
    expect(postsOf(item.code)).toHaveLength(1);
  });

  it.skipIf(skip)('an expired token (190): the channel needs re-auth, its deliveries wait, and go out once reconnected', async () => {
    f.graph.token = 'page-token-2';
    const item = await publish();
    await dispatchDue(f.env);
    expect((await f.desk.store.channels())[0]).toMatchObject({ state: 'needsReauth', lastError: expect.stringContaining('190') });
    expect(f.problems.at(-1)).toMatchObject({ channel: 'facebook', code: item.code, kind: 'needsReauth' });
    const other = await publish();
    await f.drain(3);
    expect((await deliveries(item.id))[0]!.state).toBe('pending');
    expect((await deliveries(other.id))[0]!.state).toBe('pending');
    expect(postsOf(item.code)).toHaveLength(0);

    const reconnected = await reconnectChannel(f.desk.deps, f.key, CHANNEL_PROFILES, 'facebook', 'page-token-2');
    expect(reconnected.ok).toBe(true);
    await f.drain(2);
    expect(postsOf(item.code)).toHaveLength(1);
    expect(postsOf(other.code)).toHaveLength(1);
  });

  it.skipIf(skip)('a lane stopped by an expired token gives back the rows it did not reach: waiting, untried, not held in flight', async () => {
    const items = [await publish(), await publish(), await publish()];
    f.graph.token = 'page-token-3';
    await dispatchDue(f.env);
    const rows = (await Promise.all(items.map((i) => deliveries(i.id)))).map((d) => d[0]!);
    // The first was tried and stopped the channel; the two behind it were claimed with it and given back.
    expect(rows.map((d) => [d.state, d.attempts])).toEqual([
      ['pending', 1],
      ['pending', 0],
      ['pending', 0],
    ]);
    expect(await reconnectChannel(f.desk.deps, f.key, CHANNEL_PROFILES, 'facebook', 'page-token-3')).toMatchObject({ ok: true });
    await f.drain(2);
    for (const item of items) expect(postsOf(item.code), item.code).toHaveLength(1);
  });

  it.skipIf(skip)('results written together in one transaction: each where its claim held, audited in order, the chain intact', async () => {
    const items = [await publish(), await publish(), await publish()];
    const [a, b, c] = (await Promise.all(items.map((i) => deliveries(i.id)))).map((d) => d[0]!);
    const now = f.desk.deps.clock();
    expect(await f.desk.store.claimDeliveries([a!.id, b!.id], 'token-1', now, 60_000)).toEqual([a!.id, b!.id]);
    // Another worker holds the third: it is not this worker's to settle.
    expect(await f.desk.store.claimDeliveries([c!.id], 'token-2', now, 60_000)).toEqual([c!.id]);
    expect(await f.desk.store.claimDeliveries([a!.id, c!.id], 'token-3', now, 60_000)).toEqual([]);
    const delivered = (id: string) => ({ state: 'delivered' as const, attempts: 1, nextAttemptAt: now, externalId: id, externalUrl: null, lastError: null, keepCallStarted: false, channel: { lastSuccessAt: now, lastError: null } });
    const audit = (code: string) => ({ at: now, actorId: null, action: 'delivery.delivered', subjectType: 'item', subjectId: code, data: { code } });
    const settled = await f.desk.store.settleDeliveries([
      { delivery: a!, token: 'token-1', settlement: delivered('post-a'), audit: audit(a!.code) },
      { delivery: c!, token: 'token-1', settlement: delivered('post-c'), audit: audit(c!.code) },
      { delivery: b!, token: 'token-1', settlement: delivered('post-b'), audit: audit(b!.code) },
    ]);
    expect(settled).toEqual([true, false, true]);
    expect((await deliveries(items[0]!.id))[0]).toMatchObject({ state: 'delivered', externalId: 'post-a' });
    expect((await deliveries(items[1]!.id))[0]).toMatchObject({ state: 'delivered', externalId: 'post-b' });
    expect((await deliveries(items[2]!.id))[0]).toMatchObject({ state: 'inFlight', externalId: null });
    const client = openClient(db.url);
    try {
      const last = await client.auditEvent.findMany({ orderBy: { seq: 'desc' }, take: 2, select: { subjectId: true } });
      expect(last.map((r) => r.subjectId)).toEqual([b!.code, a!.code]);
    } finally {
      await client.$disconnect();
    }
    expect((await f.desk.store.verifyAudit([])).findings).toEqual([]);
    // The third goes back to its worker's lease: given back, it goes out.
    expect(await f.desk.store.releaseClaims([c!.id], 'token-2')).toBe(1);
    await f.drain(1);
    expect(postsOf(items[2]!.code)).toHaveLength(1);
  });

  it.skipIf(skip)('a refusal (100) is final, with the reason, and operators hear of it', async () => {
    const item = await publish();
    f.graph.inject('POST', `${f.graph.pageId}/feed`, { kind: 'status', status: 400, error: { code: 100, message: 'Invalid parameter' } });
    await dispatchDue(f.env);
    expect((await deliveries(item.id))[0]).toMatchObject({ state: 'rejected', lastError: 'Graph 100: Invalid parameter' });
    expect(f.problems.at(-1)).toMatchObject({ kind: 'rejected', code: item.code });
  });

  it.skipIf(skip)('throttled (32): waits the time Graph names in its usage header', async () => {
    const item = await publish();
    f.graph.inject('POST', `${f.graph.pageId}/feed`, { kind: 'status', status: 400, error: { code: 32, message: 'Page request limit reached' }, usage: { [f.graph.pageId]: [{ type: 'pages', call_count: 100, estimated_time_to_regain_access: 17 }] } });
    const before = f.desk.deps.clock().getTime();
    await dispatchDue(f.env);
    const [waiting] = await deliveries(item.id);
    expect(waiting!.nextAttemptAt.getTime() - before).toBe(17 * 60_000);
  });

  it.skipIf(skip)('Graph reports 85 % usage for the Page: the next post waits instead of running into the limit', async () => {
    f.graph.usage = { [f.graph.pageId]: [{ type: 'pages', call_count: 85, total_cputime: 10, total_time: 12, estimated_time_to_regain_access: 0 }] };
    const first = await publish();
    await dispatchDue(f.env);
    expect(postsOf(first.code)).toHaveLength(1);
    f.graph.usage = null;
    const second = await publish();
    const calls = f.graph.calls.length;
    await dispatchDue(f.env);
    expect(f.graph.calls.length).toBe(calls);
    const [waiting] = await deliveries(second.id);
    expect(waiting).toMatchObject({ state: 'pending', lastError: 'Graph usage at 85% for this Page: waiting before the limit' });
    expect(waiting!.nextAttemptAt.getTime() - f.desk.deps.clock().getTime()).toBe(5 * 60_000);
  });

  it.skipIf(skip)('a correction edits the post and a take-down removes it; both are in the audit trail', async () => {
    const item = await publish('Tin sẽ đính chính');
    await dispatchDue(f.env);
    f.desk.time.advance(60_000);
    const fixed = await correct(f.desk.deps, f.desk.id.deputy, item.code, { title: 'Tin đã đính chính', summary: 'Tóm tắt mới.', body: 'Nội dung.' }, 'Sai tên');
    expect(fixed.ok).toBe(true);
    await dispatchDue(f.env);
    const [post] = postsOf(item.code);
    expect(post).toMatchObject({ edits: 1, message: expect.stringContaining('Tin đã đính chính') });
    f.desk.time.advance(60_000);
    await act(f.desk.deps, f.desk.id.deputy, item.code, { type: 'takeDown', note: 'Gỡ theo yêu cầu' });
    await dispatchDue(f.env);
    expect(postsOf(item.code)).toHaveLength(0);
    expect((await deliveries(item.id)).map((d) => [d.action, d.state])).toEqual([
      ['publish', 'delivered'],
      ['update', 'delivered'],
      ['remove', 'delivered'],
    ]);
    const db2 = openClient(db.url);
    const trail = await db2.auditEvent.findMany({ where: { subjectId: item.id, action: { startsWith: 'delivery.' } }, orderBy: { seq: 'asc' } });
    await db2.$disconnect();
    expect(trail.map((e) => JSON.parse(e.data) as { action: string; channel: string })).toEqual([
      expect.objectContaining({ action: 'publish', channel: 'facebook' }),
      expect.objectContaining({ action: 'update', channel: 'facebook' }),
      expect.objectContaining({ action: 'remove', channel: 'facebook' }),
    ]);
  });

  it.skipIf(skip)('a take-down before the post went out cancels it: nothing is posted', async () => {
    const item = await publish();
    await act(f.desk.deps, f.desk.id.deputy, item.code, { type: 'takeDown', note: 'Nhầm' });
    await f.drain(2);
    expect(postsOf(item.code)).toHaveLength(0);
    expect((await deliveries(item.id)).map((d) => [d.action, d.state])).toEqual([['publish', 'cancelled']]);
  });

  it.skipIf(skip)('alerts name the command that fixes the problem; a stuck delivery is reported once', async () => {
    expect(problemAlert({ channel: 'facebook', code: 'BP-2026-00001', kind: 'needsReauth', reason: 'Graph 190/463: expired' })).toContain('/reconnect facebook');
    expect(problemAlert({ channel: 'facebook', code: 'BP-2026-00001', kind: 'rejected', reason: 'Graph 100: bad' })).toContain('/retry BP-2026-00001');
    expect(problemAlert({ channel: 'facebook', code: 'BP-2026-00001', kind: 'retryLater', reason: 'x' })).toBeNull();

    const item = await publish();
    f.graph.inject('POST', `${f.graph.pageId}/feed`, { kind: 'status', status: 503 }, 100);
    const alerts: string[] = [];
    await dispatchDue(f.env);
    expect(await reportStuck(f.desk.deps, (t) => alerts.push(t))).toBe(0);
    f.desk.time.advance(31 * 60_000);
    expect(await reportStuck(f.desk.deps, (t) => alerts.push(t))).toBe(1);
    expect(alerts[0]).toContain(`Tin ${item.code} chưa lên kênh facebook`);
    expect(alerts[0]).toContain(`/retry ${item.code}`);
    expect(await reportStuck(f.desk.deps, (t) => alerts.push(t))).toBe(0);

    // /retry makes it due again; once Graph recovers it goes out once.
    f.graph.clearFaults();
    const retried = await retryItem(f.desk.deps, { kind: 'person', personId: f.desk.id.admin }, item.code.toLowerCase());
    expect(retried).toEqual({ ok: true, value: 1 });
    expect(await retryItem(f.desk.deps, { kind: 'person', personId: f.desk.id.editor1 }, item.code)).toMatchObject({ ok: false, reason: 'not_admin' });
    await dispatchDue(f.env);
    expect(postsOf(item.code)).toHaveLength(1);
  });

  it.skipIf(skip)('a paused channel keeps its posts waiting; resumed, they go out', async () => {
    expect(await setChannelState(f.desk.deps, { kind: 'person', personId: f.desk.id.editor1 }, 'facebook', 'paused')).toMatchObject({ ok: false, reason: 'not_admin' });
    expect((await setChannelState(f.desk.deps, { kind: 'person', personId: f.desk.id.admin }, 'facebook', 'paused')).ok).toBe(true);
    const item = await publish();
    await f.drain(2);
    expect(postsOf(item.code)).toHaveLength(0);
    expect((await deliveries(item.id))[0]!.state).toBe('pending');
    expect((await channelsOverview(f.desk.deps))[0]).toMatchObject({ channel: { key: 'facebook', state: 'paused' }, waiting: 1 });
    await setChannelState(f.desk.deps, { kind: 'person', personId: f.desk.id.admin }, 'facebook', 'active');
    await dispatchDue(f.env);
    expect(postsOf(item.code)).toHaveLength(1);
  });

  it.skipIf(skip)('several dispatchers at once never take the same delivery', async () => {
    const items = [];
    for (let i = 0; i < 12; i += 1) items.push(await publish());
    f.graph.latencyMs = 20;
    await Promise.all([dispatchDue(f.env), dispatchDue(f.env), dispatchDue(f.env)]);
    f.graph.latencyMs = 0;
    // On a busy machine a call may outlast the 700 ms timeout: its retry looks first, so still one post each.
    await f.drain(3);
    for (const item of items) expect(postsOf(item.code), item.code).toHaveLength(1);
  });
});
