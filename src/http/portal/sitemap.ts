import type { Context } from 'hono';
import { Hono } from 'hono';
import { LANGS } from '../../core/messages.js';
import { articlePath, categoryPath, homePath, interactionsPath, sitePath } from '../../core/portal/paths.js';
import type { Deps } from '../../app/deps.js';
import { PageCache, rendered, tagged, type Rendered } from './cache.js';
import { TAG } from '../../core/portal/changes.js';
import { sitemapXml, xmlEscape } from './feeds.js';
import type { SiteRecord } from '../../app/ports.js';

/** The sitemaps.org limit of URLs in one file (and the size of every split month's parts). */
export const SITEMAP_URLS = 50_000;
const XML = 'application/xml; charset=utf-8';
const SITEMAP_CACHE_CONTROL = 'public, max-age=60';
/** The child with the pages that are not articles (home, sections, sites, the public exchanges). */
const FIXED_CHILD = 'trang';
/** `2026-11.xml`, and `2026-11-2.xml` and on when a month holds more than one file's worth. */
const MONTH_CHILD = /^(\d{4}-(?:0[1-9]|1[0-2]))(?:-([2-9]|[1-9]\d+))?\.xml$/;

export interface SitemapRoutesDeps {
  deps: Deps;
  baseUrl: string;
  cache: PageCache;
  /** URLs per month file; the protocol's 50,000 unless a test splits months with fewer items. */
  perFile?: number;
  /** A component site on its own host: its pages and articles alone, at its address (`baseUrl`). */
  hosted?: SiteRecord | null;
  keyPrefix?: string;
}

/** The names of the children, from the live counts per month (no read of the articles themselves). */
export function childNames(months: readonly { month: string; live: number }[], perFile = SITEMAP_URLS): string[] {
  return [FIXED_CHILD, ...months.flatMap((m) => Array.from({ length: Math.ceil(m.live / perFile) }, (_, i) => (i === 0 ? m.month : `${m.month}-${i + 1}`)))];
}

const indexXml = (locs: string[]) =>
  `<?xml version="1.0" encoding="UTF-8"?>\n<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n${locs.map((l) => `<sitemap><loc>${xmlEscape(l)}</loc></sitemap>`).join('\n')}\n</sitemapindex>\n`;

const notFound = () => rendered(404, 'text/plain; charset=utf-8', 'Không có bản đồ trang này / No such sitemap', 'no-store');

/**
 * `/sitemap.xml` is a sitemap index (sitemaps.org): one child for the fixed pages and one per month of
 * articles (newest first), a month split in files of 50,000. The index is read from the live counts
 * (PublicationTally); each child is one range of the (publishedAt, itemId) index. The children carry
 * each article's last change; the index has no lastmod (it would need every month's articles read).
 */
export function sitemapRoutes(env: SitemapRoutesDeps): Hono {
  const { deps, baseUrl, cache } = env;
  const hosted = env.hosted ?? null;
  const prefix = env.keyPrefix ?? '';
  const perFile = Math.min(env.perFile ?? SITEMAP_URLS, SITEMAP_URLS);
  const app = new Hono();
  // Filed under the sitemap's tag: a publication redraws them, a write nobody outside sees does not.
  const serve = (c: Context, key: string, draw: () => Promise<Rendered>) =>
    cache.serve(`${prefix}${key}`, async () => tagged(await draw(), [TAG.sitemap]), { ifNoneMatch: c.req.header('If-None-Match'), acceptEncoding: c.req.header('Accept-Encoding') });

  app.get('/sitemap.xml', (c) =>
    serve(c, '/sitemap.xml', async () => {
      const names = childNames(await deps.store.monthTallies(hosted?.id), perFile);
      return rendered(200, XML, indexXml(names.map((n) => `${baseUrl}/sitemap/${n}.xml`)), SITEMAP_CACHE_CONTROL);
    }),
  );

  app.get('/sitemap/:file', (c) => {
    const file = c.req.param('file');
    if (file === `${FIXED_CHILD}.xml`) {
      return serve(c, `/sitemap/${file}`, async () => {
        const [sites, categories] = await Promise.all([deps.store.sites(), deps.store.categories()]);
        // Only this host's addresses: a site on its own host has its home and sections; the province lists the
        // pages of the sites it serves (a site with a domain has its own sitemap there).
        const entries = LANGS.flatMap((lang) => [
          { path: homePath(lang) },
          ...categories.map((cat) => ({ path: categoryPath(lang, cat.key) })),
          ...(hosted ? [] : [...sites.slice(1).filter((site) => !site.domain).map((site) => ({ path: sitePath(lang, site.key) })), { path: interactionsPath(lang) }]),
        ]);
        return rendered(200, XML, sitemapXml(entries, baseUrl), SITEMAP_CACHE_CONTROL);
      });
    }
    const m = MONTH_CHILD.exec(file);
    if (!m?.[1]) return serve(c, `/sitemap/${file}`, async () => notFound());
    const month = m[1];
    const part = m[2] ? Number(m[2]) : 1;
    return serve(c, `/sitemap/${file}`, async () => {
      const rows = await deps.store.publicationsOfMonth(month, (part - 1) * perFile, perFile, hosted?.id);
      // An empty urlset is not a valid sitemap: a month with nothing live (left) is no child.
      if (rows.length === 0) return notFound();
      return rendered(200, XML, sitemapXml(rows.map((p) => ({ path: articlePath(p.lang, p.code), lastmod: p.updatedAt })), baseUrl), SITEMAP_CACHE_CONTROL);
    });
  });
  return app;
}
