/**
 * npm run bench -- --startup: how fast the service answers /healthz after it is started, and what its
 * whole process tree holds in memory once idle, for the ways it can be started, side by side in one run:
 *  - `npm start`: the compiled service (dist/, built by `npm run build`) under npm, as the README says;
 *  - `node dist/service.js`: the same, as deploy/portal-hub.service runs it (no npm);
 *  - `npm run start:source`: the TypeScript sources through tsx, as every release before the build ran.
 * Each start is on the embedded default (SQLite in a fresh data folder, made once before the runs with
 * init and the 200-item sample archive), and serves a reader's first minute of pages before it is read.
 * Memory is read from the kernel for every process of the tree, three ways:
 *  - resident, each page once: the distinct physical pages the tree's processes have in memory (npm and
 *    the service map the same node binary: its pages are in memory once). This is the tree's resident
 *    set, the figure issue 18 sets its 150 MB line on;
 *  - VmRSS summed: counts the node binary's shared pages once per process (npm's 44 MB of it again);
 *  - Pss summed: shared pages split between all processes mapping them, in the tree or not.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, readdirSync, readFileSync, readSync, rmSync } from 'node:fs';
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
  { name: 'node dist/service.js', command: ['node', '--max-semi-space-size=4', '--v8-pool-size=1', 'dist/service.js'] },
  { name: 'npm run start:source (tsx)', command: ['npm', 'run', 'start:source'] },
];

interface Reading {
  healthMs: number;
  residentMb: number;
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

/**
 * The tree's resident set with each physical page counted once: the page frames every mapping of every
 * process has in memory (/proc/PID/pagemap; frame numbers need root), as a set. Without root the frames
 * read as 0: then private pages per process, and each shared file mapping once at its largest.
 */
function residentOnceKb(pids: number[]): number {
  const frames = new Set<bigint>();
  let privateKb = 0;
  const shared = new Map<string, number>();
  let framesReadable = true;
  for (const pid of pids) {
    const pagemap = openSync(`/proc/${pid}/pagemap`, 'r');
    try {
      let key = '';
      let range: [bigint, bigint] | null = null;
      for (const line of readFileSync(`/proc/${pid}/smaps`, 'utf8').split('\n')) {
        const head = /^([0-9a-f]+)-([0-9a-f]+) \S+ ([0-9a-f]+) \S+ (\d+)\s*(.*)$/.exec(line);
        if (head) {
          range = [BigInt(`0x${head[1]}`), BigInt(`0x${head[2]}`)];
          key = head[4] === '0' ? '' : `${head[4]}:${head[3]}:${head[5]}`;
          continue;
        }
        const rss = /^Rss:\s+(\d+) kB/.exec(line);
        if (rss && range && rss[1] !== '0' && framesReadable) {
          const pages = Number((range[1] - range[0]) / 4096n);
          const entries = Buffer.alloc(pages * 8);
          readSync(pagemap, entries, 0, entries.length, Number((range[0] / 4096n) * 8n));
          for (let i = 0; i < pages; i += 1) {
            const entry = entries.readBigUInt64LE(i * 8);
            if (!(entry >> 63n)) continue;
            const frame = entry & ((1n << 55n) - 1n);
            if (frame === 0n) framesReadable = false;
            else frames.add(frame);
          }
        }
        const field = /^(Private_Clean|Private_Dirty|Shared_Clean|Shared_Dirty):\s+(\d+) kB/.exec(line);
        if (!field) continue;
        const size = Number(field[2]);
        if (field[1]!.startsWith('Private') || key === '') privateKb += size;
        else shared.set(`${key}:${field[1]}`, Math.max(shared.get(`${key}:${field[1]}`) ?? 0, size));
      }
    } finally {
      closeSync(pagemap);
    }
  }
  return framesReadable ? frames.size * 4 : privateKb + [...shared.values()].reduce((a, b) => a + b, 0);
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

/**
 * What a reader's first minute does: the home pages, a section, a search, the API and twenty articles —
 * so the memory read after is the service's after use, not of one that never drew a page.
 */
async function exercise(port: number): Promise<void> {
  const base = `http://127.0.0.1:${port}`;
  const api = (await (await fetch(`${base}/api/v1/items?limit=20`)).json()) as { items: { url: string }[] };
  const paths = ['/vi/', '/en/', '/vi/tim-kiem?q=t%E1%BB%89nh', '/sitemap.xml', ...api.items.map((i) => new URL(i.url).pathname)];
  for (let round = 0; round < 3; round += 1) for (const path of paths) await (await fetch(`${base}${path}`)).arrayBuffer();
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
    await exercise(port);
    await new Promise((r) => setTimeout(r, SETTLE_MS));
    const pids = tree(child.pid!);
    const rss = pids.reduce((sum, pid) => sum + kb(pid, 'status', 'VmRSS'), 0);
    const pss = pids.reduce((sum, pid) => sum + kb(pid, 'smaps_rollup', 'Pss'), 0);
    return { healthMs, residentMb: residentOnceKb(pids) / 1024, rssMb: rss / 1024, pssMb: pss / 1024, processes: pids.length };
  } finally {
    await stopped(child);
  }
}

const build = spawnSync('npm', ['run', 'build'], { cwd: ROOT, stdio: 'inherit' });
if (build.status !== 0) process.exit(build.status ?? 1);
const dataDir = mkdtempSync(join(tmpdir(), 'portal-hub-startup-'));
try {
  // A province as the operator guide's try-out leaves it: the sample archive (200 items, 3 sites, sample
  // people); the runs below start on that database and key, and each serves pages before its memory is read.
  for (const args of [['demo', '--items', '200', '--sites', '3']]) {
    const cli = spawnSync('node', ['bin/portal-hub.mjs', ...args], { cwd: ROOT, env: { ...process.env, DATA_DIR: dataDir }, encoding: 'utf8' });
    if (cli.status !== 0) throw new Error(`portal-hub ${args[0]}: ${cli.stderr}`);
  }
  await measure({ ...WAYS[1]!, name: 'warm-up' }, dataDir);
  const readings = new Map<string, Reading[]>(WAYS.map((w) => [w.name, []]));
  for (let run = 0; run < RUNS; run += 1) {
    for (const way of WAYS) readings.get(way.name)!.push(await measure(way, dataDir));
  }
  const source = readings.get(WAYS[2]!.name)!;
  console.log(`\nStart-up and idle memory, medians of ${RUNS} alternating runs, ${SETTLE_MS / 1000} s idle before reading memory`);
  console.log('| started with | to /healthz 200 | tree resident, each page once | tree VmRSS summed | tree Pss summed | processes | resident vs tsx |');
  console.log('|---|---|---|---|---|---|---|');
  for (const way of WAYS) {
    const r = readings.get(way.name)!;
    const resident = median(r.map((x) => x.residentMb));
    console.log(
      `| ${way.name} | ${median(r.map((x) => x.healthMs)).toFixed(0)} ms | ${resident.toFixed(0)} MB | ${median(r.map((x) => x.rssMb)).toFixed(0)} MB | ${median(r.map((x) => x.pssMb)).toFixed(0)} MB | ${median(r.map((x) => x.processes))} | ${(resident / median(source.map((x) => x.residentMb))).toFixed(2)}× |`,
    );
  }
} finally {
  rmSync(dataDir, { recursive: true, force: true });
}
