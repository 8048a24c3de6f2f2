/**
 * npm run bench -- --views: what counting readers' page views costs a kept page (issue 20.5). Two services over
 * copies of one archive, PAGE_VIEWS=on and PAGE_VIEWS=off, the home page and an article from memory, 50
 * connections, taking turns for five rounds, medians compared; target: counting costs at most 5 % of throughput.
 * Every request of the `on` side counts (each load run's browser is a reader past its per-minute share only after
 * thirty; the counting work — parsing, the bot check, the keyed hash — is done for each request either way).
 * BENCH_SECONDS sets the length of each run (default 5).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { median } from './growthLoad.js';
import { comparedRow, cpuPerRequest, loadRun, startedAt, type Load } from './serviceLoad.js';
import { TEST_HUB_SECRET } from '../tests/helpers/desk.js';
import { smallArchive } from './smallArchive.js';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const ROUNDS = 5;
const ITEMS = 60;
const root = new URL('..', import.meta.url).pathname;
/** The load comes as one phone's browser: a request with no user agent is a script, which the counter leaves out. */
const READER = { headers: { 'User-Agent': 'Mozilla/5.0 (Linux; Android 14) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Mobile Safari/537.36' } };

async function seed(dir: string): Promise<string> {
  const url = `file:${join(dir, 'on.db')}`;
  const { desk, article } = await smallArchive(url, ITEMS);
  await desk.store.close();
  copyFileSync(join(dir, 'on.db'), join(dir, 'off.db'));
  return article;
}

const row = (name: string, on: Load, off: Load) => comparedRow(name, on, off, 3);

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'portal-hub-bench-views-'));
  const children: ChildProcess[] = [];
  try {
    console.log(`Seeding ${ITEMS} published items…`);
    const article = await seed(dir);
    const pids = { on: 0, off: 0 };
    const serve = (side: 'on' | 'off') => {
      const env = { ...process.env, HUB_SECRET: TEST_HUB_SECRET, DATABASE_URL: `file:${join(dir, `${side}.db`)}`, DATA_DIR: join(dir, side), PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'info', LOG_FORMAT: 'json', TELEGRAM_BOT_TOKEN: '', PAGE_VIEWS: side };
      const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], { cwd: root, env });
      children.push(child);
      pids[side] = child.pid ?? 0;
      return startedAt(child);
    };
    const on = await serve('on');
    const off = await serve('off');
    console.log(`\nKept pages with page views counted (on) and not (off), 50 connections, ${SECONDS} s each, medians of ${ROUNDS} rounds taking turns:`);
    console.log('page       |   on req/s p99 ms |  off req/s p99 ms | ratio: time    p99 (target ≤ 1.05×)');
    for (const [name, path] of Object.entries({ home: '/vi/', article: `/vi/tin/${article}` })) {
      for (const base of [on, off]) await loadRun(`${base}${path}`, SECONDS, READER).catch(() => null);
      const runs = { on: [] as Load[], off: [] as Load[] };
      for (let round = 0; round < ROUNDS; round += 1) {
        const order = round % 2 === 0 ? (['on', 'off'] as const) : (['off', 'on'] as const);
        for (const side of order) runs[side].push(await loadRun(`${side === 'on' ? on : off}${path}`, SECONDS, READER));
      }
      const mid = (r: Load[]): Load => ({ rps: median(r.map((x) => x.rps)), p50: median(r.map((x) => x.p50)), p99: median(r.map((x) => x.p99)), errors: r.reduce((n, x) => n + x.errors, 0) });
      console.log(row(name, mid(runs.on), mid(runs.off)));
    }
    // CPU time per request is what counting costs the service, whatever else the machine runs meanwhile.
    const cpu = { on: [] as number[], off: [] as number[] };
    for (let round = 0; round < ROUNDS; round += 1) {
      for (const side of round % 2 === 0 ? (['on', 'off'] as const) : (['off', 'on'] as const)) cpu[side].push(await cpuPerRequest(pids[side], () => loadRun(`${side === 'on' ? on : off}/vi/`, SECONDS, READER), SECONDS));
    }
    console.log(`\nCPU time of the service per kept home page, medians of ${ROUNDS}: on ${median(cpu.on).toFixed(1)} µs, off ${median(cpu.off).toFixed(1)} µs: ${(median(cpu.on) / median(cpu.off)).toFixed(3)}× (each: on ${cpu.on.map((x) => x.toFixed(0)).join(', ')}; off ${cpu.off.map((x) => x.toFixed(0)).join(', ')})`);
    const stats = (await (await fetch(`${on}/api/v1/stats`)).json()) as { visits: { views: number } };
    await new Promise((r) => setTimeout(r, 11_000));
    const counted = (await (await fetch(`${on}/api/v1/stats`)).json()) as { visits: { views: number } };
    console.log(`\nViews the counting side wrote: ${counted.visits.views} (one reader, thirty a minute at most: ${stats.visits.views} at the end of the runs)`);
    console.log(`Machine: ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}`);
  } finally {
    await Promise.all(children.map((c) => (c.exitCode !== null ? null : new Promise((resolve) => (c.once('exit', resolve), c.kill('SIGTERM'))))));
    rmSync(dir, { recursive: true, force: true, maxRetries: 3 });
  }
}

await main();
