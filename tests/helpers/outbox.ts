import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { facebookChannel } from '../../adapters/facebook/channel.js';
import { connectChannel } from '../../src/app/channels.js';
import { dispatchDue, type DispatchEnv, type MirrorProblem } from '../../src/app/dispatch.js';
import { sealingKey } from '../../src/core/sealing.js';
import { FakeGraph } from '../fakes/graphApi.js';
import { seedDesk, TEST_HUB_SECRET } from './desk.js';
import { seedCategories, storeMedia } from './portal.js';
import { CHANNEL_PROFILES } from '../../src/mirrorSetup.js';

/** The desk's own key (seedDesk seals its audit rows with it): a worker or service started on that data must hold the same. */
export const HUB_SECRET = TEST_HUB_SECRET;
export const PORTAL = 'https://portal.example.test';
export const PAGE_ID = '1029384756';

/** A seeded desk, a media folder and a dispatcher environment for one platform's adapter. */
export async function mirrorBed(url: string) {
  const desk = await seedDesk(url);
  await seedCategories(desk);
  const mediaDir = mkdtempSync(join(tmpdir(), 'portal-hub-mirror-'));
  const key = sealingKey(HUB_SECRET);
  const problems: MirrorProblem[] = [];
  const envWith = (adapters: DispatchEnv['adapters'], quotas?: DispatchEnv['quotas']): DispatchEnv => ({
    deps: desk.deps,
    adapters,
    ...(quotas ? { quotas } : {}),
    sealingKey: key,
    portalBaseUrl: PORTAL,
    mediaDir,
    leaseMs: 60_000,
    random: () => 0.5,
    onProblem: (p) => problems.push(p),
    // A delivery that threw is a bug: the test output shows it.
    onBug: (error, d) => console.error(`delivery ${d.code} threw:`, error),
  });
  const connect = async (input: Parameters<typeof connectChannel>[3]) => {
    const r = await connectChannel(desk.deps, key, CHANNEL_PROFILES, input);
    if (!r.ok) throw new Error(r.reason);
    return r.value.channel;
  };
  const close = async () => {
    await desk.store.close();
    rmSync(mediaDir, { recursive: true, force: true });
  };
  return { desk, mediaDir, key, problems, envWith, connect, close };
}

export type MirrorBed = Awaited<ReturnType<typeof mirrorBed>>;

/** A seeded desk with a Facebook Page connected to a fake Graph, and a dispatcher over it. */
export async function outboxFixture(url: string, options: { timeoutMs?: number } = {}) {
  const bed = await mirrorBed(url);
  const { desk, mediaDir } = bed;
  const graph = new FakeGraph(PAGE_ID, 'page-token-1');
  await graph.start();
  // Graph dates posts by the test's clock, as the real one by the same time as ours.
  graph.now = () => desk.deps.clock().getTime();
  await bed.connect({ key: 'facebook', platform: 'facebook', accountId: PAGE_ID, token: 'page-token-1' });
  const photo = async (colour: string) => storeMedia(mediaDir, await sharp({ create: { width: 320, height: 200, channels: 3, background: colour } }).jpeg().toBuffer());
  const env = bed.envWith({ facebook: facebookChannel({ baseUrl: graph.url, videoBaseUrl: graph.url, version: graph.version, timeoutMs: options.timeoutMs ?? 2000, now: () => desk.deps.clock().getTime() }) });
  /** Dispatches, moving the clock past every back-off, until nothing is due or `rounds` ran out. */
  const drain = async (rounds = 10) => {
    for (let i = 0; i < rounds; i += 1) {
      await dispatchDue(env);
      desk.time.advance(60 * 60_000);
    }
  };
  const close = async () => {
    await graph.stop();
    await bed.close();
  };
  return { desk, graph, key: bed.key, env, problems: bed.problems, photo, drain, close, mediaDir };
}

export type OutboxFixture = Awaited<ReturnType<typeof outboxFixture>>;

