import { chmodSync, mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { freePort, startService } from '../helpers/service.js';
import { runCli } from '../helpers/cli.js';

/**
 * The key in data/hub-secret signs the buttons, derives the webhook secret and encrypts the platform
 * tokens. A file that is empty or short (a truncated restore) or that others can read must stop the
 * service with a message that says what to do, before it serves anything.
 */
describe('the stored hub secret', () => {
  const dirs: string[] = [];
  afterAll(() => {
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  });

  /** Starts the real service on a data folder holding `content` as its key file, with `mode`. */
  async function startWith(content: string, mode: number) {
    const cwd = mkdtempSync(join(tmpdir(), 'portal-hub-secret-'));
    dirs.push(cwd);
    mkdirSync(join(cwd, 'data'), { mode: 0o700 });
    writeFileSync(join(cwd, 'data', 'hub-secret'), content, { mode });
    chmodSync(join(cwd, 'data', 'hub-secret'), mode);
    const port = await freePort();
    const run = startService(cwd, port);
    const code = await run.exited;
    return { code, output: run.output(), port };
  }

  it.each([
    ['empty', '', 0],
    ['blank', '   \n', 0],
    ['short', 'abc123\n', 6],
  ])('%s: refused, in Vietnamese and English, and nothing is served', async (_name, content, length) => {
    const r = await startWith(content, 0o600);
    expect(r.code).toBe(1);
    expect(r.output).toContain(`trống hoặc quá ngắn (${length} ký tự, cần ít nhất 32)`);
    expect(r.output).toContain(`is empty or too short (${length} characters, at least 32 needed)`);
    expect(r.output).not.toContain('portal-hub listening');
    await expect(fetch(`http://127.0.0.1:${r.port}/healthz`)).rejects.toThrow();
  }, 60_000);

  it('a good key that others can read: refused with the command that fixes it', async () => {
    const r = await startWith('a'.repeat(64), 0o644);
    expect(r.code).toBe(1);
    expect(r.output).toMatch(/để người khác đọc được \(quyền 644\)\. Hãy chạy: chmod 600 \S+hub-secret/);
    expect(r.output).toContain('can be read by others (mode 644)');
    expect(r.output).not.toContain('a'.repeat(64));
  }, 60_000);

  it('a data folder made open to others (755) is closed to the owner at the next start', async () => {
    const cwd = mkdtempSync(join(tmpdir(), 'portal-hub-secret-'));
    dirs.push(cwd);
    mkdirSync(join(cwd, 'data'), { mode: 0o755 });
    chmodSync(join(cwd, 'data'), 0o755);
    const run = startService(cwd, await freePort());
    try {
      await waitUntil(() => run.output().includes('portal-hub listening'));
      expect(statSync(join(cwd, 'data')).mode & 0o777).toBe(0o700);
    } finally {
      run.child.kill('SIGTERM');
      await run.exited;
    }
  }, 60_000);

  it('another key over existing data: the service and the CLI refuse before writing; audit verify still reads', { timeout: 120_000 }, async () => {
    const cwd = mkdtempSync(join(tmpdir(), 'portal-hub-secret-'));
    dirs.push(cwd);
    const right = { DATA_DIR: join(cwd, 'data'), HUB_SECRET: 'the-right-hub-secret-0123456789abcdef0123' };
    const wrong = { ...right, HUB_SECRET: 'a-wrong-hub-secret-0123456789abcdef012345' };
    const init = await runCli(['init', '--site-key', 'tinh', '--name-vi', 'Tỉnh', '--name-en', 'Province', '--prefix', 'TT', '--admin-name', 'An'], right);
    expect(init.code, init.stderr).toBe(0);
    const before = await runCli(['audit', 'verify'], right);
    expect(before.stdout).toMatch(/Audit trail intact: (\d+) rows/);
    const rows = /Audit trail intact: (\d+) rows/.exec(before.stdout)![1];

    const port = await freePort();
    const run = startService(cwd, port, wrong);
    expect(await run.exited).toBe(1);
    expect(run.output()).toMatch(/Khóa trong HUB_SECRET không phải khóa đã ghi cơ sở dữ liệu này[\s\S]*The key in HUB_SECRET is not the one this database was written with/);
    const cli = await runCli(['person', 'add', '--name', 'Bình'], wrong);
    expect(cli.code).toBe(1);
    expect(cli.stderr).toContain('is not the one this database was written with');
    // Nothing was written under the wrong key: with the right one the trail is intact and as long as before.
    expect((await runCli(['audit', 'verify'], right)).stdout).toContain(`Audit trail intact: ${rows} rows`);
  });
});

async function waitUntil(check: () => boolean, timeoutMs = 45_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > until) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
