import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSite } from '../../src/app/people.js';
import type { Deps } from '../../src/app/deps.js';
import { auditKeys } from '../../src/core/audit.js';
import { publicWeb } from '../../src/http/web.js';
import { createPrismaStore } from '../../src/store/prismaStore.js';
import { BACKENDS, type TestDatabase } from '../helpers/databases.js';
import { ROOT, runCli } from '../helpers/cli.js';
import { seedDesk, TEST_HUB_SECRET, type Desk } from '../helpers/desk.js';
import { publishThrough } from '../helpers/portal.js';

const escaped = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');

const env = (url: string) => ({ DATABASE_URL: url, HUB_SECRET: TEST_HUB_SECRET, TIMEZONE: 'Asia/Ho_Chi_Minh' });
const NOT_EMPTY_VI = 'Lệnh demo chỉ dùng cho một thư mục dữ liệu trống';
const NOT_EMPTY_EN = 'The demo command is for an empty data folder only';

describe.each(BACKENDS)('portal-hub demo on $name', ({ fresh, skip }) => {
  let db: TestDatabase;
  let sample: TestDatabase;
  let desk: Desk;
  let mediaDir: string;
  const cli = (...args: string[]) => runCli(args, env(sample.url));
  const onDesk = (...args: string[]) => runCli(args, env(db.url));
  const store = () => createPrismaStore(sample.url, auditKeys(TEST_HUB_SECRET));
  let reader: ReturnType<typeof store>;
  const page = async (path: string) => {
    const deps: Deps = { store: reader, clock: () => new Date(), timeZone: 'Asia/Ho_Chi_Minh' };
    const web = publicWeb({ deps, baseUrl: 'http://localhost:3000', mediaDir, emc: null });
    return web.app.request(path);
  };
  const live = () => reader.countPublications({});

  beforeAll(async () => {
    if (skip) return;
    db = await fresh();
    desk = await seedDesk(db.url);
    sample = await fresh();
    reader = store();
    mediaDir = mkdtempSync(join(tmpdir(), 'portal-hub-media-'));
  });
  afterAll(async () => {
    if (skip) return;
    await desk.store.close();
    await reader.close();
    rmSync(mediaDir, { recursive: true, force: true });
    await db.drop();
    await sample.drop();
  });

  it.skipIf(skip)('fills an empty data folder with a sample province the portal then shows, sample people included, and the trail still verifies', async () => {
    const run = await cli('demo', '--items', '300', '--sites', '4');
    // Only the database it worked on (place.ts): nothing went wrong.
    expect(run.stderr).toMatch(/^Cơ sở dữ liệu: .+\nDatabase: .+\n$/);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('Đang tạo 300 tin mẫu cho 5 trang');
    expect(run.stdout).toContain('Created 5 sample people (addresses @mau.example.vn) with roles on the site tinh');
    const done = /Done: 300 sample items \((\d+) featured, (\d+) taken down\), codes ([A-Z]+-\d{4}-\d{5}) … ([A-Z]+-\d{4}-\d{5}), in [\d.]+ s\. The archive now holds 300 publications\./.exec(run.stdout);
    expect(done, run.stdout).not.toBeNull();
    const gone = Number(done![2]);
    expect(Number(done![1])).toBeGreaterThanOrEqual(3);
    expect(await live()).toBe(300 - gone);

    // The component sites, in a tree, and the sections the portal's menu shows.
    const sites = await reader.sites();
    expect(sites.map((s) => s.key)).toEqual(['tinh', 'so-y-te', 'long-thanh', 'xa-phu-huu', 'so-gddt']);
    expect(sites.find((s) => s.key === 'xa-phu-huu')!.parentId).toBe(sites.find((s) => s.key === 'long-thanh')!.id);
    expect((await reader.categories()).map((c) => c.key)).toContain('kinh-te');

    // Home: the newest Vietnamese items of the province; its featured block is filled.
    const [newest] = await reader.publications({ siteIds: [sites[0]!.id], lang: 'vi', limit: 1 });
    const home = await (await page('/vi/')).text();
    expect(home).toContain(escaped(newest!.title));
    const featured = home.slice(home.indexOf('id="h-featured"'), home.indexOf('id="h-latest"'));
    expect(featured).toContain('/vi/tin/');
    // A section page and an article of a component site.
    const [economy] = await reader.publications({ category: 'kinh-te', lang: 'vi', limit: 1 });
    expect(await (await page('/vi/chuyen-muc/kinh-te')).text()).toContain(escaped(economy!.title));
    const health = sites.find((s) => s.key === 'so-y-te')!;
    const [healthItem] = await reader.publications({ siteIds: [health.id], limit: 1 });
    const article = await page(`/${healthItem!.lang}/${healthItem!.lang === 'vi' ? 'tin' : 'news'}/${healthItem!.code}`);
    expect(article.status).toBe(200);
    expect(await article.text()).toContain(escaped(healthItem!.title));
    // English items too, a few of them.
    expect(await reader.countPublications({ lang: 'en' })).toBeGreaterThan(0);
    expect(await reader.countPublications({ lang: 'en' })).toBeLessThan(await reader.countPublications({ lang: 'vi' }));

    // The sample desk: one person per role on the province site, under the sample domain, to click through.
    const people = await cli('person', 'list');
    expect(people.code).toBe(0);
    for (const address of ['truong-ban', 'pho-ban', 'thu-ky', 'bien-tap', 'cong-tac-vien']) expect(people.stdout).toContain(`${address}@mau.example.vn`);
    expect(people.stdout).toContain('(mẫu)');
    const grants = await cli('grant', 'list');
    expect(grants.code).toBe(0);
    for (const role of ['head', 'deputy', 'secretary', 'editor', 'collaborator']) expect(grants.stdout, role).toContain(role);
    expect((await reader.people()).every((p) => p.email?.endsWith('@mau.example.vn'))).toBe(true);

    const verify = await cli('audit', 'verify');
    expect(verify.stdout).toContain('Audit trail intact');
    expect(verify.code).toBe(0);
  });

  it.skipIf(skip)('refuses a second run on the sample unless --more asks to add to it, which adds without making the people again', async () => {
    const before = await live();
    const again = await cli('demo', '--items', '100', '--sites', '4');
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('Thư mục dữ liệu này đã có kho tin mẫu (300 bản đăng), nên không ghi gì');
    expect(again.stderr).toContain('This data folder already holds a sample archive (300 publications), so nothing was written. To add sample items to it: node bin/portal-hub.mjs demo --more --items N');
    expect(again.stdout).not.toContain('Writing');
    expect(await live()).toBe(before);

    const more = await cli('demo', '--more', '--items', '100', '--sites', '4');
    expect(more.code, more.stderr).toBe(0);
    expect(more.stdout).toContain('The archive now holds 400 publications.');
    expect(more.stdout).not.toContain('sample people');
    expect(await reader.people()).toHaveLength(5);
    expect(await reader.sites()).toHaveLength(5);
  });

  it.skipIf(skip)('refuses a data folder holding anything it did not make — a real desk, a real person, a real site — and writes nothing, even with --more', async () => {
    // A province that init made, with its people and a published item.
    await publishThrough(desk, { title: 'Tin thật của tòa soạn', body: 'Nội dung.' }, null);
    const sitesBefore = (await desk.store.sites()).length;
    const published = await desk.store.countPublications({});
    for (const args of [['demo', '--items', '200'], ['demo', '--more', '--items', '200', '--sites', '3']]) {
      const r = await onDesk(...args);
      expect(r.code, args.join(' ')).toBe(1);
      expect(r.stderr).toContain(NOT_EMPTY_VI);
      expect(r.stderr).toContain(NOT_EMPTY_EN);
      expect(r.stderr).toContain('--data /tmp/tinh-mau');
      expect(r.stdout).not.toContain('Writing');
    }
    expect(await desk.store.countPublications({})).toBe(published);
    expect(await desk.store.sites()).toHaveLength(sitesBefore);
    expect((await desk.store.people()).some((p) => p.email?.endsWith('@mau.example.vn'))).toBe(false);

    // Only a site the operator added (no person, no item yet): not the demo's either.
    const siteOnly = await fresh();
    const own = createPrismaStore(siteOnly.url, auditKeys(TEST_HUB_SECRET));
    try {
      const made = await createSite({ store: own, clock: () => new Date(), timeZone: 'Asia/Ho_Chi_Minh' }, { key: 'tinh', kind: 'province', nameVi: 'Tỉnh thật', nameEn: 'Real Province', codePrefix: 'TT', domain: null });
      expect(made.ok).toBe(true);
      const r = await runCli(['demo', '--more', '--items', '50'], env(siteOnly.url));
      expect(r.code).toBe(1);
      expect(r.stderr).toContain(NOT_EMPTY_EN);
      expect(await own.countPublications({})).toBe(0);
    } finally {
      await own.close();
      await siteOnly.drop();
    }

    // A real person added to the sample folder makes it a real one: --more no longer adds to it.
    const person = await cli('person', 'add', '--name', 'Trần Thị Bình', '--email', 'binh@dongnai.gov.vn');
    expect(person.code, person.stderr).toBe(0);
    const total = await reader.countPublications({});
    const r = await cli('demo', '--more', '--items', '50');
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('(0 sites, 1 people, 0 items or submissions)');
    expect(await reader.countPublications({})).toBe(total);
  });

  it.skipIf(skip)('refuses an unknown option or a count out of range, in Vietnamese and English, and writes nothing', async () => {
    const before = await live();
    const cases: [string[], string, string][] = [
      [['demo', '--items', '0'], 'Số tin mẫu phải là số nguyên từ 1 đến 2000000', 'from 1 to 2000000 (given: “0”)'],
      [['demo', '--items', '2000001'], 'Số tin mẫu phải là số nguyên', '(given: “2000001”)'],
      [['demo', '--items', '10', '--sites', '99'], 'Số trang thành phần phải là số nguyên từ 0 đến', '(given: “99”)'],
      [['demo', '--items', '10', '--colour', 'red'], 'Lệnh demo không có tùy chọn “--colour”', 'The demo command has no option “--colour”'],
      [['demo'], 'Cần cho biết số tin mẫu', 'Say how many sample items'],
    ];
    for (const [args, vi, en] of cases) {
      const r = await cli(...args);
      expect(r.code, args.join(' ')).toBe(1);
      expect(r.stderr).toContain(vi);
      expect(r.stderr).toContain(en);
    }
    expect(await live()).toBe(before);
  });
});

describe('portal-hub demo interrupted', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await BACKENDS[0].fresh();
  });
  afterAll(async () => {
    await db.drop();
  });

  it('stops at the next batch on Ctrl-C, says how many were written and how to top the sample up, and exits 130', { timeout: 120_000 }, async () => {
    const child = spawn(process.execPath, [join(ROOT, 'bin', 'portal-hub.mjs'), 'demo', '--items', '200000', '--sites', '0'], {
      cwd: ROOT,
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env(db.url) },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    let sent = false;
    child.stdout.on('data', (d: Buffer) => {
      stdout += d.toString();
      // After the first progress line: some batches are written, most are not.
      if (!sent && /… \d+\/200000 /.test(stdout)) {
        sent = true;
        child.kill('SIGINT');
      }
    });
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const code = await new Promise<number | null>((resolve) => child.on('close', (c) => resolve(c)));
    expect(sent, stdout + stderr).toBe(true);
    expect(code, stderr).toBe(130);
    const stopped = /Stopped \(Ctrl-C\): (\d+) of 200000 sample items written, the sample is partial \(the archive now holds (\d+) publications\)\. Top it up with: node bin\/portal-hub\.mjs demo --more --items (\d+)/.exec(stderr);
    expect(stopped, stderr).not.toBeNull();
    const written = Number(stopped![1]);
    expect(written % 1000).toBe(0);
    expect(written).toBeGreaterThan(0);
    expect(written).toBeLessThan(200000);
    expect(Number(stopped![3])).toBe(200000 - written);
    expect(stderr).toContain('Đã dừng (Ctrl-C)');
    expect(stdout).not.toContain('Done:');
    const reader = createPrismaStore(db.url, auditKeys(TEST_HUB_SECRET));
    try {
      expect((await reader.demoCensus()).publications).toBe(written);
    } finally {
      await reader.close();
    }
  });
});

describe('portal-hub commands when the database cannot be reached', () => {
  it('say so in Vietnamese and English, name the database without its password, and exit 1 without a stack trace', async () => {
    const r = await runCli(['demo', '--items', '10'], { DATABASE_URL: 'postgres://hub:s3cret-pw@127.0.0.1:1/portal', HUB_SECRET: TEST_HUB_SECRET, TIMEZONE: 'Asia/Ho_Chi_Minh' });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('Không kết nối được cơ sở dữ liệu postgres://hub:***@127.0.0.1:1/portal (ECONNREFUSED)');
    expect(r.stderr).toContain('Cannot reach the database');
    expect(r.stderr).not.toContain('s3cret-pw');
    expect(r.stderr).not.toMatch(/\n\s+at /);
    // A password in the query string is masked too.
    const q = await runCli(['demo', '--items', '10'], { DATABASE_URL: 'postgres://hub@127.0.0.1:1/portal?password=s3cret-pw&sslmode=disable', HUB_SECRET: TEST_HUB_SECRET, TIMEZONE: 'Asia/Ho_Chi_Minh' });
    expect(q.code).toBe(1);
    expect(q.stderr).toContain('postgres://hub@127.0.0.1:1/portal?password=***&sslmode=disable');
    expect(q.stderr).not.toContain('s3cret-pw');
  });
});

/** The hints a refusal gives are lines to run as they stand: on the folder in use, with the command as the guide types it. */
describe('demo’s hints on a folder named with --data', () => {
  it('say the --data folder in the line to add more', { timeout: 120_000 }, async () => {
    const dir = mkdtempSync(join(tmpdir(), 'portal-hub-demo-hint-'));
    try {
      const run = (...args: string[]) => runCli(['--data', dir, ...args], { TIMEZONE: 'Asia/Ho_Chi_Minh' });
      const first = await run('demo', '--items', '20', '--sites', '0');
      expect(first.code, first.stderr).toBe(0);
      const again = await run('demo', '--items', '20');
      expect(again.code).toBe(1);
      expect(again.stderr).toContain(`To add sample items to it: node bin/portal-hub.mjs --data ${dir} demo --more --items N`);
      expect(again.stderr).toContain(`Muốn thêm tin mẫu vào đó: node bin/portal-hub.mjs --data ${dir} demo --more --items N`);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
