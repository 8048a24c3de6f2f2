/**
 * npm run bench -- --startup: how fast the service answers /healthz after it is started, and what its
 * whole process tree holds in memory once idle, for the ways it can be started, side by side in one run:
 *  - `npm start`: the compiled service (dist/, built by `npm run build`) under npm, as the README says;
 *  - `node dist/service.js`: the same, as deploy/portal-hub.service runs it (no npm);
 *  - `npm run start:source`: the TypeScript sources through tsx, as every release before the build ran.
 * Each start is on the embedded default (SQLite in a fresh data folder, made once before the runs).
 * Memory is read from the kernel for every process of the tree: VmRSS summed (which counts the node
 * binary's shared pages once per process) and Pss summed (shared pages split between the processes
 * that map them: what the tree costs the machine).
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '../tests/helpers/service.js';
import { median } from './growthLoad.js';

const ROOT = new URL('..', import.meta.url).pathname;
const RUNS = Number(process.env.STARTUP_RUNS ?? 3);
const SETTLE_MS = Number(process.env.STARTUP_SETTLE_MS ?? 15_000);

interface Way {
  name: string;
  command: string[];
}

const WAYS: Way[] = [
  { name: 'npm start (compiled)', command: ['npm', 'start'] },
  { name: 'node dist/service.js', command: ['node', '--max-semi-space-size=4', 'dist/service.js'] },
  { name: 'npm run start:source (tsx)', command: ['npm', 'run', 'start:source'] },
];

interface Reading {
  healthMs: number;
  rssMb: number;
  pssMb: number;
  processes: number;
}

function children(): Map<number, number[]> {
  const byParent = new Map<number, number[]>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const parent = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      byParent.set(parent, [...(byParent.get(parent) ?? []), Number(entry)]);
    } catch {
      // The process ended while the table was read.
    }
  }
  return byParent;
}

function tree(root: number): number[] {
  const byParent = children();
  const all = [root];
  for (let i = 0; i < all.length; i += 1) all.push(...(byParent.get(all[i]!) ?? []));
  return all;
}

function kb(pid: number, file: string, field: string): number {
  const found = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(readFileSync(`/proc/${pid}/${file}`, 'utf8'))?.[1];
  return found ? Number(found) : 0;
}

async function healthy(port: number, deadline: number): Promise<boolean> {
  while (Date.now() < deadline) {
    const ok = await fetch(`http://127.0.0.1:${port}/healthz`).then((r) => r.status === 200, () => false);
    if (ok) return true;
    await new Promise((r) => setTimeout(r, 10));
  }
  return false;
}

async function stopped(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  const exited = new Promise((r) => child.once('exit', r));
  child.kill('SIGTERM');
  await Promise.race([exited, new Promise((r) => setTimeout(r, 10_000))]);
  if (child.exitCode === null) child.kill('SIGKILL');
}

async function measure(way: Way, dataDir: string): Promise<Reading> {
  const port = await freePort();
  const started = performance.now();
  const child = spawn(way.command[0]!, way.command.slice(1), {
    cwd: ROOT,
    env: { ...process.env, DATA_DIR: dataDir, PORT: String(port), LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  try {
    if (!(await healthy(port, Date.now() + 30_000))) throw new Error(`${way.name}: /healthz never answered 200`);
    const healthMs = performance.now() - started;
    await new Promise((r) => setTimeout(r, SETTLE_MS));
    const pids = tree(child.pid!);
    const rss = pids.reduce((sum, pid) => sum + kb(pid, 'status', 'VmRSS'), 0);
    const pss = pids.reduce((sum, pid) => sum + kb(pid, 'smaps_rollup', 'Pss'), 0);
    return { healthMs, rssMb: rss / 1024, pssMb: pss / 1024, processes: pids.length };
  } finally {
    await stopped(child);
  }
}

const build = spawnSync('npm', ['run', 'build'], { cwd: ROOT, stdio: 'inherit' });
if (build.status !== 0) process.exit(build.status ?? 1);
const dataDir = mkdtempSync(join(tmpdir(), 'portal-hub-startup-'));
try {
  // The first start makes the database and the hub secret; the runs below start on them.
  await measure({ ...WAYS[1]!, name: 'warm-up' }, dataDir);
  const readings = new Map<string, Reading[]>(WAYS.map((w) => [w.name, []]));
  for (let run = 0; run < RUNS; run += 1) {
    for (const way of WAYS) readings.get(way.name)!.push(await measure(way, dataDir));
  }
  const source = readings.get(WAYS[2]!.name)!;
  console.log(`\nStart-up and idle memory, medians of ${RUNS} alternating runs, ${SETTLE_MS / 1000} s idle before reading memory`);
  console.log('| started with | to /healthz 200 | tree VmRSS summed | tree Pss summed | processes | Pss vs tsx |');
  console.log('|---|---|---|---|---|---|');
  for (const way of WAYS) {
    const r = readings.get(way.name)!;
    const pss = median(r.map((x) => x.pssMb));
    console.log(`| ${way.name} | ${median(r.map((x) => x.healthMs)).toFixed(0)} ms | ${median(r.map((x) => x.rssMb)).toFixed(0)} MB | ${pss.toFixed(0)} MB | ${median(r.map((x) => x.processes))} | ${(pss / median(source.map((x) => x.pssMb))).toFixed(2)}× |`);
  }
} finally {
  rmSync(dataDir, { recursive: true, force: true });
}
