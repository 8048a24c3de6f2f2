import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { freePort } from '../helpers/service.js';

/** `health` only asks: pointed at the wrong folder it says so, and never leaves a new key behind. */
describe('portal-hub health', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'portal-hub-health-'));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('without the service’s key says where it looked and makes none', async () => {
    const run = await runCli(['--data', dataDir, 'health'], {});
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/Không có khóa .*hub-secret[\s\S]*No key at .*hub-secret.*No new key was made/);
    expect(existsSync(join(dataDir, 'hub-secret'))).toBe(false);
  });

  it('with a key but no service says so with the network’s code, not “fetch failed”', async () => {
    const port = await freePort();
    const run = await runCli(['health'], { DATA_DIR: dataDir, HUB_SECRET: 'h'.repeat(40), PORT: String(port), HOST: '127.0.0.1' });
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/Dịch vụ không trả lời tại http:\/\/127\.0\.0\.1:\d+ \(ECONNREFUSED\)[\s\S]*The service does not answer/);
    expect(run.stderr).not.toContain('fetch failed');
  });
});
