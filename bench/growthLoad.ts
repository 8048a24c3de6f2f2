/** The growth bench's clients: timed single requests, load runs (wrk when installed, else autocannon), searchers. */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';

export const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const WRK = ['/usr/bin/wrk', '/usr/local/bin/wrk'].find((p) => existsSync(p)) ?? null;
export const CLIENT = WRK ? 'wrk, one thread' : 'autocannon';

/** One GET, timed to its last byte; a status other than 200 is a failure of the bench, not a figure. */
export async function timed(base: string, path: string): Promise<{ ms: number; body: string }> {
  const began = performance.now();
  const r = await fetch(`${base}${path}`);
  const body = await r.text();
  const ms = performance.now() - began;
  if (r.status !== 200) throw new Error(`${path} answered ${r.status}: ${body.slice(0, 200)}`);
  return { ms, body };
}

export function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;
}

export const median = (values: readonly number[]) => percentile(values, 50);

export interface Load {
  rps: number;
  p99: number;
  timeouts: number;
  errors: number;
}

function wrkRun(wrk: string, url: string, connections: number): Promise<Load> {
  return new Promise((resolve, reject) => {
    const run = spawn(wrk, ['-t1', `-c${connections}`, `-d${SECONDS}s`, '--timeout', '10s', '--latency', url]);
    let out = '';
    run.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    run.once('exit', () => {
      const rps = /Requests\/sec:\s+([\d.]+)/.exec(out)?.[1];
      const p99 = /99%\s+([\d.]+)(us|ms|s)/.exec(out);
      if (!rps || !p99) return reject(new Error(`unreadable wrk output:\n${out}`));
      const scale = p99[2] === 'us' ? 0.001 : p99[2] === 's' ? 1000 : 1;
      const timeouts = Number(/timeout (\d+)/.exec(out)?.[1] ?? 0);
      const errors = Number(/Non-2xx or 3xx responses: (\d+)/.exec(out)?.[1] ?? 0);
      resolve({ rps: Number(rps), p99: Number(p99[1]) * scale, timeouts, errors });
    });
  });
}

/** `connections` keep-alive clients on one URL for SECONDS; a response slower than 10 s is a time-out. */
export async function load(url: string, connections: number): Promise<Load> {
  if (WRK) return wrkRun(WRK, url, connections);
  const r = await autocannon({ url, connections, duration: SECONDS, pipelining: 1, timeout: 10 });
  // No answer at all in the run reads as a p99 of 0 in autocannon: it is an infinitely slow one.
  const p99 = r.requests.total - r.timeouts - r.errors > 0 ? r.latency.p99 : Infinity;
  return { rps: r.requests.average, p99, timeouts: r.timeouts, errors: r.errors - r.timeouts + r.non2xx };
}

/**
 * `clients` readers each searching for a new query as soon as the last answer came, until stopped; returns
 * how many searches were answered. With wrk installed they are wrk's connections (bench/searchers.lua), as
 * the pages' load is: 20 fetch loops in this process took a core of the two from the service they measure.
 */
export function searchers(base: string, clients: number, queries: readonly string[]): { stop: () => Promise<number> } {
  return WRK ? wrkSearchers(WRK, base, clients, queries) : fetchSearchers(base, clients, queries);
}

function wrkSearchers(wrk: string, base: string, clients: number, queries: readonly string[]): { stop: () => Promise<number> } {
  const dir = mkdtempSync(join(tmpdir(), 'growth-searchers-'));
  const file = join(dir, 'queries.txt');
  writeFileSync(file, queries.map(encodeURIComponent).join('\n'));
  const script = join(dirname(fileURLToPath(import.meta.url)), 'searchers.lua');
  const run = spawn(wrk, ['-t1', `-c${clients}`, '-d3600s', '--timeout', '10s', '-s', script, base], { env: { ...process.env, QUERIES_FILE: file } });
  let out = '';
  run.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
  run.stderr.on('data', (chunk: Buffer) => (out += chunk.toString()));
  const exited = new Promise<void>((resolve) => run.once('exit', () => resolve()));
  return {
    stop: async () => {
      // wrk prints what it did when interrupted.
      run.kill('SIGINT');
      await exited;
      rmSync(dir, { recursive: true, force: true });
      const done = /(\d+) requests in/.exec(out)?.[1];
      if (done === undefined) throw new Error(`unreadable wrk output:\n${out}`);
      return Number(done);
    },
  };
}

function fetchSearchers(base: string, clients: number, queries: readonly string[]): { stop: () => Promise<number> } {
  let running = true;
  let next = 0;
  let done = 0;
  const one = async () => {
    while (running) {
      const q = queries[next++ % queries.length]!;
      await fetch(`${base}/vi/tim-kiem?q=${encodeURIComponent(q)}`).then((r) => r.arrayBuffer()).catch(() => undefined);
      done += 1;
    }
  };
  const all = Promise.all(Array.from({ length: clients }, one));
  return {
    stop: async () => {
      running = false;
      await all;
      return done;
    },
  };
}

/** Resident memory of a process, from the kernel's own account. */
export function rssMb(pid: number): number {
  const kb = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
  return kb ? Number(kb) / 1024 : NaN;
}
