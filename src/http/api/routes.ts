import type { Context } from 'hono';
import { Hono } from 'hono';
import { cors } from 'hono/cors';
import { decodeCursor, encodeCursor, withinServedRange } from '../../core/portal/cursor.js';
import { IMAGE_WIDTHS, publicMedia, RESIZABLE, type PublicMedia } from '../../core/portal/media.js';
import { articlePath, categoryPath, homePath, sitePath } from '../../core/portal/paths.js';
import type { Deps } from '../../app/deps.js';
import type { PublicationRecord } from '../../app/portalPorts.js';
import type { SiteRecord } from '../../app/ports.js';
import { hostNamesOf, siteBaseUrl } from '../../core/portal/hosts.js';
import { PageCache, rendered, respond, tagged, type Rendered } from '../portal/cache.js';
import { TAG } from '../../core/portal/changes.js';
import { mediaUrl } from '../portal/parts.js';
import { openApiDocument } from './openapi.js';
import { docsPage } from './docs.js';
import { drawTicketReport } from './reports.js';
import { statsRoutes } from './stats.js';
import { InteractionQuerySchema, ItemQuerySchema, type InteractionJson, type ItemJson, type ItemQuery, type RatingJson } from './schemas.js';
import { searchItems, siteIdsOf } from './search.js';
import { publicAuthor } from '../../core/interactions/model.js';
import { decodePublicCursor } from '../../core/interactions/publicCursor.js';
import { publicInteractions, type PublicInteraction } from '../../app/interactions/portal.js';
import type { RatingSummary } from '../../app/interactions/ports.js';

const JSON_TYPE = 'application/json; charset=utf-8';
const API_CACHE_CONTROL = 'public, max-age=0, must-revalidate';

export interface ApiDeps {
  deps: Deps;
  baseUrl: string;
  version: string;
  stylesheet: string;
  cache: PageCache;
  /** A component site on its own host: items default to its own, another site's item is not here. */
  hosted?: SiteRecord | null;
  keyPrefix?: string;
}

/** Another site's list asked for at a site's own host: not here (the province's address serves every site's). */
const elsewhere = (key: string) => rendered(404, JSON_TYPE, JSON.stringify({ error: 'not_found', message: `Trang “${key}” không ở địa chỉ này / Site “${key}” is not served at this address` }), API_CACHE_CONTROL);
const json = (status: number, value: unknown) => rendered(status, JSON_TYPE, JSON.stringify(value), API_CACHE_CONTROL);
const problem = (status: number, error: string, message: string, problems?: string[]) => json(status, { error, message, ...(problems ? { problems } : {}) });

function mediaJson(m: PublicMedia, baseUrl: string) {
  const sizes = m.kind === 'image' && RESIZABLE.has(m.type) ? IMAGE_WIDTHS.map((width) => ({ width, url: `${baseUrl}${mediaUrl(m.ref, width)}` })) : [];
  return { url: `${baseUrl}${mediaUrl(m.ref)}`, kind: m.kind, type: m.type, sizes };
}

function itemJson(p: PublicationRecord, sites: SiteRecord[], baseUrl: string): ItemJson {
  const site = sites.find((s) => s.id === p.siteId);
  // A component site's article is addressed at its own host when it has one (sites[0] is the province).
  const base = siteBaseUrl(baseUrl, site && site.id !== sites[0]?.id ? site : null);
  return {
    code: p.code,
    url: `${base}${articlePath(p.lang, p.code)}`,
    site: site?.key ?? '',
    category: p.category,
    lang: p.lang,
    kind: p.kind,
    title: p.title,
    summary: p.summary,
    body: p.body,
    author: p.author,
    source: site ? (p.lang === 'vi' ? site.nameVi : site.nameEn) : '',
    featured: p.featured,
    sponsor: p.sponsor,
    media: p.mediaRefs.map(publicMedia).filter((m): m is PublicMedia => m !== null).map((m) => mediaJson(m, baseUrl)),
    publishedAt: p.publishedAt.toISOString(),
    updatedAt: p.updatedAt.toISOString(),
  };
}

/** Only what a moderator let out, and never who sent it beyond the name they gave (no platform id, no address). */
function interactionJson({ record: r, publication }: PublicInteraction, baseUrl: string): InteractionJson {
  return {
    id: r.id,
    source: r.source,
    kind: r.kind === 'reply' || r.kind === 'message' ? r.kind : 'comment',
    item: r.code ? { code: r.code, url: `${baseUrl}${articlePath(publication?.lang ?? 'vi', r.code)}` } : null,
    author: publicAuthor(r),
    text: r.publicText ?? '',
    answer: r.answerText,
    occurredAt: r.occurredAt.toISOString(),
    answeredAt: r.answerText && r.answeredAt ? r.answeredAt.toISOString() : null,
  };
}

const ratingJson = (r: RatingSummary): RatingJson => ({ count: r.count, mean: r.mean, aspects: r.byAspect });

/** `2026-11-30` is that day from midnight UTC; a date-time is taken as written. */
const instant = (text: string) => new Date(/^\d{4}-\d{2}-\d{2}$/.test(text) ? `${text}T00:00:00Z` : text);

/** The versioned JSON web service (Điều 4: published information shared as a web service). */
export function apiRoutes(env: ApiDeps): Hono {
  const { deps, baseUrl, cache } = env;
  const hosted = env.hosted ?? null;
  const keyPrefix = env.keyPrefix ?? '';
  const app = new Hono();
  app.use('/api/*', cors({ origin: '*', allowMethods: ['GET', 'HEAD', 'OPTIONS'], allowHeaders: ['If-None-Match'], exposeHeaders: ['ETag'], maxAge: 86400 }));

  /** Kept under the parameters its schema reads (apiReads); `tags`: what the answer shows, when it is kept. */
  const cached = async (c: Context, draw: () => Promise<Rendered>, tags: (r: Rendered) => readonly string[]) =>
    cache.serve(`${keyPrefix}api:${cache.address(new URL(c.req.url)).key}`, async () => {
      const r = await draw();
      return tagged(r, tags(r));
    }, { ifNoneMatch: c.req.header('If-None-Match'), acceptEncoding: c.req.header('Accept-Encoding') });

  /** `?q=`: the search port instead of the newest-first list; the same filters, its own cursor. */
  async function searchAnswer(q: ItemQuery): Promise<Rendered> {
    const from = q.from ? instant(q.from) : undefined;
    const to = q.to ? instant(q.to) : undefined;
    const outside = [...(from && !withinServedRange(from) ? ['from'] : []), ...(to && !withinServedRange(to) ? ['to'] : [])];
    if (outside.length) return problem(400, 'bad_query', 'Tham số không hợp lệ / Invalid parameters', outside.map((f) => `${f}: outside the years 1000–9999`));
    const sites = await deps.store.sites();
    const site = q.site ? sites.find((s) => s.key === q.site) : (hosted ?? undefined);
    if (q.site && !site) return problem(400, 'unknown_site', `Không có trang “${q.site}” / No site “${q.site}”`, ['site: unknown']);
    if (hosted && site?.id !== hosted.id) return elsewhere(q.site ?? '');
    const filter = { ...siteIdsOf(site), ...(q.category ? { category: q.category } : {}), ...(q.lang ? { lang: q.lang } : {}), ...(from ? { from } : {}), ...(to ? { to } : {}) };
    const found = await searchItems(deps, q.q ?? '', filter, q.cursor, q.limit);
    if (found.kind === 'bad_cursor') return problem(400, 'bad_cursor', 'Con trỏ trang không hợp lệ / Invalid cursor', ['cursor: not a cursor this service gave out for this search']);
    if (found.kind === 'busy') return rendered(503, JSON_TYPE, JSON.stringify({ error: 'busy', message: 'Hệ thống tìm kiếm đang bận, mời thử lại sau ít giây / Search is busy, try again in a few seconds' }), 'no-store');
    return json(200, { items: found.items.map((p) => itemJson(p, sites, baseUrl)), nextCursor: found.nextCursor, total: found.total, capped: found.capped });
  }

  app.get('/api/v1/items', (c) =>
    cached(c, async () => {
      const parsed = ItemQuerySchema.safeParse(c.req.query());
      if (!parsed.success) {
        const problems = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
        return problem(400, 'bad_query', 'Tham số không hợp lệ / Invalid parameters', problems);
      }
      const q = parsed.data;
      if (q.q !== undefined) return searchAnswer(q);
      const after = q.cursor ? decodeCursor(q.cursor) : undefined;
      if (after === null) return problem(400, 'bad_cursor', 'Con trỏ trang không hợp lệ / Invalid cursor', ['cursor: not a cursor this service gave out']);
      const from = q.from ? instant(q.from) : undefined;
      const to = q.to ? instant(q.to) : undefined;
      const outside = [...(from && !withinServedRange(from) ? ['from'] : []), ...(to && !withinServedRange(to) ? ['to'] : [])];
      if (outside.length) return problem(400, 'bad_query', 'Tham số không hợp lệ / Invalid parameters', outside.map((f) => `${f}: outside the years 1000–9999`));
      const sites = await deps.store.sites();
      const site = q.site ? sites.find((s) => s.key === q.site) : (hosted ?? undefined);
      if (q.site && !site) return problem(400, 'unknown_site', `Không có trang “${q.site}” / No site “${q.site}”`, ['site: unknown']);
      if (hosted && site?.id !== hosted.id) return elsewhere(q.site ?? '');
      const rows = await deps.store.publications({
        ...(site ? { siteIds: [site.id] } : {}),
        ...(q.category ? { category: q.category } : {}),
        ...(q.lang ? { lang: q.lang } : {}),
        ...(from ? { from } : {}),
        ...(to ? { to } : {}),
        ...(after ? { after } : {}),
        limit: q.limit + 1,
      });
      const page = rows.slice(0, q.limit);
      const last = page[page.length - 1];
      const nextCursor = rows.length > q.limit && last ? encodeCursor({ publishedAt: last.publishedAt, itemId: last.itemId }) : null;
      return json(200, { items: page.map((p) => itemJson(p, sites, baseUrl)), nextCursor });
    }, () => [TAG.apiItems]),
  );

  app.get('/api/v1/items/:code', (c) =>
    cached(c, async () => {
      const code = c.req.param('code').toUpperCase();
      const p = await deps.store.publicationByCode(code);
      if (!p || (hosted && p.siteId !== hosted.id)) return problem(404, 'not_found', `Không có tin bài ${code} / No item ${code}`);
      if (p.takenDownAt) {
        return json(410, { error: 'gone', message: `Tin bài ${code} đã được gỡ / Item ${code} was taken down`, code, takenDownAt: p.takenDownAt.toISOString(), reason: p.takedownNote });
      }
      const [sites, rating, shares] = await Promise.all([deps.store.sites(), deps.store.ratingOfItem(p.itemId), deps.store.sharesOfItem(p.itemId)]);
      return json(200, { ...itemJson(p, sites, baseUrl), rating: ratingJson(rating), shares: shares.filter((x) => x.count > 0) });
    }, () => [TAG.item(c.req.param('code'))]),
  );

  app.get('/api/v1/interactions', (c) =>
    cached(c, async () => {
      const parsed = InteractionQuerySchema.safeParse(c.req.query());
      if (!parsed.success) {
        const problems = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
        return problem(400, 'bad_query', 'Tham số không hợp lệ / Invalid parameters', problems);
      }
      const q = parsed.data;
      if (q.cursor && !decodePublicCursor(q.cursor)) return problem(400, 'bad_cursor', 'Con trỏ trang không hợp lệ / Invalid cursor', ['cursor: not a cursor this service gave out']);
      const page = await publicInteractions(deps, { limit: q.limit, before: q.cursor ?? null, source: q.source ?? null, code: q.item ?? null });
      if (q.item && !page.item) return problem(400, 'unknown_item', `Không có tin bài ${q.item} / No item ${q.item}`, ['item: no published item has this code']);
      return json(200, { interactions: page.rows.map((r) => interactionJson(r, baseUrl)), nextCursor: page.next });
    }, () => [TAG.interactions]),
  );

  app.get('/api/v1/categories', (c) =>
    cached(c, async () => {
      const categories = await deps.store.categories();
      const here = hosted ? siteBaseUrl(baseUrl, hosted) : baseUrl;
      const url = (key: string) => ({ vi: `${here}${categoryPath('vi', key)}`, en: `${here}${categoryPath('en', key)}` });
      return json(200, { categories: categories.map((k) => ({ key: k.key, name: { vi: k.nameVi, en: k.nameEn }, url: url(k.key) })) });
    }, () => []),
  );

  app.get('/api/v1/sites', (c) =>
    cached(c, async () => {
      const sites = await deps.store.sites();
      const url = (s: SiteRecord, i: number) =>
        i === 0 || s.domain
          ? { vi: `${siteBaseUrl(baseUrl, i === 0 ? null : s)}${homePath('vi')}`, en: `${siteBaseUrl(baseUrl, i === 0 ? null : s)}${homePath('en')}` }
          : { vi: `${baseUrl}${sitePath('vi', s.key)}`, en: `${baseUrl}${sitePath('en', s.key)}` };
      return json(200, {
        sites: sites.map((s, i) => ({ key: s.key, kind: s.kind, parent: sites.find((p) => p.id === s.parentId)?.key ?? null, name: { vi: s.nameVi, en: s.nameEn }, url: url(s, i), domain: hostNamesOf(s)[0] ?? null, hosts: hostNamesOf(s) })),
      });
    }, () => []),
  );

  app.route('/', statsRoutes({ deps, baseUrl, hosted }));

  app.get('/api/v1/reports/tickets', (c) => cached(c, () => drawTicketReport(deps, c.req.query()), () => [TAG.tickets]));

  // At a site's own host the document names that host, as every address the API gives there does.
  const document = openApiDocument(hosted ? siteBaseUrl(baseUrl, hosted) : baseUrl, env.version);
  app.get('/api/openapi.json', (c) => c.json(document));
  const docs = rendered(200, 'text/html; charset=utf-8', docsPage(document, env.stylesheet), 'public, max-age=300');
  app.get('/api/docs', (c) => respond(docs, { ifNoneMatch: c.req.header('If-None-Match'), acceptEncoding: c.req.header('Accept-Encoding') }));
  app.all('/api/*', (c) => c.json({ error: 'not_found', message: 'Không có địa chỉ này trong API / No such API path' }, 404));
  return app;
}
