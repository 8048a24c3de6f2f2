import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { freePort, getAtHost, startService, waitForHealth, type Running } from '../helpers/service.js';
import { within } from '../helpers/portal.js';

const HOST = 'soyte.dongnai.test';

/**
 * Issue 20.2 through the running service: the operator gives the health department its emblem and colour at
 * `site add`, readers at its own host see them (the province's host keeps its red), and a colour changed from
 * the terminal while the service runs reaches the kept pages without a restart.
 */
describe('a component site’s own look, through the running service', () => {
  const cwd = mkdtempSync(join(tmpdir(), 'portal-hub-look-'));
  const env = { DATA_DIR: join(cwd, 'data'), TIMEZONE: 'Asia/Ho_Chi_Minh' };
  const cli = async (...args: string[]) => {
    const run = await runCli(args, env);
    if (run.code !== 0) throw new Error(`portal-hub ${args.join(' ')} failed: ${run.stderr}`);
    return run.stdout;
  };
  let port = 0;
  let service: Running;
  /** A GET with the Host a reader's browser sends (the name resolved to 127.0.0.1 here). */
  const get = (path: string, host: string) => getAtHost(port, path, host);

  beforeAll(async () => {
    await cli('init', '--site-key', 'tinh', '--name-vi', 'Cổng thông tin điện tử tỉnh Đồng Nai', '--name-en', 'Dong Nai Provincial Portal', '--prefix', 'DN', '--admin-name', 'Quản Trị');
    const logo = join(cwd, 'logo.jpg');
    writeFileSync(logo, await sharp({ create: { width: 500, height: 500, channels: 3, background: '#0b5394' } }).jpeg().toBuffer());
    await cli('site', 'add', '--key', 'so-y-te', '--kind', 'department', '--name-vi', 'Sở Y tế', '--name-en', 'Department of Health', '--prefix', 'SYT', '--parent', 'tinh', '--domain', HOST, '--emblem', logo, '--colour', '0b5394');
    port = await freePort();
    service = startService(cwd, port, env);
    await waitForHealth(port, 120_000);
  }, 300_000);
  afterAll(async () => {
    service?.child.kill('SIGTERM');
    await service?.exited;
    rmSync(cwd, { recursive: true, force: true });
  }, 60_000);

  it('the site’s host wears its emblem and colour, the province’s its own; a new colour shows without a restart', { timeout: 120_000 }, async () => {
    const own = await get('/vi/', HOST);
    expect(own.status).toBe(200);
    const emblem = /<img src="(\/emblems\/[0-9a-f]{64})-128\.png" srcset="[^"]+" alt="" width="48" height="48"><span>Sở Y tế<\/span>/.exec(own.body)?.[1];
    expect(emblem).toBeTruthy();
    expect(own.body).toContain('<link rel="stylesheet" href="/site-look/0b5394.css">');
    expect((await get(`${emblem!}-256.png`, HOST)).status).toBe(200);
    expect(await (await get('/site-look/0b5394.css', HOST)).body).toContain('--accent: #0b5394');

    const province = await get('/vi/', `127.0.0.1:${port}`);
    expect(province.status).toBe(200);
    expect(province.body).not.toContain('/site-look/');
    expect(province.body).not.toContain(emblem!);

    // The page is kept now; the terminal's change reaches it through the trail, as the domain's does.
    await cli('site', 'edit', 'so-y-te', '--colour', '#225522');
    await within(10_000, async () => (await get('/vi/', HOST)).body.includes('/site-look/225522.css'));
    expect((await get('/vi/', HOST)).body).not.toContain('/site-look/0b5394.css');
  });
});
