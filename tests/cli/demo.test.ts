import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { publicWeb } from '../../src/http/web.js';
import { BACKENDS, type TestDatabase } from '../helpers/databases.js';
import { runCli } from '../helpers/cli.js';
import { seedDesk, TEST_HUB_SECRET, type Desk } from '../helpers/desk.js';
import { publishThrough } from '../helpers/portal.js';

const escaped = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');

describe.each(BACKENDS)('portal-hub demo on $name', ({ fresh, skip }) => {
  let db: TestDatabase;
  let desk: Desk;
  let mediaDir: string;
  const cli = (...args: string[]) => runCli(args, { DATABASE_URL: db.url, HUB_SECRET: TEST_HUB_SECRET, TIMEZONE: 'Asia/Ho_Chi_Minh' });
  const page = async (path: string) => {
    const web = publicWeb({ deps: { ...desk.deps, clock: () => new Date() }, baseUrl: 'http://localhost:3000', mediaDir, emc: null });
    return web.app.request(path);
  };
  const live = () => desk.store.countPublications({});

  beforeAll(async () => {
    if (skip) return;
    db = await fresh();
    desk = await seedDesk(db.url);
    mediaDir = mkdtempSync(join(tmpdir(), 'portal-hub-media-'));
  });
  afterAll(async () => {
    if (skip) return;
    await desk.store.close();
    rmSync(mediaDir, { recursive: true, force: true });
    await db.drop();
  });

  it.skipIf(skip)('fills the archive the portal then shows, next to the desk’s own items, and the trail still verifies', async () => {
    const real = await publishThrough(desk, { title: 'Tin thật của tòa soạn', body: 'Nội dung.' }, null);
    const run = await cli('demo', '--items', '300', '--sites', '4');
    // Only the database it worked on (place.ts): nothing went wrong.
    expect(run.stderr).toMatch(/^Cơ sở dữ liệu: .+\nDatabase: .+\n$/);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('Đang tạo 300 tin mẫu cho 5 trang');
    const done = /Done: 300 sample items \((\d+) featured, (\d+) taken down\), codes ([A-Z]+-\d{4}-\d{5}) … ([A-Z]+-\d{4}-\d{5}), in [\d.]+ s\. The archive now holds 301 publications\./.exec(run.stdout);
    expect(done, run.stdout).not.toBeNull();
    const gone = Number(done![2]);
    expect(Number(done![1])).toBeGreaterThanOrEqual(3);
    expect(await live()).toBe(300 - gone + 1);

    // The component sites, in a tree, and the sections the portal's menu shows.
    const sites = await desk.store.sites();
    expect(sites.map((s) => s.key)).toEqual(['tinh', 'so-y-te', 'long-thanh', 'xa-phu-huu', 'so-gddt']);
    expect(sites.find((s) => s.key === 'xa-phu-huu')!.parentId).toBe(sites.find((s) => s.key === 'long-thanh')!.id);
    expect((await desk.store.categories()).map((c) => c.key)).toContain('kinh-te');

    // Home: the newest Vietnamese items of the province; its featured block is filled.
    const [newest] = await desk.store.publications({ siteIds: [desk.site.id], lang: 'vi', limit: 1 });
    const home = await (await page('/vi/')).text();
    expect(home).toContain(escaped(newest!.title));
    const featured = home.slice(home.indexOf('id="h-featured"'), home.indexOf('id="h-latest"'));
    expect(featured).toContain('/vi/tin/');
    // A section page and an article of a component site.
    const [economy] = await desk.store.publications({ category: 'kinh-te', lang: 'vi', limit: 1 });
    expect(await (await page('/vi/chuyen-muc/kinh-te')).text()).toContain(escaped(economy!.title));
    const commune = sites.find((s) => s.key === 'so-y-te')!;
    const [health] = await desk.store.publications({ siteIds: [commune.id], limit: 1 });
    const article = await page(`/${health!.lang}/${health!.lang === 'vi' ? 'tin' : 'news'}/${health!.code}`);
    expect(article.status).toBe(200);
    expect(await article.text()).toContain(escaped(health!.title));
    // English items too, a few of them.
    expect(await desk.store.countPublications({ lang: 'en' })).toBeGreaterThan(0);
    expect(await desk.store.countPublications({ lang: 'en' })).toBeLessThan(await desk.store.countPublications({ lang: 'vi' }));

    // Running it again appends; codes come from the sites' counters, so the desk's next item gets a fresh one.
    const again = await cli('demo', '--items', '100', '--sites', '4');
    expect(again.code).toBe(0);
    expect(again.stdout).toContain('The archive now holds 401 publications.');
    desk.time.advance(60_000);
    const next = await publishThrough(desk, { title: 'Tin thật thứ hai', body: 'Nội dung.' }, null);
    expect(next.code).not.toBe(real.code);
    expect((await desk.store.publicationByCode(next.code))!.title).toBe('Tin thật thứ hai');

    const verify = await cli('audit', 'verify');
    expect(verify.stdout).toContain('Audit trail intact');
    expect(verify.code).toBe(0);
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
