import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { freePort, startService, waitForHealth } from '../helpers/service.js';

const ROOT = new URL('../..', import.meta.url).pathname;

describe('a fresh service before anyone ran init', () => {
  const cwd = mkdtempSync(join(tmpdir(), 'portal-hub-welcome-'));
  afterAll(() => rmSync(cwd, { recursive: true, force: true }));

  it('shows a welcome page in both languages saying what to run; after `init` the portal is at the same address', async () => {
    const port = await freePort();
    const run = startService(cwd, port);
    const base = `http://127.0.0.1:${port}`;
    try {
      await waitForHealth(port);
      for (const path of ['/', '/vi/', '/en/', '/vi/tim-kiem?q=dong+nai', '/vi/hoi-dap']) {
        const r = await fetch(`${base}${path}`);
        expect(r.status, path).toBe(503);
        expect(r.headers.get('Content-Type'), path).toContain('text/html');
        expect(r.headers.get('Cache-Control'), path).toBe('no-store');
        const text = await r.text();
        expect(text, path).toContain('portal-hub đang chạy, chưa có cổng thông tin');
        expect(text, path).toContain('portal-hub is running, with no portal yet');
        expect(text, path).toContain('node bin/portal-hub.mjs init --site-key');
        expect(text, path).toContain('node bin/portal-hub.mjs --data /tmp/tinh-mau demo --items');
        expect(text, path).not.toContain('npx');
      }
      // The commands shown are the guide's own lines, word for word (the guide's test runs them).
      const guide = readFileSync(join(ROOT, 'docs', 'operator.md'), 'utf8').split('\n');
      const shown = [...(await (await fetch(`${base}/vi/`)).text()).matchAll(/<code>([^<]+)<\/code>/g)].flatMap((m) => m[1]!.replaceAll('&quot;', '"').split('\n'));
      expect(shown.length).toBeGreaterThanOrEqual(2);
      for (const line of shown) expect(guide, line).toContain(line);
      // A comment posted to a portal that is not there yet: told so in both languages, nothing kept.
      const posted = await fetch(`${base}/vi/tin/DN-1/gop-y`, { method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body: 'text=xin+chao' });
      expect(posted.status).toBe(503);
      expect(await posted.text()).toMatch(/chưa khởi tạo[\s\S]*not set up yet/);

      const env = { DATABASE_URL: `file:${join(cwd, 'data', 'portal-hub.db')}`, DATA_DIR: join(cwd, 'data') };
      const init = await runCli(['init', '--site-key', 'tinh', '--name-vi', 'Tỉnh Thử Nghiệm', '--name-en', 'Test Province', '--prefix', 'TN', '--admin-name', 'Nguyễn Văn An'], env);
      expect(init.code, init.stderr).toBe(0);
      // The welcome was never kept: the next request draws the portal (within the page cache's change check).
      const until = Date.now() + 10_000;
      let home = await fetch(`${base}/vi/`);
      while (home.status !== 200 && Date.now() < until) {
        await new Promise((r) => setTimeout(r, 200));
        home = await fetch(`${base}/vi/`);
      }
      expect(home.status).toBe(200);
      const text = await home.text();
      expect(text).toContain('Tỉnh Thử Nghiệm');
      expect(text).not.toContain('chưa có cổng thông tin');
    } finally {
      run.child.kill('SIGTERM');
    }
    expect(await run.exited).toBe(0);
  });
});
