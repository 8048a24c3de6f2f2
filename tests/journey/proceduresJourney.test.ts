import { getAtHost } from '../helpers/service.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshSqlite, type TestDatabase } from '../helpers/databases.js';
import { startJourney, type Journey } from '../helpers/journey.js';

const HEALTH_HOST = 'syt.dongnai.test';
const PORTAL = 'dichvucong.dongnai.gov.vn';
const LICENCE = `https://${PORTAL}/thu-tuc/1.001234?ma=cap-chung-chi-hanh-nghe`;

/**
 * Issue 20.4, administrative procedures (Điều 13.1), through the real service and its CLI: the operator links a
 * department's procedures to the province's public-service portal; the department's own host lists them in a section
 * of their own (and links to it from every page), the province's host under the department's name, another site's
 * host not at all; a link elsewhere than the configured portal is refused; a removal is gone from the page.
 */
describe('a site’s administrative procedures, linked to the public-service portal', () => {
  let db: TestDatabase;
  let j: Journey;

  /** A GET with the Host a reader's browser sends (the name resolved to 127.0.0.1 here). */
  const get = (path: string, host: string) => getAtHost(j.port, path, host);

  beforeAll(async () => {
    db = await freshSqlite();
    j = await startJourney(db.url, {}, { mirrors: false, zaloGroup: false, env: { PUBLIC_SERVICE_HOSTS: `${PORTAL},dichvucong.gov.vn` } });
    await j.cli(['site', 'add', '--key', 'so-y-te', '--kind', 'department', '--name-vi', 'Sở Y tế', '--name-en', 'Department of Health', '--prefix', 'SYT', '--parent', 'tinh', '--domain', HEALTH_HOST]);
    await j.cli(['site', 'add', '--key', 'huyen-a', '--kind', 'district', '--name-vi', 'UBND huyện A', '--name-en', 'District A', '--prefix', 'HA', '--parent', 'tinh', '--domain', 'huyena.dongnai.test']);
    await j.start();
  }, 400_000);
  afterAll(async () => {
    await j?.stop();
    await db?.drop();
  }, 120_000);

  it('linked by the operator, listed at the site’s host and the province’s, never copied, refused elsewhere', { timeout: 300_000 }, async () => {
    // Nothing linked yet: no menu entry, and the page says so.
    expect((await get('/vi/', HEALTH_HOST)).body).not.toContain('/vi/thu-tuc-hanh-chinh');
    expect((await get('/vi/thu-tuc-hanh-chinh', HEALTH_HOST)).body).toContain('chưa liên kết thủ tục hành chính nào');

    const added = await j.cli(['procedure', 'add', 'so-y-te', '--name', 'Cấp chứng chỉ hành nghề khám bệnh, chữa bệnh', '--name-en', 'Medical practising certificate', '--url', LICENCE]);
    expect(added).toContain('Đã thêm thủ tục “Cấp chứng chỉ hành nghề khám bệnh, chữa bệnh” cho trang so-y-te (1 thủ tục)');
    await j.cli(['procedure', 'add', 'so-y-te', '--name', 'Cấp giấy phép hoạt động nhà thuốc', '--url', 'https://dichvucong.gov.vn/p/home/dvc-chi-tiet-thu-tuc-hanh-chinh.html?ma_thu_tuc=2.000001']);
    // Anywhere but the public-service portal: refused, nothing kept; the same address twice: refused.
    await expect(j.cli(['procedure', 'add', 'so-y-te', '--name', 'Thủ tục giả', '--url', 'https://dichvucong.evil.example/lua-dao'])).rejects.toThrow(/không phải Cổng dịch vụ công đã cấu hình \(dichvucong\.dongnai\.gov\.vn, dichvucong\.gov\.vn\)/);
    await expect(j.cli(['procedure', 'add', 'so-y-te', '--name', 'Thủ tục', '--url', 'javascript:alert(1)'])).rejects.toThrow(/không phải địa chỉ http\(s\) hợp lệ/);
    await expect(j.cli(['procedure', 'add', 'so-y-te', '--name', 'Lặp', '--url', LICENCE])).rejects.toThrow(/đã có trong danh sách/);
    await expect(j.cli(['procedure', 'add', 'so-y-te', '--name', '   ', '--url', `${LICENCE}&x=1`])).rejects.toThrow(/Cần tên thủ tục/);
    expect(await j.cli(['procedure', 'list', 'so-y-te'])).toContain(LICENCE);

    // The department's host: a menu entry on its pages, and the page of procedures linking out, in both languages.
    await j.telegram.waitFor(async () => (await get('/vi/', HEALTH_HOST)).body.includes('href="/vi/thu-tuc-hanh-chinh"'), 30_000);
    const vi = await get('/vi/thu-tuc-hanh-chinh', HEALTH_HOST);
    expect(vi.status).toBe(200);
    expect(vi.body).toContain(`<a href="${LICENCE.replace(/&/g, '&amp;')}" rel="external noopener">Cấp chứng chỉ hành nghề khám bệnh, chữa bệnh</a>`);
    expect(vi.body).toContain('được tiếp nhận và giải quyết trên Cổng dịch vụ công');
    const en = await get('/en/administrative-procedures', HEALTH_HOST);
    expect(en.body).toContain('>Medical practising certificate</a>');
    // Without an English name, the Vietnamese one.
    expect(en.body).toContain('>Cấp giấy phép hoạt động nhà thuốc</a>');
    // The province's host lists it under the department's name; the district's host has none of it.
    const province = await get('/vi/thu-tuc-hanh-chinh', `127.0.0.1:${j.port}`);
    expect(province.body).toContain('<h2>Sở Y tế</h2>');
    expect(province.body).toContain('Cấp chứng chỉ hành nghề khám bệnh, chữa bệnh');
    const district = await get('/vi/thu-tuc-hanh-chinh', 'huyena.dongnai.test');
    expect(district.body).not.toContain('Cấp chứng chỉ hành nghề');
    expect((await get('/vi/', 'huyena.dongnai.test')).body).not.toContain('/vi/thu-tuc-hanh-chinh');

    // Removed: gone from the page.
    expect(await j.cli(['procedure', 'remove', 'so-y-te', '--url', LICENCE])).toContain('(1 thủ tục)');
    await j.telegram.waitFor(async () => !(await get('/vi/thu-tuc-hanh-chinh', HEALTH_HOST)).body.includes('Cấp chứng chỉ hành nghề'), 30_000);
    await expect(j.cli(['procedure', 'remove', 'so-y-te', '--url', LICENCE])).rejects.toThrow(/không có thủ tục nào ở địa chỉ/);
  });

  it('a site moved to a new host name answers there within a second or two, its old name no longer does; a site may have several names', { timeout: 120_000 }, async () => {
    expect((await get('/vi/', 'huyena.dongnai.test')).status).toBe(200);
    expect((await get('/vi/', 'huyenmoi.dongnai.test')).status).toBe(404);
    await j.cli(['site', 'edit', 'huyen-a', '--domain', 'huyenmoi.dongnai.test']);
    // Only requests to names no page is kept for: they too read what changed (it once took up to a minute).
    const began = Date.now();
    await j.telegram.waitFor(async () => (await get('/vi/', 'huyenmoi.dongnai.test')).status === 200, 5_000);
    expect(Date.now() - began).toBeLessThan(5_000);
    await j.telegram.waitFor(async () => (await get('/vi/', 'huyena.dongnai.test')).status === 404, 5_000);

    // More than one name: each serves the site, the first is where its addresses point; a name another site holds is refused.
    await j.cli(['site', 'edit', 'huyen-a', '--domain', 'huyenmoi.dongnai.test, WWW.huyenmoi.dongnai.test.']);
    await j.telegram.waitFor(async () => (await get('/vi/', 'www.huyenmoi.dongnai.test')).status === 200, 5_000);
    expect((await get('/vi/', 'huyenmoi.dongnai.test')).status).toBe(200);
    expect((await get('/vi/', 'www.huyenmoi.dongnai.test')).body).toContain('<link rel="canonical" href="http://huyenmoi.dongnai.test/vi/">');
    await expect(j.cli(['site', 'edit', 'huyen-a', '--domain', `huyenmoi.dongnai.test,${HEALTH_HOST}`])).rejects.toThrow(/syt\.dongnai\.test[\s\S]*so-y-te/);
    const sites = JSON.parse((await get('/api/v1/sites', `127.0.0.1:${j.port}`)).body) as { sites: { key: string; domain: string; hosts: string[] }[] };
    expect(sites.sites.find((x) => x.key === 'huyen-a')).toMatchObject({ domain: 'huyenmoi.dongnai.test', hosts: ['huyenmoi.dongnai.test', 'www.huyenmoi.dongnai.test'] });
  });
});
