import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NETWORK_READERS_PER_AD } from '../../src/core/ads/rules.js';
import { articlePath, categoryPath, homePath, interactionsPath, searchPath, siteMapPath, sitePath } from '../../src/core/portal/paths.js';
import { questionsPath } from '../../src/core/tickets/portalPaths.js';
import { dayFromToday, sampleWithBanner, writeBanner } from '../helpers/ads.js';
import { runCli } from '../helpers/cli.js';
import { freePort, startService, waitForHealth, type Running } from '../helpers/service.js';

const READER = '203.0.113.77';
const UA = 'Mozilla/5.0 (Linux; Android 10) Chrome/120 Mobile';
type Zones = { ads: { zone: string; id: string; href: string; img: string; reportHref: string; label: string }[] };

/**
 * Issue 19.9–19.10 through the running service, on a sample archive: three zones booked; every kind of
 * page carries the zones outside any article, and the same bytes it would without ads; 1,000 page views
 * from one reader count once; no cookie is ever set and no address reaches the database; an ad outside
 * its days is never served, a stopped one goes within half a minute.
 */
describe('ads on the portal, served and counted', () => {
  const cwd = mkdtempSync(join(tmpdir(), 'portal-hub-ads-'));
  const env = { DATA_DIR: join(cwd, 'data'), TIMEZONE: 'Asia/Ho_Chi_Minh' };
  const cli = async (...args: string[]) => {
    const run = await runCli(args, env);
    if (run.code !== 0) throw new Error(`portal-hub ${args.join(' ')} failed: ${run.stderr}`);
    return run.stdout;
  };
  let port = 0;
  let service: Running;
  let base = '';
  const codes: Record<string, string> = {};
  const get = (path: string, headers: Record<string, string> = {}) => fetch(`${base}${path}`, { headers: { 'User-Agent': UA, 'X-Forwarded-For': READER, ...headers }, redirect: 'manual' });
  const zones = async () => (await (await get('/ads/zones?site=tinh&lang=vi&z=header,sidebar,between')).json()) as Zones;

  beforeAll(async () => {
    const contract = await sampleWithBanner(cli, 40);
    const day = dayFromToday;
    const picture = join(cwd, 'ad.png');
    await writeBanner(picture, 300, 250);
    for (const [zone, from, to] of [['header', -1, 30], ['sidebar', -1, 30], ['between', -1, 30], ['sidebar', 10, 20]] as const) {
      const placed = JSON.parse(await cli('ad', 'place', '--contract', contract, '--zone', zone, '--image', picture, '--alt', `Lễ hội ${zone} ${from}`, '--url', 'https://example.vn/le-hoi', '--weight', '50', '--from', day(from), '--to', day(to), '--json')) as { code: string };
      codes[from > 0 ? 'future' : zone] = placed.code;
    }
    port = await freePort();
    base = `http://127.0.0.1:${port}`;
    service = startService(cwd, port, { ...env, INTERACTIONS_TRUSTED_PROXIES: '127.0.0.1' });
    await waitForHealth(port, 120_000);
  }, 400_000);
  afterAll(async () => {
    service?.child.kill('SIGTERM');
    await service?.exited;
    rmSync(cwd, { recursive: true, force: true });
  }, 60_000);

  it('every kind of page carries its zones outside any article, and sets no cookie', { timeout: 300_000 }, async () => {
    const home = await (await get(homePath('vi'))).text();
    const code = /(?:SYT|DN)-\d{4}-\d{5}/.exec(home)?.[0];
    const category = /href="\/vi\/chuyen-muc\/([^"/?]+)"/.exec(home)?.[1];
    expect(code && category).toBeTruthy();
    const pages = [homePath('vi'), homePath('en'), articlePath('vi', code!), articlePath('en', code!), categoryPath('vi', category!), sitePath('vi', 'so-y-te'), siteMapPath('vi'), interactionsPath('vi'), questionsPath('vi')];
    for (const path of pages) {
      const response = await get(path);
      expect(response.status, path).toBe(200);
      expect(response.headers.get('set-cookie'), path).toBeNull();
      const html = await response.text();
      expect(html, path).toContain('data-zone="header"');
      expect(html, path).toContain('data-zone="sidebar"');
      // Never inside an article: not the story, not a list's card.
      for (const article of html.match(/<article\b[\s\S]*?<\/article>/g) ?? []) expect(article, path).not.toContain('ad-zone');
      const story = /<main[\s\S]*<\/main>/.exec(html)?.[0] ?? '';
      if (path.includes('/tin/') || path.includes('/news/')) expect(story, path).not.toContain('ad-zone');
    }
    // Lists put theirs between two items.
    expect(await (await get(categoryPath('vi', category!))).text()).toMatch(/<\/article><div class="ad-zone" data-zone="between"><\/div><article/);
    // Pages not meant for indexing carry none: a search's results, a page that is not there.
    for (const path of [`${searchPath('vi')}?q=y+t%E1%BA%BF`, '/vi/tin/KHONG-CO-0000']) expect(await (await get(path)).text(), path).not.toContain('ad-zone');
  });

  it('three zones filled by weight; an ad outside its days never; a stopped ad gone within half a minute', { timeout: 300_000 }, async () => {
    const served = new Set<string>();
    for (let i = 0; i < 60; i += 1) for (const ad of (await zones()).ads) served.add(ad.id);
    const byCode = JSON.parse(await cli('ad', 'list', '--json')) as { id: string; code: string }[];
    const idOf = (code: string) => byCode.find((a) => a.code === code)!.id;
    expect([...served].sort()).toEqual([idOf(codes.header!), idOf(codes.sidebar!), idOf(codes.between!)].sort());
    expect(served.has(idOf(codes.future!))).toBe(false);
    const one = (await zones()).ads.find((a) => a.zone === 'sidebar')!;
    expect(one.label).toBe('Quảng cáo');
    expect((await get(one.img)).headers.get('content-type')).toBe('image/png');
    const click = await get(one.href);
    expect(click.status).toBe(302);
    expect(click.headers.get('location')).toBe('https://example.vn/le-hoi');
    expect((await get(`/ads/c/${idOf(codes.future!)}`)).status).toBe(404);
  });

  it('1,000 page views from one reader count once; no address is stored anywhere', { timeout: 300_000 }, async () => {
    // What earlier page views counted reaches the database first (each process flushes every 10 s).
    await sleep(11_000);
    const before = JSON.parse(await cli('ad', 'report', codes.header!, '--json')) as { impressions: number };
    const responses = [];
    for (let batch = 0; batch < 50; batch += 1) responses.push(...(await Promise.all(Array.from({ length: 20 }, () => get('/ads/zones?site=tinh&lang=vi&z=header')))));
    expect(responses.every((r) => r.status === 200 && r.headers.get('set-cookie') === null)).toBe(true);
    // Another reader is another impression.
    await get('/ads/zones?site=tinh&lang=vi&z=header', { 'X-Forwarded-For': '198.51.100.23' });
    // One address sending a new browser name with each of 300 requests counts as a bounded handful of readers.
    for (let batch = 0; batch < 15; batch += 1) {
      await Promise.all(Array.from({ length: 20 }, (_, i) => get('/ads/zones?site=tinh&lang=vi&z=header', { 'X-Forwarded-For': '192.0.2.44', 'User-Agent': `Mozilla/5.0 (rotating ${batch}-${i})` })));
    }
    await sleep(12_000);
    const after = JSON.parse(await cli('ad', 'report', codes.header!, '--json')) as { impressions: number };
    // This reader was counted by the earlier test already (within the hour): only the others add.
    expect(after.impressions - before.impressions).toBe(1 + NETWORK_READERS_PER_AD);
    expect(before.impressions).toBeGreaterThanOrEqual(1);
    const files = readdirSync(env.DATA_DIR).filter((f) => f.startsWith('portal-hub.db'));
    for (const f of files) {
      const bytes = readFileSync(join(env.DATA_DIR, f));
      expect(bytes.includes(Buffer.from(READER)), f).toBe(false);
      expect(bytes.includes(Buffer.from('198.51.100.23')), f).toBe(false);
    }
    expect(service.output()).not.toContain(READER);
  });

  it('the reader’s report is kept without identity; a stopped ad is gone within half a minute', { timeout: 300_000 }, async () => {
    const one = (await zones()).ads.find((a) => a.zone === 'sidebar')!;
    const sent = await fetch(`${base}${one.reportHref}`, { method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded', 'X-Forwarded-For': READER }, body: 'reason=Qu%E1%BA%A3ng+c%C3%A1o+sai+s%E1%BB%B1+th%E1%BA%ADt&website=', redirect: 'manual' });
    expect(sent.status).toBe(303);
    expect(await (await fetch(`${base}${sent.headers.get('location')}`)).text()).toContain('Báo cáo đã đến Ban Biên tập');
    const reports = JSON.parse(await cli('ad', 'reports', '--json')) as { reason: string }[];
    expect(reports.map((r) => r.reason)).toEqual(['Quảng cáo sai sự thật']);
    expect(JSON.stringify(reports)).not.toContain(READER);
    // A flood of reports from that address, a new browser name each time, is slowed down after five in ten minutes.
    const flood = await Promise.all(Array.from({ length: 12 }, (_, i) =>
      fetch(`${base}${one.reportHref}`, { method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded', 'X-Forwarded-For': READER, 'User-Agent': `flood ${i}` }, body: `reason=spam+${i}&website=`, redirect: 'manual' }),
    ));
    expect(flood.filter((r) => r.status === 303)).toHaveLength(4);
    expect(flood.filter((r) => r.status === 429)).toHaveLength(8);
    expect(JSON.parse(await cli('ad', 'reports', '--json'))).toHaveLength(5);

    await cli('ad', 'stop', codes.sidebar!);
    await sleep(31_000);
    expect((await zones()).ads.map((a) => a.zone).sort()).toEqual(['between', 'header']);
    expect((await get(one.href)).status).toBe(404);
  });

});
