import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSite } from '../../src/app/people.js';
import { BACKENDS, type TestDatabase } from '../helpers/databases.js';
import { portalFixture, type PortalFixture } from '../helpers/portal.js';

const HOST = 'soyte.example.test';
const PROVINCE = 'portal.example.test';

/** The document library is reached from every page: the menu and the footer link it, at each host, in both languages. */
describe.each(BACKENDS)('the link to the document library on $name', ({ fresh, skip }) => {
  let db: TestDatabase;
  let p: PortalFixture;

  beforeAll(async () => {
    if (skip) return;
    db = await fresh();
    p = await portalFixture(db.url);
    for (const [key, domain, prefix] of [['so-y-te', HOST, 'SYT'], ['so-noi-vu', null, 'SNV']] as const) {
      const made = await createSite(p.desk.deps, { key, kind: 'department', nameVi: key, nameEn: key, codePrefix: prefix, parentKey: 'tinh', ...(domain ? { domain } : {}) });
      if (!made.ok) throw new Error(made.reason);
    }
  });
  afterAll(async () => {
    if (skip) return;
    await p.close();
    await db.drop();
  });

  it.skipIf(skip)('the province, a site at its own host and a site read on the province’s host each link their library, in the menu and the footer', async () => {
    const cases = [
      ['/vi/', PROVINCE, '/vi/van-ban', 'Văn bản'],
      ['/en/', PROVINCE, '/en/documents', 'Documents'],
      ['/vi/', HOST, '/vi/van-ban', 'Văn bản'],
      ['/en/', HOST, '/en/documents', 'Documents'],
      // A site without a host of its own: the province's library, filtered to it.
      ['/vi/don-vi/so-noi-vu', PROVINCE, '/vi/van-ban?site=so-noi-vu', 'Văn bản'],
      ['/en/site/so-noi-vu', PROVINCE, '/en/documents?site=so-noi-vu', 'Documents'],
    ] as const;
    for (const [path, host, href, label] of cases) {
      const page = await p.page(path, { Host: host });
      expect(page.status, path).toBe(200);
      const shown = `<a href="${href.replace('&', '&amp;')}">${label}</a>`;
      const nav = /<nav aria-label="[^"]*"><ul class="wrap menu">([\s\S]*?)<\/ul><\/nav>/.exec(page.text)?.[1] ?? '';
      expect(nav, `${host}${path} menu`).toContain(shown);
      const foot = /<footer class="foot">([\s\S]*?)<\/footer>/.exec(page.text)?.[1] ?? '';
      expect(foot, `${host}${path} footer`).toContain(shown);
      // The link leads somewhere: the library answers there.
      const library = await p.page(href, { Host: host });
      expect(library.status, href).toBe(200);
      expect(library.text, href).toContain(`<h1>${label}</h1>`);
    }
    // On the library itself the menu says so.
    expect((await p.page('/vi/van-ban', { Host: PROVINCE })).text).toContain('<a href="/vi/van-ban" aria-current="page">Văn bản</a>');
  });

  it.skipIf(skip)('kept pages are still kept, link and all', async () => {
    await p.get('/vi/', { Host: HOST });
    const again = await p.get('/vi/', { Host: HOST });
    expect(again.headers.get('x-cache')).toBe('hit');
    expect(await again.text()).toContain('<a href="/vi/van-ban">Văn bản</a>');
  });
});
