import { getAtHost } from '../helpers/service.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshSqlite, type TestDatabase } from '../helpers/databases.js';
import { setTimeout as sleep } from 'node:timers/promises';
import { EDITORIAL, INTAKE, publishFromChat, startJourney, type Journey, type TgUser } from '../helpers/journey.js';

/** The health department's and the district's own intake groups (TELEGRAM_INTAKE_CHATS id=site). */
const HEALTH_CHAT = -1001777000101;
const DISTRICT_CHAT = -1001777000202;
/** The department's own desk (TELEGRAM_SITE_DESK_CHATS): its items' review cards go there, not to the province's editorial chat. */
const HEALTH_DESK = -1001777000303;
const HEALTH_HOST = 'soyte.dongnai.test';
const DISTRICT_HOST = 'huyena.dongnai.test';


/**
 * Issue 20, item 1, through the running service: two component sites each on a host name of its own (the Host
 * header, as a reader's browser sends it, resolved to 127.0.0.1 here), each fed by its own intake group and
 * mirrored to its own channel. What one site publishes is at its host and in the province's aggregate, never
 * at the other site's host; its links, feed and mirror carry its host; a name the portal does not serve is a 404.
 */
/**
 * 09:00 (UTC+7) on the first Tuesday at least `days` days from now: the weekly list goes out from Monday 08:00, so
 * a clock moved a fixed number of days could land before that on a Monday and wait a week.
 */
function tuesdayMorningAfter(days: number): string {
  const local = new Date(Date.now() + days * 86_400_000 + 7 * 3_600_000);
  const ahead = (2 - local.getUTCDay() + 7) % 7;
  const day = new Date(Date.UTC(local.getUTCFullYear(), local.getUTCMonth(), local.getUTCDate() + ahead));
  return `${day.toISOString().slice(0, 10)}T09:00:00+07:00`;
}

describe('component sites, each on a host of its own', () => {
  let db: TestDatabase;
  let j: Journey;
  let editor: TgUser;
  let secretary: TgUser;
  let deputy: TgUser;
  let published = { health: '', district: '' };
  const collaborator: TgUser = { id: 5_500_000_001, is_bot: false, first_name: 'Hoa', username: 'hoa_ctv' };

  /** A GET with the Host (and optionally X-Forwarded-Host) a reader's browser or the reverse proxy sends. */
  const get = (path: string, host: string, extra: Record<string, string> = {}) => getAtHost(j.port, path, host, extra);

  const publish = (chat: number, title: string, deskChat = EDITORIAL) => publishFromChat(j, collaborator, { editor, secretary, deputy }, `${title}\nNội dung chi tiết của tin.`, chat, deskChat);

  beforeAll(async () => {
    db = await freshSqlite();
    j = await startJourney(db.url, {}, { mirrors: false, zaloGroup: false, env: { TELEGRAM_INTAKE_CHATS: `${INTAKE},${HEALTH_CHAT}=so-y-te,${DISTRICT_CHAT}=huyen-a`, TELEGRAM_SITE_DESK_CHATS: `${HEALTH_DESK}=so-y-te` } });
    await j.cli(['site', 'add', '--key', 'so-y-te', '--kind', 'department', '--name-vi', 'Sở Y tế', '--name-en', 'Department of Health', '--prefix', 'SYT', '--parent', 'tinh', '--domain', HEALTH_HOST]);
    await j.cli(['site', 'add', '--key', 'huyen-a', '--kind', 'district', '--name-vi', 'UBND huyện A', '--name-en', 'District A', '--prefix', 'HA', '--parent', 'tinh', '--domain', DISTRICT_HOST]);
    // The department's own Facebook Page, the district's own Zalo OA: each takes its site's items alone.
    await j.cli(['channel', 'connect', 'fb-so-y-te', '--platform', 'facebook', '--account', j.graph.pageId, '--sites', 'so-y-te'], JSON.stringify({ pageToken: j.graph.token, userToken: j.graph.userToken, appId: '5550001' }));
    await j.cli(['channel', 'connect', 'oa-huyen-a', '--platform', 'zalo-oa', '--account', 'oa-1', '--sites', 'huyen-a'], JSON.stringify({ appId: j.zalo.appId, secretKey: j.zalo.secretKey, accessToken: j.zalo.accessToken, refreshToken: j.zalo.refreshToken }));
    await expect(j.cli(['channel', 'connect', 'fb-x', '--platform', 'facebook', '--account', '999', '--sites', 'khong-co'], JSON.stringify({ pageToken: j.graph.token, userToken: j.graph.userToken, appId: '5550001' }))).rejects.toThrow(/Không tìm thấy trang “khong-co”/);
    editor = await j.person('Phạm Thu Dung', 'dung@example.vn', 'editor');
    secretary = await j.person('Lê Minh Châu', 'chau@example.vn', 'secretary');
    deputy = await j.person('Trần Thị Bích', 'bich@example.vn', 'deputy');
    for (const site of ['so-y-te', 'huyen-a']) {
      for (const [email, role] of [['dung@example.vn', 'editor'], ['chau@example.vn', 'secretary'], ['bich@example.vn', 'deputy']] as const) await j.cli(['grant', '--person', email, '--site', site, '--role', role]);
    }
    await j.start();
  }, 400_000);
  afterAll(async () => {
    await j?.stop();
    await db?.drop();
  }, 120_000);

  it('an item published on one site is at its host and in the province’s aggregate, never at the other’s; its links, feed and mirror carry its host', { timeout: 600_000 }, async () => {
    const health = await publish(HEALTH_CHAT, 'Tiêm chủng mở rộng tại trạm y tế xã', HEALTH_DESK);
    const district = await publish(DISTRICT_CHAT, 'Huyện A khánh thành trường tiểu học');
    expect(health).toMatch(/^SYT-/);
    expect(district).toMatch(/^HA-/);
    published = { health, district };
    // Each item's cards went to its own desk only: the department's to its desk chat, the district's (no desk of its own) to the province's.
    expect(j.telegram.texts(EDITORIAL).filter((t) => t.includes(health))).toEqual([]);
    expect(j.telegram.texts(HEALTH_DESK).filter((t) => t.includes(district))).toEqual([]);
    expect(j.telegram.texts(HEALTH_DESK).filter((t) => t.includes(health)).length).toBeGreaterThanOrEqual(4);

    // The department's host: its home, its article with its own canonical address; the district's article is not here.
    const home = await get('/vi/', HEALTH_HOST);
    expect(home.status).toBe(200);
    expect(home.body).toContain('Sở Y tế');
    expect(home.body).toContain('Tiêm chủng mở rộng tại trạm y tế xã');
    expect(home.body).not.toContain('Huyện A khánh thành trường tiểu học');
    const article = await get(`/vi/tin/${health}`, `${HEALTH_HOST}:443`);
    expect(article.status).toBe(200);
    expect(article.body).toContain(`<link rel="canonical" href="http://${HEALTH_HOST}/vi/tin/${health}">`);
    // Another site's article is not found here, and the page saying so names no canonical address of its own.
    const elsewhere = await get(`/vi/tin/${district}`, HEALTH_HOST);
    expect(elsewhere.status).toBe(404);
    expect(elsewhere.body).toContain('<meta name="robots" content="noindex">');
    expect(elsewhere.body).not.toContain('rel="canonical"');
    expect((await get(`/vi/tin/${health}`, DISTRICT_HOST)).status).toBe(404);
    const districtArticle = await get(`/vi/tin/${district}`, DISTRICT_HOST);
    expect(districtArticle.status).toBe(200);
    expect(districtArticle.body).toContain(`<link rel="canonical" href="http://${DISTRICT_HOST}/vi/tin/${district}">`);
    // Another site's list is not served at a site's host.
    expect((await get('/vi/don-vi/huyen-a', HEALTH_HOST)).status).toBe(404);

    // The province's host aggregates: the department's page lists it, and its article there names its own host as canonical.
    const province = `127.0.0.1:${j.port}`;
    const aggregate = await get('/vi/don-vi/so-y-te', province);
    expect(aggregate.body).toContain('Tiêm chủng mở rộng tại trạm y tế xã');
    const atProvince = await get(`/vi/tin/${health}`, province);
    expect(atProvince.status).toBe(200);
    expect(atProvince.body).toContain(`<link rel="canonical" href="http://${HEALTH_HOST}/vi/tin/${health}">`);
    // The province's home links to each site at its own host.
    expect((await get('/vi/', province)).body).toContain(`href="http://${HEALTH_HOST}/vi/"`);

    // Feeds, sitemaps and the API at the department's host carry its host and its items alone.
    const feed = await get('/vi/feed.rss', HEALTH_HOST);
    expect(feed.body).toContain(`<link>http://${HEALTH_HOST}/vi/tin/${health}</link>`);
    expect(feed.body).not.toContain(district);
    const index = await get('/sitemap.xml', HEALTH_HOST);
    const months = [...index.body.matchAll(/<loc>([^<]+)<\/loc>/g)].map((m) => m[1]!);
    expect(months.every((u) => u.startsWith(`http://${HEALTH_HOST}/sitemap/`))).toBe(true);
    const locs: string[] = [];
    for (const child of months) locs.push(...[...(await get(new URL(child).pathname, HEALTH_HOST)).body.matchAll(/<loc>([^<]+)<\/loc>/g)].map((m) => m[1]!));
    expect(locs).toContain(`http://${HEALTH_HOST}/vi/tin/${health}`);
    expect(locs.every((u) => u.startsWith(`http://${HEALTH_HOST}/`))).toBe(true);
    const api = JSON.parse((await get('/api/v1/items', HEALTH_HOST)).body) as { items: { code: string; url: string }[] };
    expect(api.items.map((i) => [i.code, i.url])).toEqual([[health, `http://${HEALTH_HOST}/vi/tin/${health}`]]);
    // The API's own addresses at the department's host are that host's: its document and its sections.
    expect(JSON.parse((await get('/api/openapi.json', HEALTH_HOST)).body)).toMatchObject({ servers: [{ url: `http://${HEALTH_HOST}` }] });
    const sections = JSON.parse((await get('/api/v1/categories', HEALTH_HOST)).body) as { categories: { url: { vi: string } }[] };
    expect(sections.categories.every((k) => k.url.vi.startsWith(`http://${HEALTH_HOST}/vi/`))).toBe(true);
    // Another site's list is not served at a site's host, by the API either.
    expect((await get('/api/v1/items?site=tinh', HEALTH_HOST)).status).toBe(404);
    expect((await get('/api/v1/stats?site=huyen-a', HEALTH_HOST)).status).toBe(404);
    const everything = JSON.parse((await get('/api/v1/items', province)).body) as { items: { code: string; url: string }[] };
    expect(everything.items.find((i) => i.code === district)?.url).toBe(`http://${DISTRICT_HOST}/vi/tin/${district}`);

    // Kept pages are kept per host: the department's home, served again from memory, is still the department's.
    const again = await get('/vi/', HEALTH_HOST);
    expect(again.headers['x-cache']).toBe('hit');
    expect(again.body).toBe(home.body);
    const districtHome = await get('/vi/', DISTRICT_HOST);
    expect(districtHome.body).toContain('Huyện A khánh thành trường tiểu học');
    expect(districtHome.body).not.toContain('Tiêm chủng mở rộng tại trạm y tế xã');

    // Behind the reverse proxy on this machine (a trusted address), X-Forwarded-Host names the site.
    const proxied = await get(`/vi/tin/${health}`, province, { 'X-Forwarded-Host': HEALTH_HOST });
    expect(proxied.status).toBe(200);
    // A request naming another host in its target than in its Host header is refused.
    expect((await get(`http://${HEALTH_HOST}/vi/tin/${district}`, DISTRICT_HOST)).status).toBe(400);
    // A name the portal does not serve: a clear 404, never a site's pages.
    const stranger = await get('/vi/', 'portal.evil.example');
    expect(stranger.status).toBe(404);
    expect(stranger.body).toContain('Không có trang nào ở địa chỉ này');
    expect(stranger.body).not.toContain('Tiêm chủng');
    // A made-up name thousands of characters long is not repeated whole.
    const long = await get('/vi/', `${'a'.repeat(9000)}.example`);
    expect(long.status).toBe(404);
    expect(long.body.length).toBeLessThan(2000);
    expect(long.body).toContain('(9008 ký tự / characters)');

    // Each item's mirror went to its own site's channel, linking to its own host, once.
    await j.telegram.waitFor(() => j.graph.live.find((p) => p.link?.includes(health)) && j.zalo.articles.find((a) => a.title.includes('Huyện A')), 120_000);
    expect(j.graph.live.filter((p) => p.link !== null).map((p) => p.link)).toEqual([`http://${HEALTH_HOST}/vi/tin/${health}`]);
    expect(j.zalo.articles.filter((a) => !a.removed).map((a) => a.title)).toEqual(['Huyện A khánh thành trường tiểu học']);
  });

  it('in the department’s desk chat, the desk’s commands answer for the department alone: its members read along', { timeout: 300_000 }, async () => {
    // The editor works on both sites; asked in the department's desk, the district's item is not there to find.
    j.say(editor, HEALTH_DESK, { text: '/find huyen a' });
    await j.waitText(HEALTH_DESK, 'Không tìm thấy tin nào khớp “huyen a”');
    j.say(editor, HEALTH_DESK, { text: '/find tiem chung' });
    const found = await j.waitText(HEALTH_DESK, 'tin khớp “tiem chung”');
    expect(found).toContain('Tiêm chủng mở rộng tại trạm y tế xã');
    j.say(editor, HEALTH_DESK, { text: `/status ${published.district}` });
    await j.waitText(HEALTH_DESK, `Không tìm thấy tin bài ${published.district}`);
    j.say(editor, HEALTH_DESK, { text: `/status ${published.health}` });
    await j.waitText(HEALTH_DESK, `${published.health} — “Tiêm chủng`);
    // The desk's counts there are the department's: its one item published.
    j.say(editor, HEALTH_DESK, { text: '/stats' });
    expect(await j.waitText(HEALTH_DESK, '📊')).toContain('1 đã xuất bản');
    // Privately, the same person finds both, and counts both.
    j.say(editor, editor.id, { text: '/find huyen a' });
    expect(await j.waitText(editor.id, 'tin khớp “huyen a”')).toContain('Huyện A khánh thành trường tiểu học');
    j.say(editor, editor.id, { text: '/stats' });
    expect(await j.waitText(editor.id, '📊')).toContain('2 đã xuất bản');
    // In a collaborators' group the desk's commands stay refused.
    j.say(editor, HEALTH_CHAT, { text: '/find tiem chung' });
    await j.waitText(HEALTH_CHAT, 'chỉ dùng trong tin nhắn riêng');
  });

  it('the week’s list of sites gone stale reaches the editorial chat once, a crash and restart notwithstanding', { timeout: 600_000 }, async () => {
    const lists = () => j.telegram.texts(EDITORIAL).filter((x) => x.includes('Trang chưa cập nhật quá'));
    // Made today, no site is stale yet. Forty days on (the service stopped meanwhile), the province's own site has
    // published nothing since it was made, and the two sites' items are forty days old: all on that week's list
    // (the job's first run is a minute after start).
    await j.kill();
    j.moveClock(tuesdayMorningAfter(40));
    await j.restart();
    const list = await j.telegram.waitFor(() => lists()[0], 150_000);
    expect(list).toContain('• Cổng thông tin điện tử tỉnh Đồng Nai — chưa đăng tin nào');
    expect(list).toContain('(3 trang)');
    await j.kill();
    await j.restart();
    // The restarted service's first run of the job, and a little more: nothing twice.
    await sleep(80_000);
    expect(lists()).toHaveLength(1);
  });
});
