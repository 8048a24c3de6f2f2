import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { operatorHealthToken } from '../../src/http/health.js';
import { ROOT } from './cli.js';

/**
 * A port for a service a test starts. Not the kernel's pick (`listen(0)`): that comes from the ephemeral
 * range, where the fake platforms' own `listen(0)` and every outgoing connection draw too, so a port freed
 * here could be handed to another suite's server before this one's service binds it (CI once saw another
 * suite's service answer /healthz, then go away). Below that range (32768+), each vitest worker draws
 * from its own half at random; a port something already holds is skipped.
 */
export async function freePort(): Promise<number> {
  const worker = Number(process.env.VITEST_POOL_ID ?? '1');
  const from = 20_000 + (worker % 2) * 6_000;
  for (let tries = 0; tries < 50; tries++) {
    const port = from + Math.floor(Math.random() * 6_000);
    if (await canListen(port)) return port;
  }
  throw new Error('no free port between 20000 and 32000');
}

function canListen(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const srv = createServer();
    srv.once('error', () => resolve(false));
    srv.listen(port, '127.0.0.1', () => srv.close(() => resolve(true)));
  });
}

export interface Running {
  child: ChildProcess;
  output: () => string;
  exited: Promise<number | null>;
}

/**
 * `npm start` as a person runs it: the service on its embedded defaults, in a fresh working folder.
 * `single`: one process, with tsx's loader inside it, as tsx's own wrapper starts it, so a SIGKILL
 * reaches the service itself (the wrapper passes SIGTERM on, but nothing can pass SIGKILL on).
 */
export function startService(cwd: string, port: number, extra: Record<string, string | undefined> = {}, single = false): Running {
  const tsx = join(ROOT, 'node_modules', 'tsx', 'dist');
  const args = single ? ['--require', join(tsx, 'preflight.cjs'), '--import', pathToFileURL(join(tsx, 'loader.mjs')).href] : [join(tsx, 'cli.mjs')];
  const child = spawn(process.execPath, [...args, join(ROOT, 'src', 'main.ts')], {
    cwd,
    // The service's default data folder is its project's data/; a test's service keeps its data in the test's folder.
    env: { PATH: process.env.PATH ?? '', PORT: String(port), HOST: '127.0.0.1', DATA_DIR: join(cwd, 'data'), ...extra },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout?.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (out += d.toString()));
  return { child, output: () => out, exited: new Promise((resolve) => child.on('exit', (code) => resolve(code))) };
}


/** /healthz as the operator asks it: with the token derived from the service's hub secret (in `dataDir`, or given). */
export async function operatorHealth(port: number, hubSecret: { dataDir: string } | { secret: string }): Promise<Response> {
  const secret = 'secret' in hubSecret ? hubSecret.secret : readFileSync(join(hubSecret.dataDir, 'hub-secret'), 'utf8').trim();
  return fetch(`http://127.0.0.1:${port}/healthz`, { headers: { Authorization: `Bearer ${operatorHealthToken(secret)}` } });
}

/** Polls until the service answers; the deadline is the acceptance's 15 s. */
export async function waitForHealth(port: number, deadlineMs = 15_000): Promise<Response> {
  const until = Date.now() + deadlineMs;
  for (;;) {
    try {
      return await fetch(`http://127.0.0.1:${port}/healthz`);
    } catch (error) {
      if (Date.now() > until) throw error;
      await new Promise((r) => setTimeout(r, 100));
    }
  }
}

export interface HostAnswer {
  status: number;
  headers: IncomingHttpHeaders;
  body: string;
}

/** A GET with the Host a reader's browser sends for a name resolved to 127.0.0.1 (fetch will not set Host itself). */
export function getAtHost(port: number, path: string, host: string, extra: Record<string, string> = {}): Promise<HostAnswer> {
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: '127.0.0.1', port, path, method: 'GET', headers: { Host: host, ...extra } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
    });
    req.on('error', reject);
    req.end();
  });
}
