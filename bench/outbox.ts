/**
 * The outbox's costs, measured side by side against a fake Graph without latency:
 *  - dispatcher overhead per delivery: the dispatcher's time per post minus the bare Graph call's;
 *  - the same with several channels (Pages) in parallel: their lanes side by side against as many
 *    bare call loops side by side;
 *  - time from the final approval to every mirror delivered, with the service's own job table.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import sharp from 'sharp';
import { facebookChannel } from '../adapters/facebook/channel.js';
import { GraphClient } from '../adapters/facebook/client.js';
import { connectChannel, reconnectChannel } from '../src/app/channels.js';
import { createDispatcher, dispatchDue, type DispatchEnv } from '../src/app/dispatch.js';
import { approve, writeItem } from '../src/app/items.js';
import { sealingKey } from '../src/core/sealing.js';
import { migrate } from '../src/store/migrate.js';
import { startJobs } from '../jobs/schedule.js';
import { scheduleTable } from '../jobs/table.js';
import { youtubeChannel } from '../adapters/youtube/channel.js';
import { zaloOaChannel } from '../adapters/zalo-oa/channel.js';
import { youtubeQuota } from '../adapters/youtube/profile.js';
import { untilNextQuotaDay } from '../src/core/quota.js';
import { FakeGraph } from '../tests/fakes/graphApi.js';
import { FakeYoutube } from '../tests/fakes/youtubeApi.js';
import { FakeZaloOa } from '../tests/fakes/zaloOaApi.js';
import { seedDesk, type Desk } from '../tests/helpers/desk.js';
import { seedCategories, storeMedia } from '../tests/helpers/portal.js';
import { mp4Bytes } from '../tests/helpers/mediaBytes.js';
import { CHANNEL_PROFILES } from '../src/mirrorSetup.js';

const N = 200;
/** Channels in parallel, and posts per channel. */
const PAGES = ['2001', '2002', '2003', '2004', '2005'];
const PER_PAGE = 60;
const LATENCY_SAMPLES = 20;
const SECRET = 'bench-hub-secret-0123456789abcdef0123456789';

async function written(desk: Desk, title: string, mediaRefs: string[] = []) {
  const w = await writeItem(desk.deps, desk.id.editor1, 'tinh', { kind: 'article', category: 'kinh-te', content: { title, body: '.', mediaRefs } });
  if (!w.ok) throw new Error(w.reason);
  let item = w.value;
  for (const who of ['editor2', 'secretary'] as const) {
    const r = await approve(desk.deps, desk.id[who], item.code, item.revision.contentHash);
    if (!r.ok) throw new Error(r.reason);
    item = r.value;
  }
  return item;
}

const percentile = (values: number[], p: number) => [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor((p / 100) * values.length))]!;

/**
 * Several channels at once, on a database of their own: a bare loop of calls per Page, all Pages
 * together; then as many posts per Page through the dispatcher, its lanes running together.
 */
async function parallelBench(dir: string, config: ConstructorParameters<typeof GraphClient>[0]): Promise<{ bareMs: number; dispatchMs: number }> {
  const url = `file:${join(dir, 'parallel.db')}`;
  await migrate(url);
  const desk = await seedDesk(url);
  desk.deps.clock = () => new Date();
  await seedCategories(desk);
  const key = sealingKey(SECRET);
  for (const page of PAGES) await connectChannel(desk.deps, key, CHANNEL_PROFILES, { key: `fb-${page}`, platform: 'facebook', accountId: page, token: 'page-token' });
  const env: DispatchEnv = { deps: desk.deps, adapters: { facebook: facebookChannel(config) }, sealingKey: key, portalBaseUrl: 'https://portal.example', mediaDir: dir, leaseMs: 60_000, random: Math.random };
  const client = new GraphClient(config);
  let started = performance.now();
  await Promise.all(
    PAGES.map(async (page) => {
      for (let i = 0; i < PER_PAGE; i += 1) await client.call('POST', `${page}/feed`, 'page-token', { message: `bare ${i}`, link: `https://portal.example/vi/tin/Y-${i}` });
    }),
  );
  const bareMs = performance.now() - started;
  for (let i = 0; i < PER_PAGE; i += 1) {
    const item = await written(desk, `Tin song song ${i}`);
    await approve(desk.deps, desk.id.deputy, item.code, item.revision.contentHash);
  }
  started = performance.now();
  let settled = 0;
  while (settled < PAGES.length * PER_PAGE) settled += await dispatchDue(env, 50);
  const dispatchMs = performance.now() - started;
  await desk.store.close();
  return { bareMs, dispatchMs };
}

export async function outboxBench(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'portal-hub-bench-outbox-'));
  const graph = new FakeGraph('1000', 'page-token');
  const yt = new FakeYoutube();
  const zalo = new FakeZaloOa();
  await Promise.all([graph.start(), yt.start(), zalo.start()]);
  try {
    const url = `file:${join(dir, 'bench.db')}`;
    await migrate(url);
    const desk = await seedDesk(url);
    desk.deps.clock = () => new Date();
    await seedCategories(desk);
    const key = sealingKey(SECRET);
    await connectChannel(desk.deps, key, CHANNEL_PROFILES, { key: 'facebook', platform: 'facebook', accountId: '1000', token: 'page-token' });
    const config = { baseUrl: graph.url, videoBaseUrl: graph.url, version: graph.version, timeoutMs: 10_000 };
    const env: DispatchEnv = { deps: desk.deps, adapters: { facebook: facebookChannel(config) }, sealingKey: key, portalBaseUrl: 'https://portal.example', mediaDir: dir, leaseMs: 60_000, random: Math.random };

    // Side by side: N bare Graph calls, then N posts through the dispatcher.
    const client = new GraphClient(config);
    let started = performance.now();
    for (let i = 0; i < N; i += 1) await client.call('POST', '1000/feed', 'page-token', { message: `bare ${i}`, link: `https://portal.example/vi/tin/X-${i}` });
    const bareMs = (performance.now() - started) / N;
    for (let i = 0; i < N; i += 1) {
      const item = await written(desk, `Tin ${i}`);
      await approve(desk.deps, desk.id.deputy, item.code, item.revision.contentHash);
    }
    started = performance.now();
    let settled = 0;
    while (settled < N) settled += await dispatchDue(env, 50);
    const dispatchMs = (performance.now() - started) / N;

    const parallel = await parallelBench(dir, config);

    // Final approval → every mirror delivered (Facebook post and video, YouTube, Zalo OA), with the
    // service's job table running as in production.
    await reconnectChannel(desk.deps, key, CHANNEL_PROFILES, 'facebook', JSON.stringify({ pageToken: 'page-token', userToken: graph.userToken, appId: '1' }));
    await connectChannel(desk.deps, key, CHANNEL_PROFILES, { key: 'youtube', platform: 'youtube', accountId: 'UCfake', token: JSON.stringify({ clientId: 'c', clientSecret: 's', refreshToken: yt.refreshToken }) });
    await connectChannel(desk.deps, key, CHANNEL_PROFILES, { key: 'zalo-oa', platform: 'zalo-oa', accountId: 'oa', token: JSON.stringify({ appId: zalo.appId, secretKey: zalo.secretKey, accessToken: zalo.accessToken, refreshToken: zalo.refreshToken }) });
    env.adapters.youtube = youtubeChannel({ rootUrl: yt.url, tokenUrl: `${yt.url}token`, chunkBytes: 256 * 1024, timeoutMs: 10_000, untilQuotaReset: () => untilNextQuotaDay(new Date(), 'America/Los_Angeles') });
    env.adapters['zalo-oa'] = zaloOaChannel({ openApiBase: zalo.url, oauthBase: zalo.url, timeoutMs: 10_000, defaultCoverUrl: 'https://portal.example/assets/cover.png', pollEveryMs: 10, pollTries: 3 });
    env.quotas = { youtube: youtubeQuota(1_000_000_000, 1600) };
    const media = [await storeMedia(dir, await sharp({ create: { width: 64, height: 36, channels: 3, background: '#246' } }).jpeg().toBuffer()), await storeMedia(dir, mp4Bytes(300 * 1024))];
    const waiting = [];
    for (let i = 0; i < LATENCY_SAMPLES; i += 1) waiting.push(await written(desk, `Đo độ trễ ${i}`, media));
    const dispatcher = createDispatcher(env);
    const jobs = startJobs(scheduleTable(desk.deps, [], { dispatch: () => dispatcher.tick(), reportStuck: async () => 0 }), pino({ level: 'silent' }));
    const latencies: number[] = [];
    for (const item of waiting) {
      const t0 = performance.now();
      await approve(desk.deps, desk.id.deputy, item.code, item.revision.contentHash);
      for (;;) {
        const all = await desk.store.deliveriesOfItem(item.id);
        if (all.length > 0 && all.every((d) => d.state === 'delivered')) break;
        await new Promise((r) => setTimeout(r, 5));
      }
      latencies.push(performance.now() - t0);
      // Approvals land at random points of the job's second, as they do in use.
      await new Promise((r) => setTimeout(r, Math.random() * 1000));
    }
    await jobs.stop();
    await dispatcher.idle();
    await desk.store.close();

    console.log(`\nOutbox (SQLite, fake Graph without latency, ${N} posts):`);
    console.log(`bare Graph call ${bareMs.toFixed(2)} ms · through the dispatcher ${dispatchMs.toFixed(2)} ms · overhead ${(dispatchMs - bareMs).toFixed(2)} ms per delivery (${(dispatchMs / bareMs).toFixed(1)}× the bare call)`);
    const { bareMs: bareParallelMs, dispatchMs: parallelMs } = parallel;
    const total = PAGES.length * PER_PAGE;
    console.log(
      `${PAGES.length} channels in parallel, ${PER_PAGE} posts each (${total} deliveries): bare call loops side by side ${(bareParallelMs / total).toFixed(2)} ms wall per post · lanes through the dispatcher ${(parallelMs / total).toFixed(2)} ms · overhead ${((parallelMs - bareParallelMs) / total).toFixed(2)} ms per delivery (goal ≤ 5 ms); within one lane ${((parallelMs - bareParallelMs) / PER_PAGE).toFixed(2)} ms per delivery`,
    );
    console.log(`final approval → all mirrors delivered (Facebook post and video, YouTube video, Zalo OA article; job every 1 s), ${LATENCY_SAMPLES} items: median ${percentile(latencies, 50).toFixed(0)} ms, p95 ${percentile(latencies, 95).toFixed(0)} ms, max ${Math.max(...latencies).toFixed(0)} ms`);
  } finally {
    await Promise.all([graph.stop(), yt.stop(), zalo.stop()]);
    rmSync(dir, { recursive: true, force: true });
  }
}
