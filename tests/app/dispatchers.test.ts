import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectChannel } from '../../src/app/channels.js';
import { sealingKey } from '../../src/core/sealing.js';
import { openClient } from '../../src/store/client.js';
import { FakeGraph } from '../fakes/graphApi.js';
import { BACKENDS, type TestDatabase } from '../helpers/databases.js';
import { seedDesk, type Desk } from '../helpers/desk.js';
import { HUB_SECRET, PORTAL } from '../helpers/outbox.js';
import { publishThrough, seedCategories } from '../helpers/portal.js';
import { dispatchProcess, workerEnv } from '../helpers/workers.js';
import { CHANNEL_PROFILES } from '../../src/mirrorSetup.js';

/** `portal-hub dispatch` as its own process, as it runs at scale. */
function worker(env: Record<string, string>, leaseMs: number): { child: ChildProcess; ready: Promise<void>; exited: Promise<void> } {
  const { child } = dispatchProcess(['--every-ms', '20', '--lease-ms', String(leaseMs)], env);
  const ready = new Promise<void>((resolve, reject) => {
    child.stdout!.on('data', (d: Buffer) => d.toString().includes('dispatch: ready') && resolve());
    child.once('exit', (code) => reject(new Error(`worker exited early (${code})`)));
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return { child, ready, exited };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe.each(BACKENDS)('delivery workers as processes on $name', ({ fresh, skip, name }) => {
  let db: TestDatabase;
  let desk: Desk;
  let graph: FakeGraph;
  let dataDir: string;
  let env: Record<string, string>;

  beforeAll(async () => {
    if (skip) return;
    db = await fresh();
    desk = await seedDesk(db.url);
    await seedCategories(desk);
    graph = new FakeGraph('1000', 'page-token');
    await graph.start();
    dataDir = mkdtempSync(join(tmpdir(), 'portal-hub-workers-'));
    env = workerEnv(db.url, dataDir, graph);
  });
  afterAll(async () => {
    if (skip) return;
    await graph.stop();
    await desk.store.close();
    await db.drop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  /** Waits until no delivery is left to do, or throws with what is left. */
  async function allDelivered(limitMs: number): Promise<void> {
    const client = openClient(db.url);
    try {
      const started = Date.now();
      for (;;) {
        const left = await client.delivery.count({ where: { state: { notIn: ['delivered'] } } });
        if (left === 0) return;
        if (Date.now() - started > limitMs) throw new Error(`${left} deliveries left`);
        await sleep(100);
      }
    } finally {
      await client.$disconnect();
    }
  }

  function postsPerItemAndPage(): Map<string, number> {
    const counts = new Map<string, number>();
    for (const p of graph.live) {
      const key = `${p.pageId} ${p.message.split('\n').pop()}`;
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
    return counts;
  }

  it.skipIf(skip)('a worker killed with SIGKILL mid-delivery 20 times: every post goes out exactly once', async () => {
    const channel = await connectChannel(desk.deps, sealingKey(HUB_SECRET), CHANNEL_PROFILES, { key: 'fb-main', platform: 'facebook', accountId: '1000', token: 'page-token' });
    expect(channel.ok).toBe(true);
    const codes: string[] = [];
    for (let i = 0; i < 60; i += 1) {
      desk.time.advance(60_000);
      codes.push((await publishThrough(desk, { title: `Tin ${i}`, body: '.' }, 'kinh-te')).code);
    }
    // Graph answers slowly, so a kill sent when a post arrives lands before the answer even when the machine is busy.
    graph.latencyMs = 300;
    let midCall = 0;
    for (let kill = 0; kill < 20; kill += 1) {
      const w = worker(env, 400);
      await w.ready;
      // Killed while a post is on the wire: the call has reached Graph, its answer has not come back.
      const arrived = graph.nextCall('POST', '1000/feed').then(() => true);
      await Promise.race([arrived, sleep(15_000)]);
      const before = graph.abandoned;
      w.child.kill('SIGKILL');
      await w.exited;
      await sleep(60);
      if (graph.abandoned > before) midCall += 1;
    }
    graph.latencyMs = 0;
    await sleep(450); // the last claims' leases run out
    const last = worker(env, 400);
    await last.ready;
    await allDelivered(60_000);
    last.child.kill('SIGTERM');
    await last.exited;

    const counts = postsPerItemAndPage();
    for (const code of codes) expect(counts.get(`1000 ${PORTAL}/vi/tin/${code}`), code).toBe(1);
    expect(graph.live.filter((p) => p.pageId === '1000')).toHaveLength(60);
    // The kills did land while calls were on the wire (otherwise this test would prove nothing).
    expect(midCall).toBeGreaterThanOrEqual(15);
    console.log(`${name}: ${midCall} of 20 kills landed mid-call`);
    // 21 worker processes start one after another (about 2 s each on two cores, more while other suites run).
  }, 180_000);

  // Several workers on one database is the PostgreSQL deployment; SQLite runs one process.
  if (name === 'PostgreSQL') it.skipIf(skip)('three workers, 500 deliveries: each exactly once', async () => {
    const pages = Array.from({ length: 10 }, (_, i) => String(2001 + i));
    for (const page of pages) {
      const r = await connectChannel(desk.deps, sealingKey(HUB_SECRET), CHANNEL_PROFILES, { key: `fb-${page}`, platform: 'facebook', accountId: page, token: 'page-token' });
      expect(r.ok).toBe(true);
    }
    const codes: string[] = [];
    for (let i = 0; i < 50; i += 1) {
      desk.time.advance(60_000);
      codes.push((await publishThrough(desk, { title: `Tin nhiều kênh ${i}`, body: '.' }, 'thoi-su')).code);
    }
    const client = openClient(db.url);
    const queued = await client.delivery.count({ where: { state: 'pending', channel: { accountId: { in: pages } } } });
    await client.$disconnect();
    expect(queued).toBe(500);

    const workers = [worker(env, 60_000), worker(env, 60_000), worker(env, 60_000)];
    await Promise.all(workers.map((w) => w.ready));
    await allDelivered(120_000);
    for (const w of workers) w.child.kill('SIGTERM');
    await Promise.all(workers.map((w) => w.exited));

    const counts = postsPerItemAndPage();
    for (const page of pages) for (const code of codes) expect(counts.get(`${page} ${PORTAL}/vi/tin/${code}`), `${page} ${code}`).toBe(1);
    expect(graph.live.filter((p) => pages.includes(p.pageId))).toHaveLength(500);
    // Publishing 50 items to 10 channels and starting three processes take most of a minute on two busy cores.
  }, 180_000);
});
