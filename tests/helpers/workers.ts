import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import type { FakeGraph } from '../fakes/graphApi.js';
import { ROOT } from './cli.js';
import { HUB_SECRET, PORTAL } from './outbox.js';

/** `portal-hub dispatch …` as its own process, as it runs at scale; output is collected. */
export function dispatchProcess(args: readonly string[], env: Record<string, string>): { child: ChildProcess; stdout: () => string; stderr: () => string } {
  const child = spawn(process.execPath, [join(ROOT, 'bin', 'portal-hub.mjs'), 'dispatch', ...args], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (err += d.toString()));
  return { child, stdout: () => out, stderr: () => err };
}

/** What a worker (and the service beside it) needs to reach the database and the Graph stand-in. */
export function workerEnv(databaseUrl: string, dataDir: string, graph: FakeGraph): Record<string, string> {
  return { DATABASE_URL: databaseUrl, DATA_DIR: dataDir, HUB_SECRET, FACEBOOK_GRAPH_BASE: graph.url, FACEBOOK_GRAPH_VERSION: graph.version, PORTAL_BASE_URL: PORTAL, LOG_LEVEL: 'silent' };
}
