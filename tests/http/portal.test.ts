import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { act, correct } from '../../src/app/items.js';
import { cancelMaintenance, scheduleMaintenance } from '../../src/app/portalAdmin.js';
import { createSite } from '../../src/app/people.js';
import { publicWeb } from '../../src/http/web.js';
import { BACKENDS, type TestDatabase } from '../helpers/databases.js';
import { portalFixture, publishThrough, within, type PortalFixture } from '../helpers/portal.js';

const HOUR = 3_600_000;

describe.each(BACKENDS)('public portal pages on $name', ({ fresh, skip, name }) => {
  let db: TestDatabase;
  let p: PortalFixture;

  beforeAll(async () => {
    if (skip) return;
    db = await fresh();
    p = await portalFixture(db.url);
  });
  afterAll(async () => {
    if (skip) return;
    await p.close();
    await db.drop();
  });

  const publish = (title: string, body = 'Nội dung bài viết.', category: string | null = 'kinh-te', language = 'vi') => {
    p.desk.time.advance(60_000);
    return publishThrough(p.desk, { title, summary: `Tóm tắt: ${title}`, body, language }, category);
  };

  it.skipIf(skip)('a published item shows on home, its category, its page, every feed and the API within 1 s', async () => {
    await publish('Tin mở đầu');
    const places = ['/vi/', '/vi/chuyen-muc/kinh-te', '/vi/feed.rss', '/vi/feed.atom', '/vi/feed.json', '/vi/chuyen-muc/kinh-te/feed.rss', '/api/v1/items?lang=vi'];
    // Warm every cache first: the test is that publishing reaches pages already kept in memory.
    for (const path of places) expect((await p.page(path)).text).toContain('Tin mở đầu');

    const item = await publish('Giải ngân vốn đầu tư công đạt 95%');
    const shows = async () => {
      const pages = await Promise.all([...places, `/vi/tin/${item.code}`].map((path) => p.page(path)));
      return pages.every((pg) => pg.status === 200 && pg.text.includes('Giải ngân vốn đầu tư công đạt 95%'));
    };
    const took = await within(1000, shows);
    expect(took).toBeLessThan(1000);
    console.log(`${name}: a publication showed on all 8 places after ${Math.round(took)} ms`);
  });

  it.skipIf(skip)('the article page carries author, source, times, share links, Open Graph and NewsArticle data', async () => {
    const item = await publish('Khánh thành cầu mới', 'Đoạn một.\n\nĐoạn hai, xem https://dongnai.gov.vn/tin.');
    const { status, text } = await p.page(`/vi/tin/${item.code}`);
    expect(status).toBe(200);
    expect(text).toContain('<html lang="vi">');
    expect(text).toContain('<h1>Khánh thành cầu mới</h1>');
    expect(text).toContain('Tác giả: Phạm Thu Dung');
    expect(text).toContain('Nguồn: Cổng thông tin điện tử tỉnh Bình Phước');
    expect(text).toContain('<a href="https://dongnai.gov.vn/tin" rel="nofollow noopener">https://dongnai.gov.vn/tin</a>.');
    expect(text).toMatch(/Đăng lúc <time datetime="2026-11-30T\d\d:\d\d:00.000Z">\d\d:\d\d \d\d\/11\/2026<\/time>/);
    expect(text).not.toContain('Cập nhật lúc');
    expect(text).toContain(`<meta property="og:url" content="https://portal.example.test/vi/tin/${item.code}">`);
    expect(text).toContain('<meta property="og:type" content="article">');
    // No picture of its own: link previews show the portal's cover.
    expect(text).toContain('<meta property="og:image" content="https://portal.example.test/assets/cover.png">');
    expect(text).toContain('https://www.facebook.com/sharer/sharer.php?u=https%3A%2F%2Fportal.example.test%2Fvi%2Ftin%2F');
    const ld = JSON.parse(/<script type="application\/ld\+json">(.*?)<\/script>/s.exec(text)?.[1] ?? '{}') as Record<string, unknown>;
    expect(ld).toMatchObject({ '@type': 'NewsArticle', headline: 'Khánh thành cầu mới', identifier: item.code, inLanguage: 'vi' });
    expect(text).toContain('Tin liên quan');
  });

  it.skipIf(skip)('a correction shows the new text and its updated time on the page, in feeds and in the API', async () => {
    const item = await publish('Lịch tiếp công dân tháng 12');
    p.desk.time.advance(2 * HOUR);
    const corrected = await correct(p.desk.deps, p.desk.id.deputy, item.code, { title: 'Lịch tiếp công dân tháng 12 (đính chính)', body: 'Đổi ngày tiếp.' }, 'Sai ngày');
    expect(corrected.ok).toBe(true);
    // Every page kept in memory follows within the cache's freshness window, well inside 1 s.
    await within(1000, async () => (await p.page(`/vi/tin/${item.code}`)).text.includes('(đính chính)') && (await p.page('/vi/feed.atom')).text.includes('(đính chính)'));
    const article = (await p.page(`/vi/tin/${item.code}`)).text;
    expect(article).toContain('Cập nhật lúc <time datetime="');
    const api = (await (await p.get(`/api/v1/items/${item.code}`)).json()) as { title: string; publishedAt: string; updatedAt: string };
    expect(api.title).toBe('Lịch tiếp công dân tháng 12 (đính chính)');
    expect(new Date(api.updatedAt).getTime() - new Date(api.publishedAt).getTime()).toBe(2 * HOUR);
  });

  it.skipIf(skip)('a take-down answers 410 with a notice on the article URL and drops the item everywhere else', async () => {
    const item = await publish('Tin sẽ bị gỡ');
    const down = await act(p.desk.deps, p.desk.id.deputy, item.code, { type: 'takeDown', note: 'Thông tin chưa chính xác' });
    expect(down.ok).toBe(true);
    await within(1000, async () => (await p.page(`/vi/tin/${item.code}`)).status === 410);
    const gone = await p.page(`/vi/tin/${item.code}`);
    expect(gone.text).toContain('Tin bài đã được gỡ');
    expect(gone.text).toContain('Lý do: Thông tin chưa chính xác');
    const english = await p.page(`/en/news/${item.code}`);
    expect(english.status).toBe(410);
    expect(english.text).toContain('This item was taken down');
    for (const path of ['/vi/', '/vi/chuyen-muc/kinh-te', '/vi/feed.rss', '/vi/feed.json', '/api/v1/items', '/sitemap.xml', '/vi/tim-kiem?q=bi+go']) {
      expect((await p.page(path)).text, path).not.toContain('Tin sẽ bị gỡ');
    }
    const api = await p.get(`/api/v1/items/${item.code}`);
    expect(api.status).toBe(410);
    expect(await api.json()).toMatchObject({ error: 'gone', code: item.code, reason: 'Thông tin chưa chính xác' });
  });

  it.skipIf(skip)('what a sender typed renders as text: markup, scripts and javascript: links stay inert', async () => {
    const payload = '<script>alert(1)</script><img src=x onerror=alert(2)> javascript:alert(3) "><svg onload=alert(4)>';
    const item = await publish(`XSS </script><script>alert(5)</script>`, payload);
    const { text } = await p.page(`/vi/tin/${item.code}`);
    expect(text).not.toMatch(/<script>alert|<img src=x|<svg onload|href="javascript:/i);
    expect(text).toContain('&lt;script&gt;alert(1)&lt;/script&gt;&lt;img src=x onerror=alert(2)&gt;');
    // The title also sits in JSON-LD: it cannot close that element.
    expect(text).toContain('\\u003c/script>\\u003cscript>alert(5)\\u003c/script>');
    expect((await p.page('/vi/feed.rss')).text).not.toContain('<script>alert(1)');
  });

  it.skipIf(skip)('search finds Vietnamese with or without diacritics, and says when nothing matched', async () => {
    await publish('Đồng Nai khởi công đường cao tốc');
    for (const q of ['đồng nai khởi công', 'dong nai khoi cong', 'DONG NAI cao toc']) {
      const { text } = await p.page(`/vi/tim-kiem?q=${encodeURIComponent(q)}`);
      expect(text, q).toContain('Đồng Nai khởi công đường cao tốc');
    }
    const none = await p.page('/vi/tim-kiem?q=khong+co+tu+nay');
    expect(none.text).toContain('0 kết quả cho “khong co tu nay”');
    // A phone that takes gzip gets the same page, compressed (off the page thread, cache.ts).
    const zipped = await p.get(`/vi/tim-kiem?q=${encodeURIComponent('cao tốc đồng nai')}`, { 'Accept-Encoding': 'gzip' });
    expect(zipped.headers.get('Content-Encoding')).toBe('gzip');
    const unzipped = gunzipSync(Buffer.from(await zipped.arrayBuffer())).toString('utf8');
    expect(unzipped).toContain('Đồng Nai khởi công đường cao tốc');
    expect(unzipped).toBe((await p.page(`/vi/tim-kiem?q=${encodeURIComponent('cao tốc đồng nai')}`)).text);
  });

  it.skipIf(skip)('English pages list English items, with an English frame and a switch to the Vietnamese page', async () => {
    await publish('Provincial council meets on public investment', 'In English.', 'kinh-te', 'en');
    const home = await p.page('/en/');
    expect(home.text).toContain('<html lang="en">');
    expect(home.text).toContain('Provincial council meets on public investment');
    expect(home.text).not.toContain('Khánh thành cầu mới');
    expect(home.text).toContain('<a class="lang" href="/vi/" hreflang="vi" lang="vi">Tiếng Việt</a>');
    const category = await p.page('/en/category/kinh-te');
    expect(category.text).toContain('<h1>Economy</h1>');
    expect(category.text).toContain('href="/vi/chuyen-muc/kinh-te" hreflang="vi"');
    const missing = await p.page('/en/news/XX-2026-99999');
    expect(missing.status).toBe(404);
    expect(missing.text).toContain('Page not found');
  });

  it.skipIf(skip)('component sites: the province home links to each; each wears the same frame and links back', async () => {
    const made = await createSite(p.desk.deps, { key: 'dongxoai', kind: 'district', parentKey: 'tinh', nameVi: 'UBND thành phố Đồng Xoài', nameEn: 'Dong Xoai City', codePrefix: 'DX' });
    expect(made.ok).toBe(true);
    await within(1000, async () => (await p.page('/vi/')).text.includes('href="/vi/don-vi/dongxoai"'));
    const site = await p.page('/vi/don-vi/dongxoai');
    expect(site.status).toBe(200);
    expect(site.text).toContain('<span>UBND thành phố Đồng Xoài</span>');
    expect(site.text).toContain('<a href="/vi/">Về Cổng thông tin điện tử tỉnh Bình Phước</a>');
    expect(site.text).toContain('<header class="masthead">');
    expect(site.text).toContain('<footer class="foot">');
    expect(site.text).toContain('Chưa có tin bài nào.');
    expect((await p.page('/en/site/dongxoai')).text).toContain('Back to Binh Phuoc Provincial Portal');
    expect((await p.page('/vi/don-vi/khong-co')).status).toBe(404);
  });

  it.skipIf(skip)('category pages are paginated, 20 to a page', async () => {
    for (let i = 1; i <= 21; i += 1) await publish(`Thời sự số ${i}`, 'Nội dung.', 'thoi-su');
    const first = await p.page('/vi/chuyen-muc/thoi-su');
    expect(first.text).toContain('Trang 1/2');
    expect(first.text).toContain('href="/vi/chuyen-muc/thoi-su?trang=2"');
    expect(first.text).toContain('Thời sự số 21');
    const second = await p.page('/vi/chuyen-muc/thoi-su?trang=2');
    expect(second.text).toContain('Thời sự số 1<');
    expect(second.text).not.toContain('Thời sự số 21');
  });

  it.skipIf(skip)('a scheduled maintenance shows its restore time on every page until it is cancelled', async () => {
    const now = p.desk.deps.clock();
    const r = await scheduleMaintenance(p.desk.deps, { startsAt: new Date(now.getTime() + 2 * HOUR), restoresAt: new Date(now.getTime() + 4 * HOUR), noteVi: 'Nâng cấp máy chủ.' });
    if (!r.ok) throw new Error(r.reason);
    await within(1000, async () => (await p.page('/vi/')).text.includes('bảo trì'));
    const home = (await p.page('/vi/')).text;
    expect(home).toMatch(/hệ thống sẽ tạm dừng để bảo trì từ \d\d:\d\d \d\d\/\d\d\/2026 đến \d\d:\d\d \d\d\/\d\d\/2026\. Nâng cấp máy chủ\./);
    expect((await p.page('/en/category/kinh-te')).text).toContain('down for maintenance');
    await cancelMaintenance(p.desk.deps, r.value.id);
    await within(1000, async () => !(await p.page('/vi/')).text.includes('bảo trì'));
  });

  it.skipIf(skip)('pages revalidate with ETag and go out compressed to clients that take gzip', async () => {
    const first = await p.get('/vi/');
    const etag = first.headers.get('etag');
    expect(etag).toMatch(/^"[\w-]+"$/);
    expect((await p.get('/vi/', { 'If-None-Match': etag! })).status).toBe(304);
    const zipped = await p.get('/vi/', { 'Accept-Encoding': 'gzip, br' });
    expect(zipped.headers.get('content-encoding')).toBe('gzip');
  });

  it.skipIf(skip)('every response carries the security headers; HSTS only where the portal is served over TLS', async () => {
    const r = await p.get('/vi/');
    const csp = r.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain('unsafe-inline');
    expect(r.headers.get('x-content-type-options')).toBe('nosniff');
    expect(r.headers.get('referrer-policy')).toBe('strict-origin-when-cross-origin');
    expect(r.headers.get('strict-transport-security')).toContain('max-age=');
    const plain = publicWeb({ deps: p.desk.deps, baseUrl: 'http://localhost:3000', mediaDir: p.mediaDir, emc: null });
    const overHttp = await plain.app.request('/vi/');
    expect(overHttp.status).toBe(200);
    expect(overHttp.headers.get('strict-transport-security')).toBeNull();
  });
});
