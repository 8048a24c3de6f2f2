/**
 * Interaction ingest throughput: N signed Facebook comment webhooks POSTed to the real service (a
 * child process, as `npm start` runs it), C at a time, until every one is a stored interaction.
 * Reports how fast the webhook answers (the route: signature, durable inbox, 200) and how fast
 * the events become interaction rows (the inbox drain: placing, storing, auditing).
 *
 *   tsx bench/interactions.ts
 * BENCH_INTERACTIONS (default 1000) and BENCH_CONCURRENCY (default 20) size the run;
 * BENCH_DATABASE_URL runs it on a migrated PostgreSQL database instead of a fresh SQLite file.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { migrate } from '../src/store/migrate.js';
import { openClient } from '../src/store/client.js';
import { FakeGraph } from '../tests/fakes/graphApi.js';
import { runCli } from '../tests/helpers/cli.js';
import { freePort, startService } from '../tests/helpers/service.js';

const N = Number(process.env.BENCH_INTERACTIONS ?? 1000);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 20);
const HUB_SECRET = 'bench-hub-secret-0123456789abcdef0123456789';
/** The drain runs every second; a run that stores nothing for this long has stalled. */
const STALL_MS = 60_000;

const percentile = (values: number[], p: number) => [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor((p / 100) * values.length))]!;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'portal-hub-bench-interactions-'));
  const url = process.env.BENCH_DATABASE_URL ?? `file:${join(dir, 'bench.db')}`;
  const graph = new FakeGraph('1000', 'page-token');
  // The Page's sweep and share jobs call Graph: the stand-in answers them, nothing leaves the machine.
  await graph.start();
  const port = await freePort();
  const env = {
    DATABASE_URL: url,
    DATA_DIR: join(dir, 'data'),
    HUB_SECRET,
    PORTAL_BASE_URL: `http://127.0.0.1:${port}`,
    FACEBOOK_GRAPH_BASE: graph.url,
    FACEBOOK_GRAPH_VIDEO_BASE: graph.url,
    FACEBOOK_APP_SECRET: graph.appSecret,
    FACEBOOK_VERIFY_TOKEN: graph.verifyToken,
    LOG_LEVEL: 'warn',
    LOG_FORMAT: 'json',
  };
  await migrate(url);
  const init = await runCli(['init', '--site-key', 'tinh', '--name-vi', 'Cổng tỉnh', '--name-en', 'Province', '--prefix', 'BP', '--admin-name', 'Quản Trị'], env);
  if (init.code !== 0) throw new Error(`portal-hub init failed: ${init.stderr}`);
  // The Page is connected, as an operator does it: the webhook keeps only what happens on a connected Page.
  const connect = await runCli(['channel', 'connect', 'facebook', '--platform', 'facebook', '--account', graph.pageId], env, graph.token);
  if (connect.code !== 0) throw new Error(`portal-hub channel connect failed: ${connect.stderr}`);
  const service = startService(dir, port, env);
  const read = openClient(url);
  try {
    for (const until = Date.now() + 120_000; ; ) {
      if ((await fetch(`http://127.0.0.1:${port}/healthz`).catch(() => null))?.status === 200) break;
      if (Date.now() > until) throw new Error(`the service did not start:\n${service.output()}`);
      await sleep(200);
    }
    const hook = `http://127.0.0.1:${port}/webhooks/facebook`;
    // Comments on posts the hub never made: stored all the same, placed under no item.
    const bodies = Array.from({ length: N }, (_, i) => graph.commentWebhook(graph.comment(`1000_${500 + (i % 25)}`, { id: String(7_000_000 + i), name: `Người dân ${i}` }, `Câu hỏi số ${i} về thủ tục hành chính`), 'add'));
    const before = await read.interaction.count();

    console.log(`Interaction ingest: ${N} signed Facebook comment webhooks, ${CONCURRENCY} at a time, ${url.startsWith('file:') ? 'SQLite' : 'PostgreSQL'}`);
    const latencies: number[] = [];
    let failed = 0;
    let next = 0;
    const started = performance.now();
    await Promise.all(
      Array.from({ length: CONCURRENCY }, async () => {
        while (next < bodies.length) {
          const body = bodies[next++]!;
          const t = performance.now();
          const r = await graph.sendWebhook(hook, body);
          latencies.push(performance.now() - t);
          if (r.status !== 200) failed += 1;
        }
      }),
    );
    const acceptedMs = performance.now() - started;

    let stored = 0;
    let lastProgress = performance.now();
    while (stored < N) {
      const now = (await read.interaction.count()) - before;
      if (now > stored) lastProgress = performance.now();
      stored = now;
      if (performance.now() - lastProgress > STALL_MS) throw new Error(`stalled at ${stored} of ${N} stored`);
      if (stored < N) await sleep(50);
    }
    const storedMs = performance.now() - started;

    console.log(`  webhook answers: ${N} in ${(acceptedMs / 1000).toFixed(2)} s = ${((N / acceptedMs) * 1000).toFixed(0)} req/s, p50 ${percentile(latencies, 50).toFixed(1)} ms, p99 ${percentile(latencies, 99).toFixed(1)} ms${failed ? `, ${failed} not 200` : ''}`);
    console.log(`  signed webhook → stored interaction: all ${N} in ${(storedMs / 1000).toFixed(2)} s = ${((N / storedMs) * 1000).toFixed(0)} events/s (rows counted: ${stored})`);
    console.log(`  Machine: ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}`);
  } finally {
    await read.$disconnect();
    service.child.kill('SIGTERM');
    await service.exited;
    await graph.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
