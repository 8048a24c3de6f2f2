import { mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import type { Browser, Page } from 'playwright-core';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPortalServer } from '../../src/http/fastPath.js';
import { freshSqlite, type TestDatabase } from '../helpers/databases.js';
import { launchChromium, NO_BROWSER } from '../helpers/browser.js';
import { portalFixture, publishThrough, storeMedia, type PortalFixture } from '../helpers/portal.js';

const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const SHOTS = 'test-output/screenshots';

interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[] }[];
}

/** axe-core in the page, limited to WCAG 2.0 A and AA (what the regulation asks for). */
async function axeViolations(page: Page): Promise<string[]> {
  await page.evaluate(AXE_SOURCE);
  // Written as page script text: it runs in the browser, where the DOM lives (the project compiles without DOM types).
  const violations = (await page.evaluate(`axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa'] } })
    .then((r) => r.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => ({ target: n.target })) })))`)) as AxeViolation[];
  return violations.map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

const XSS_TITLE = 'Thử mã độc <img src=x onerror="document.title=\'pwned\'">';
const XSS_BODY = '<script>window.pwned = 1</script>\n<img src=x onerror="window.pwned = 2">\n<svg onload="window.pwned = 3"></svg> javascript:window.pwned=4 <a href="javascript:window.pwned=5">bấm</a>';

describe.skipIf(NO_BROWSER)('the portal in Chromium', () => {
  let db: TestDatabase;
  let p: PortalFixture;
  let server: Server;
  let base: string;
  let browser: Browser;
  const codes: Record<string, string> = {};

  beforeAll(async () => {
    db = await freshSqlite();
    p = await portalFixture(db.url);
    const picture = await sharp({ create: { width: 1200, height: 675, channels: 3, background: '#3b7' } }).jpeg().toBuffer();
    const ref = await storeMedia(p.mediaDir, picture);
    const publish = async (key: string, title: string, body: string, category: string, language = 'vi') => {
      p.desk.time.advance(60_000);
      codes[key] = (await publishThrough(p.desk, { title, summary: `Tóm tắt: ${title}`, body, language, mediaRefs: [ref] }, category)).code;
    };
    await publish('vi', 'Đồng Nai đẩy mạnh giải ngân vốn đầu tư công', 'Sáng 30/11, UBND tỉnh họp với các sở, ngành.\n\nXem thêm https://dongnai.gov.vn.', 'kinh-te');
    await publish('other', 'Khai mạc hội chợ nông sản', 'Hội chợ diễn ra trong ba ngày.', 'thoi-su');
    await publish('en', 'Provincial council meets on public investment', 'The council met on 30 November.', 'kinh-te', 'en');
    await publish('xss', XSS_TITLE, XSS_BODY, 'thoi-su');
    server = createPortalServer(p.web.cache, p.web.headers, p.web.app.fetch);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    browser = await launchChromium();
    mkdirSync(SHOTS, { recursive: true });
  });
  afterAll(async () => {
    await browser?.close();
    await new Promise((resolve) => server?.close(resolve));
    await p?.close();
    await db?.drop();
  });

  const pages = () => [
    ['vi', 'home', '/vi/'],
    ['vi', 'category', '/vi/chuyen-muc/kinh-te'],
    ['vi', 'article', `/vi/tin/${codes.vi}`],
    ['vi', 'search', '/vi/tim-kiem?q=giai+ngan'],
    ['en', 'home', '/en/'],
    ['en', 'category', '/en/category/kinh-te'],
    ['en', 'article', `/en/news/${codes.en}`],
    ['en', 'search', '/en/search?q=council'],
    ['vi', 'interactions', '/vi/tuong-tac'],
    ['en', 'interactions', '/en/interactions'],
  ] as const;

  it('home, category, article and search in Vietnamese and English have no WCAG 2.0 AA violations', async () => {
    const context = await browser.newContext({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true });
    const page = await context.newPage();
    const problems: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'error') problems.push(`${page.url()}: ${m.text()}`);
    });
    for (const [lang, name, path] of pages()) {
      const response = await page.goto(`${base}${path}`, { waitUntil: 'load' });
      expect(response?.status(), path).toBe(200);
      expect(await page.getAttribute('html', 'lang')).toBe(lang);
      await page.screenshot({ path: `${SHOTS}/${lang}-${name}.png`, fullPage: true });
      expect(await axeViolations(page), path).toEqual([]);
    }
    // No CSP violation, missing file or script error on any of them.
    expect(problems).toEqual([]);
    // The checker itself notices a picture without a text alternative.
    await page.evaluate(`document.querySelector('main').append(Object.assign(document.createElement('img'), { src: '/assets/none.png' }))`);
    expect((await axeViolations(page)).join('\n')).toContain('image-alt');
    await context.close();
  });

  it('the language switch leads to the same page in the other language', async () => {
    const page = await browser.newPage();
    await page.goto(`${base}/vi/chuyen-muc/kinh-te`);
    await page.click('a.lang');
    expect(new URL(page.url()).pathname).toBe('/en/category/kinh-te');
    expect(await page.textContent('h1')).toBe('Economy');
    await page.close();
  });

  it('the search form finds an item typed without diacritics', async () => {
    const page = await browser.newPage();
    await page.goto(`${base}/vi/`);
    await page.fill('#q', 'hoi cho nong san');
    await page.press('#q', 'Enter');
    await page.waitForURL(/tim-kiem/);
    expect(await page.textContent('main')).toContain('Khai mạc hội chợ nông sản');
    await page.close();
  });

  for (const bypassCSP of [false, true]) {
    it(`the XSS item executes nothing${bypassCSP ? ', even with the CSP switched off' : ''}`, async () => {
      // With the CSP off, only the escaping stands between the payload and the reader.
      const context = await browser.newContext({ bypassCSP });
      const page = await context.newPage();
      const dialogs: string[] = [];
      page.on('dialog', (d) => {
        dialogs.push(d.message());
        void d.dismiss();
      });
      for (const path of [`/vi/tin/${codes.xss}`, '/vi/', '/vi/chuyen-muc/thoi-su', '/vi/tim-kiem?q=ma+doc']) {
        await page.goto(`${base}${path}`, { waitUntil: 'load' });
        await page.waitForTimeout(100);
        expect(await page.evaluate('typeof window.pwned'), path).toBe('undefined');
        expect(await page.title(), path).not.toBe('pwned');
        expect(await page.locator('main img[src="x"], main svg, main a[href^="javascript:"]').count(), path).toBe(0);
      }
      await page.goto(`${base}/vi/tin/${codes.xss}`);
      expect(await page.textContent('h1')).toBe(XSS_TITLE);
      await page.screenshot({ path: `${SHOTS}/vi-article-xss${bypassCSP ? '-no-csp' : ''}.png`, fullPage: true });
      expect(dialogs).toEqual([]);
      await context.close();
    });
  }
});
