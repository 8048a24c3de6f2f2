import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { appendFileSync, cpSync, existsSync, mkdtempSync, readFileSync, rmSync, symlinkSync, utimesSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/cli.js';
import { freePort, waitForHealth } from '../helpers/service.js';

/**
 * What `npm start` runs (package.json: node … scripts/start.mjs), on a checkout of the committed files:
 * with no build yet it compiles first, in the same process, and serves; started again unchanged it does not
 * compile; after a source changed it compiles again. Never a stale service, never a second process.
 */
describe('npm start’s own script', () => {
  let work: string;
  beforeAll(() => {
    work = mkdtempSync(join(tmpdir(), 'portal-hub-start-'));
    execFileSync('sh', ['-c', `git -C "${ROOT}" archive HEAD | tar -x -C "${work}"`]);
    // What npm ci and its postinstall leave: the packages and the generated database clients.
    symlinkSync(join(ROOT, 'node_modules'), join(work, 'node_modules'));
    cpSync(join(ROOT, 'src', 'store', 'generated'), join(work, 'src', 'store', 'generated'), { recursive: true });
  });
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  const start = async (): Promise<{ output: string; cmdline: string; children: string }> => {
    const port = await freePort();
    const script = JSON.parse(readFileSync(join(work, 'package.json'), 'utf8')) as { scripts: Record<string, string> };
    const argv = script.scripts.start!.replace(/^exec /, '').split(' ');
    expect(argv[0]).toBe('node');
    const child = spawn(process.execPath, argv.slice(1), { cwd: work, env: { PATH: process.env.PATH, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'warn' }, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr.on('data', (d: Buffer) => (output += d.toString()));
    const exited = new Promise((r) => child.once('exit', r));
    try {
      const health = await waitForHealth(port, 90_000).catch((e: unknown) => {
        throw new Error(`${String(e)}\n${output}`);
      });
      expect(health.status, output).toBe(200);
      const children = readFileSync(`/proc/${child.pid}/task/${child.pid}/children`, 'utf8').trim();
      return { output, cmdline: readFileSync(`/proc/${child.pid}/cmdline`, 'utf8').replaceAll('\0', ' '), children };
    } finally {
      child.kill('SIGTERM');
      await exited;
    }
  };

  it('builds when there is no build or a source changed, not otherwise; the service is the same process', { timeout: 300_000 }, async () => {
    expect(existsSync(join(work, 'dist'))).toBe(false);
    const first = await start();
    expect(first.output).toContain('dist/: service.js and cli.js');
    expect(first.cmdline).toContain('scripts/start.mjs');
    // The compiler's own process ends with the build: the service runs alone.
    expect(first.children).toBe('');
    const builtAt = () => (JSON.parse(readFileSync(join(work, 'dist', 'build.json'), 'utf8')) as { builtAt: string }).builtAt;
    const firstBuild = builtAt();

    const again = await start();
    expect(again.output).not.toContain('dist/: service.js and cli.js');
    expect(builtAt()).toBe(firstBuild);

    // Touched with the same bytes (npm install regenerating the Prisma client does this): no build.
    const later = new Date(Date.now() + 60_000);
    utimesSync(join(work, 'src', 'main.ts'), later, later);
    const touched = await start();
    expect(touched.output).not.toContain('dist/: service.js and cli.js');
    expect(builtAt()).toBe(firstBuild);

    appendFileSync(join(work, 'src', 'main.ts'), '// a change\n');
    const changed = await start();
    expect(changed.output).toContain('dist/: service.js and cli.js');
    expect(changed.children).toBe('');
    expect(builtAt()).not.toBe(firstBuild);

    // What systemd runs, after a `git pull` without a build: refused before the database is opened.
    appendFileSync(join(work, 'src', 'main.ts'), '// pulled\n');
    const stale = spawnSync(process.execPath, ['dist/service.js'], { cwd: work, env: { PATH: process.env.PATH, PORT: '0', HOST: '127.0.0.1' }, encoding: 'utf8', timeout: 60_000 });
    expect(stale.status).toBe(1);
    expect(stale.stderr).toContain('cũ hơn mã nguồn (đã git pull mà chưa build?): chạy npm run build');
    expect(stale.stderr).toContain('is older than the sources (git pull without a build?): run npm run build');
  });
});
