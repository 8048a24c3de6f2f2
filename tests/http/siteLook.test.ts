import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSite } from '../../src/app/people.js';
import { setSiteLook } from '../../src/app/siteLook.js';
import { BACKENDS, type TestDatabase } from '../helpers/databases.js';
import { portalFixture, within, type PortalFixture } from '../helpers/portal.js';

const HOST = 'soyte.example.test';
const PROVINCE = 'portal.example.test';

/** Issue 20.2 over HTTP: a site's emblem and colour at its own host and on its /vi/don-vi/KEY pages, never on the province's. */
describe.each(BACKENDS)('a site’s own look on its pages on $name', ({ fresh, skip }) => {
  let db: TestDatabase;
  let p: PortalFixture;
  let emblem = '';

  beforeAll(async () => {
    if (skip) return;
    db = await fresh();
    p = await portalFixture(db.url);
    const made = await createSite(p.desk.deps, { key: 'so-y-te', kind: 'department', nameVi: 'Sở Y tế', nameEn: 'Department of Health', codePrefix: 'SYT', parentKey: 'tinh', domain: HOST });
    if (!made.ok) throw new Error(made.reason);
    const file = join(p.mediaDir, 'sent-logo.png');
    writeFileSync(file, await sharp({ create: { width: 400, height: 400, channels: 3, background: '#0b5394' } }).png().toBuffer());
    const look = await setSiteLook(p.desk.deps, p.mediaDir, 'so-y-te', { emblemPath: file, colour: '#0b5394' });
    if (!look.ok) throw new Error(look.reason);
    emblem = `/${look.value.emblem!}`;
  });
  afterAll(async () => {
    if (skip) return;
    await p.close();
    await db.drop();
  });

  it.skipIf(skip)('the site’s host and its page on the province’s host carry its emblem and colour; the province’s pages do not', async () => {
    for (const [path, host] of [['/vi/', HOST], ['/en/', HOST], ['/vi/don-vi/so-y-te', PROVINCE]] as const) {
      const page = await p.page(path, { Host: host });
      expect(page.status, path).toBe(200);
      expect(page.text, path).toContain(`<a class="brand" href="`);
      expect(page.text, path).toContain(`<img src="${emblem}-128.png" srcset="${emblem}-128.png 1x, ${emblem}-256.png 2x" alt="" width="48" height="48"><span>${path.startsWith('/en') ? 'Department of Health' : 'Sở Y tế'}</span>`);
      expect(page.text, path).toContain('<link rel="stylesheet" href="/site-look/0b5394.css">');
      expect(page.text, path).toContain(`<link rel="icon" href="${emblem}-128.png" type="image/png">`);
      // The CSP forbids inline style: the colour is never in the page itself.
      expect(page.text, path).not.toMatch(/style=|<style/);
      expect(page.headers.get('content-security-policy'), path).toContain("style-src 'self'");
    }
    const province = await p.page('/vi/', { Host: PROVINCE });
    expect(province.status).toBe(200);
    expect(province.text).not.toContain('/site-look/');
    expect(province.text).not.toContain(emblem);
    expect(province.text).toMatch(/<img src="\/assets\/emblem\.[0-9a-f]{12}\.svg" alt="" width="48" height="48"><span>Cổng thông tin điện tử tỉnh Bình Phước<\/span>/);
  });

  it.skipIf(skip)('serves the stylesheet and the emblem PNGs under content names, kept a year, with ETags', async () => {
    const css = await p.get('/site-look/0b5394.css', { Host: HOST });
    expect(css.status).toBe(200);
    expect(css.headers.get('content-type')).toBe('text/css; charset=utf-8');
    expect(css.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(await css.text()).toContain(':root { --accent: #0b5394; --link: #0b5394; }');
    expect((await p.get('/site-look/0b5394.css', { Host: HOST, 'If-None-Match': css.headers.get('etag')! })).status).toBe(304);
    // A colour no site may have, or anything else, is not drawn.
    for (const bad of ['/site-look/ffeb99.css', '/site-look/0B5394.css', '/site-look/x.css']) expect((await p.get(bad)).status, bad).toBe(404);

    for (const size of [128, 256]) {
      const png = await p.get(`${emblem}-${size}.png`, { Host: HOST });
      expect(png.status).toBe(200);
      expect(png.headers.get('content-type')).toBe('image/png');
      const meta = await sharp(Buffer.from(await png.arrayBuffer())).metadata();
      expect([meta.format, meta.width, meta.height]).toEqual(['png', size, size]);
      // The same on the province's host (its /vi/don-vi/so-y-te pages show it there).
      expect((await p.get(`${emblem}-${size}.png`, { Host: PROVINCE })).status).toBe(200);
    }
    for (const bad of [`${emblem}-64.png`, '/emblems/../hub-secret', `/emblems/${'0'.repeat(64)}-128.png`]) expect((await p.get(bad, { Host: HOST })).status, bad).toBe(404);
  });

  it.skipIf(skip)('kept pages change when the look changes: a new colour, then none', async () => {
    const kept = async () => (await p.page('/vi/', { Host: HOST })).text;
    expect(await kept()).toContain('/site-look/0b5394.css');
    expect(await setSiteLook(p.desk.deps, p.mediaDir, 'so-y-te', { colour: '#225522' })).toMatchObject({ ok: true });
    await within(2000, async () => (await kept()).includes('/site-look/225522.css'));
    expect(await setSiteLook(p.desk.deps, p.mediaDir, 'so-y-te', { colour: '', emblemPath: '' })).toMatchObject({ ok: true });
    await within(2000, async () => !(await kept()).includes('/site-look/'));
    expect(await kept()).not.toContain(emblem);
  });
});
