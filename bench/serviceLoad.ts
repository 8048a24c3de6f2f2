import type { ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import autocannon from 'autocannon';

/** One load run's figures. */
export interface Load {
  rps: number;
  p50: number;
  p99: number;
  errors: number;
}

/** One autocannon run of `seconds` against `url`. */
export async function loadRun(url: string, seconds: number, options: { connections?: number; rate?: number; method?: 'GET' | 'POST'; headers?: Record<string, string> } = {}): Promise<Load> {
  const r = await autocannon({ url, connections: options.connections ?? 50, duration: seconds, pipelining: 1, method: options.method ?? 'GET', ...(options.rate ? { overallRate: options.rate } : {}), ...(options.headers ? { headers: options.headers } : {}) });
  return { rps: r.requests.average, p50: r.latency.p50, p99: r.latency.p99, errors: r.errors + r.non2xx + r.timeouts };
}

/** The address a started service printed it listens on; its log drained from then on. */
export function startedAt(child: ChildProcess): Promise<string> {
  return new Promise((resolve, reject) => {
    let seen = '';
    const onData = (chunk: Buffer) => {
      seen += chunk.toString();
      const m = /listening on http:\/\/[^:]+:(\d+)/.exec(seen);
      if (!m) return;
      // From here on its log is drained, not kept: the bench process must not spend the machine on it.
      child.stdout?.off('data', onData);
      child.stderr?.off('data', onData);
      child.stdout?.resume();
      child.stderr?.resume();
      resolve(`http://127.0.0.1:${m[1]}`);
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', (code) => reject(new Error(`exited (${code}) before it was ready:\n${seen}`)));
  });
}


/** The service's CPU time (user + system, from /proc), in microseconds, per request of one load run of `seconds`. */
export async function cpuPerRequest(pid: number, run: () => Promise<Load>, seconds: number): Promise<number> {
  const ticks = () => {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return Number(fields[11]) + Number(fields[12]);
  };
  const before = ticks();
  const r = await run();
  // Clock ticks are 1/100 s on Linux.
  return ((ticks() - before) * 10_000) / (r.rps * seconds);
}

/** One table row of a measured side (`test`) against its baseline: req/s and p99 of each, then time (baseline's req/s over test's) and p99 ratios. */
export const comparedRow = (name: string, test: Load, base: Load, digits = 2): string =>
  `${name.padEnd(10)} | ${test.rps.toFixed(0).padStart(8)} ${test.p99.toFixed(1).padStart(6)} | ${base.rps.toFixed(0).padStart(8)} ${base.p99.toFixed(1).padStart(6)} | ${(base.rps / test.rps).toFixed(digits).padStart(digits + 3)}× ${(test.p99 / base.p99).toFixed(2).padStart(5)}×${base.errors + test.errors ? `  (errors ${base.errors + test.errors})` : ''}`;
