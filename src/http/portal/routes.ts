import type { Context } from 'hono';
import { Hono } from 'hono';
import { isLang, message, type Lang } from '../../core/messages.js';
import { articlePartOf, categoryPath, FEED_FORMATS, homePath, segment, sitePath, type FeedFormat } from '../../core/portal/paths.js';
import { isInteractionSource } from '../../core/interactions/model.js';
import { decodePublicCursor } from '../../core/interactions/publicCursor.js';
import { issueFormToken } from '../../core/interactions/formToken.js';
import { articleConversation, INTERACTIONS_PAGE, publicInteractions } from '../../app/interactions/portal.js';
import { articleView, framesKept, homeView, listView, type Frame } from '../../app/portal.js';
import { searchView } from '../../app/search.js';
import { SearchBusy } from '../../app/searchPorts.js';
import { searchRequest } from './searchParams.js';
import type { Deps } from '../../app/deps.js';
import { PageCache, rendered, renderedOffThread, tagged, type Rendered, type SlotFill } from './cache.js';
import { TAG } from '../../core/portal/changes.js';
import type { PublicationRecord } from '../../app/portalPorts.js';
import { feedbackRoute, type FormSettings } from './feedback.js';
import { conversationBlock, interactionsPage, sentPage, tokenInput } from './interactionViews.js';
import { FEED_SIZE, FEED_TYPES, feedText } from './feeds.js';
import { sitemapRoutes } from './sitemap.js';
import { siteName, type Html, type PortalSettings } from './layout.js';
import { articlePage, gonePage, homePage, listPage, notFoundPage, searchPage, siteMapPage, type View } from './views.js';
import { welcomePage } from '../welcome.js';
import { documentMetaTable } from './documents.js';
import { siteBaseUrl } from '../../core/portal/hosts.js';
import type { SiteRecord } from '../../app/ports.js';

const HTML = 'text/html; charset=utf-8';
/** Pages change when something is published: clients revalidate each time (a 304 costs a few bytes). */
const PAGE_CACHE_CONTROL = 'public, max-age=0, must-revalidate';
const FEED_CACHE_CONTROL = 'public, max-age=60';

export interface PortalRoutesDeps {
  deps: Deps;
  settings: PortalSettings;
  cache: PageCache;
  /** The comment form's key and defences; absent, articles show their comments and rating but no form. */
  forms?: FormSettings | null;
  /**
   * A component site served at the root of its own host (src/core/portal/hosts.ts): its home, sections, articles,
   * search and feeds hold its items alone; the province's pages are not here. Absent: the province's host.
   */
  hosted?: SiteRecord | null;
  /** Put before every page's cache key: one host's pages are never another's. */
  keyPrefix?: string;
}

type Route =
  | { kind: 'home'; siteKey: string | null }
  | { kind: 'article'; code: string }
  | { kind: 'articleAfterPost'; code: string; part: 'sent' | 'rated' }
  | { kind: 'interactions' }
  | { kind: 'category'; key: string }
  | { kind: 'site'; key: string }
  | { kind: 'search' }
  | { kind: 'siteMap' }
  | { kind: 'feed'; of: { kind: 'home' } | { kind: 'category' | 'site'; key: string }; format: FeedFormat };

const FEED_FILE = /^feed\.(rss|atom|json)$/;
const asFormat = (file: string | undefined): FeedFormat | null => {
  const f = file ? FEED_FILE.exec(file)?.[1] : undefined;
  return f && (FEED_FORMATS as readonly string[]).includes(f) ? (f as FeedFormat) : null;
};

/** Null for a segment that is not valid percent-encoding (`%zz`): a page that cannot exist, not a fault. */
function decoded(part: string): string | null {
  try {
    return decodeURIComponent(part);
  } catch {
    return null;
  }
}

/** Reads `/vi/chuyen-muc/kinh-te/feed.rss` and the like; null for anything the portal does not serve. */
function routeOf(lang: Lang, rest: string[]): Route | null {
  const [first, second, third, ...more] = rest;
  if (more.length > 0) return null;
  if (first === undefined || first === '') return { kind: 'home', siteKey: null };
  const rootFeed = asFormat(first);
  if (rootFeed && second === undefined) return { kind: 'feed', of: { kind: 'home' }, format: rootFeed };
  if (second === undefined || second === '') {
    if (first === segment(lang, 'search')) return { kind: 'search' };
    if (first === segment(lang, 'siteMap')) return { kind: 'siteMap' };
    if (first === segment(lang, 'interactions')) return { kind: 'interactions' };
    return null;
  }
  const key = decoded(second);
  if (key === null) return null;
  const part = third === undefined ? null : articlePartOf(lang, third);
  if (first === segment(lang, 'article') && (part === 'sent' || part === 'rated')) return { kind: 'articleAfterPost', code: key, part };
  const format = asFormat(third);
  if (third !== undefined && !format) return null;
  if (first === segment(lang, 'article') && !format) return { kind: 'article', code: key };
  if (first === segment(lang, 'category')) return format ? { kind: 'feed', of: { kind: 'category', key }, format } : { kind: 'category', key };
  if (first === segment(lang, 'site')) return format ? { kind: 'feed', of: { kind: 'site', key }, format } : { kind: 'site', key };
  return null;
}

/** The query parameters each portal page reads (the page cache keys on these alone, cacheKey.ts); null: not a portal path. */
export function portalReads(pathname: string): readonly string[] | null {
  const [, lang, ...rest] = pathname.split('/');
  if (lang === undefined || !isLang(lang) || rest.length === 0) return null;
  switch (routeOf(lang, rest)?.kind) {
    case 'site':
    case 'category':
      return ['trang'];
    case 'search':
      return ['q', 'muc', 'don-vi', 'tu', 'den', 'trang'];
    case 'interactions':
      return ['nguon', 'tiep', 'ma'];
    default:
      return [];
  }
}

/** Lists are filed under each publication they show too: a correction moving one out of a section redraws it. */
const itemTags = (shown: readonly PublicationRecord[]) => shown.map((p) => TAG.item(p.code));

const page = async (status: number, html: Html, frame: Frame, hole?: SlotFill) => renderedOffThread(status, HTML, (await html).toString(), PAGE_CACHE_CONTROL, frame.nextChange?.getTime() ?? null, hole);

export function portalRoutes(env: PortalRoutesDeps): Hono {
  const { deps, settings: s, cache } = env;
  const forms = env.forms ?? null;
  const hosted = env.hosted ?? null;
  const keyPrefix = env.keyPrefix ?? '';
  const provinceBase = s.provinceUrl ?? s.baseUrl;
  const app = new Hono();
  const frameFor = framesKept(deps, () => cache.everythingStamp);
  /** The form's token, signed when each request is served (see slot.ts), not when the page was drawn. */
  const tokenHole = (code: string): SlotFill | undefined =>
    forms ? { fill: (nowMs) => tokenInput(issueFormToken(forms.key, code, nowMs)).toString(), now: () => deps.clock().getTime() } : undefined;

  async function draw(lang: Lang, route: Route | null, path: string, query: URLSearchParams): Promise<Rendered> {
    const siteKey = hosted ? hosted.key : route?.kind === 'site' ? route.key : route?.kind === 'feed' && route.of.kind === 'site' ? route.of.key : null;
    const frame = (await frameFor(siteKey)) ?? (await frameFor(null));
    if (!frame) return welcomePage();
    const v: View = { frame, lang, s, now: deps.clock() };
    if (!route || (siteKey !== null && frame.site.key !== siteKey)) return page(404, notFoundPage(v, path), frame);
    // On a site's own host: no other site's list, and the province's exchanges live at the province's address.
    const elsewhere = route.kind === 'site' || route.kind === 'interactions' || (route.kind === 'feed' && route.of.kind === 'site');
    if (hosted && elsewhere) return page(404, notFoundPage(v, path), frame);
    const own = hosted ? { siteIds: [hosted.id] } : {};
    const ownItem = (p: PublicationRecord) => !hosted || p.siteId === hosted.id;
    const baseOf = (p: PublicationRecord) => siteBaseUrl(provinceBase, p.siteId === frame.province.id ? null : frame.sites.find((x) => x.id === p.siteId));
    const pageNo = Number.parseInt(query.get('trang') ?? '1', 10) || 1;
    switch (route.kind) {
      case 'home': {
        const home = await homeView(deps, frame, lang);
        const shown = [...home.featured, ...home.latest, ...home.sections.flatMap((x) => x.items)];
        return tagged(await page(200, homePage(v, home, homePath(lang)), frame), [TAG.site(frame.site.id, lang), ...itemTags(shown)]);
      }
      case 'site': {
        const list = await listView(deps, { siteIds: [frame.site.id], lang }, pageNo);
        return tagged(await page(200, listPage(v, siteName(frame.site, lang), list, sitePath(lang, frame.site.key)), frame), [TAG.site(frame.site.id, lang), ...itemTags(list.items)]);
      }
      case 'category': {
        const category = frame.categories.find((c) => c.key === route.key);
        if (!category) return page(404, notFoundPage(v, path), frame);
        const list = await listView(deps, { category: category.key, lang, ...own }, pageNo);
        return tagged(await page(200, listPage(v, lang === 'vi' ? category.nameVi : category.nameEn, list, categoryPath(lang, category.key)), frame), [TAG.category(category.key, lang), ...itemTags(list.items)]);
      }
      case 'search': {
        const asked = searchRequest(frame, lang, query, deps.timeZone);
        if (hosted) asked.filter.siteIds = [hosted.id];
        try {
          return tagged(await page(200, searchPage(v, asked, await searchView(deps, asked.q, asked.filter, pageNo)), frame), [TAG.search]);
        } catch (error) {
          // Not kept by the page cache (only final answers are): the next request searches again.
          // A moment's refusal: no cache on the way may keep it as the answer.
          if (error instanceof SearchBusy) return { ...(await page(503, searchPage(v, asked, 'busy'), frame)), cacheControl: 'no-store' };
          throw error;
        }
      }
      case 'siteMap':
        // Sites and sections only: the frame, whose changes drop every page.
        return tagged(await page(200, siteMapPage(v), frame), []);
      case 'article': {
        const view = await articleView(deps, frame, route.code);
        if (view.state === 'missing' || !ownItem(view.publication)) return page(404, notFoundPage(v, path), frame);
        if (view.state === 'gone') return tagged(await page(410, gonePage(v, view.publication), frame), [TAG.item(view.publication.code)]);
        const talk = await articleConversation(deps, view.publication.itemId);
        // Related items are refreshed by their own changes only: a new publication does not redraw every article of its section.
        const record = view.publication.kind === 'document' ? await deps.store.liveDocument(view.publication.itemId) : null;
        const drawn = await page(200, articlePage(v, view, conversationBlock(lang, s, view.publication.code, talk, forms !== null), record ? documentMetaTable(lang, record) : undefined), frame, tokenHole(view.publication.code));
        return tagged(drawn, [TAG.item(view.publication.code), ...itemTags(view.related)]);
      }
      case 'articleAfterPost': {
        const p = await deps.store.publicationByCode(route.code.toUpperCase());
        if (!p || p.takenDownAt || p.code !== route.code || !ownItem(p)) return page(404, notFoundPage(v, path), frame);
        return tagged(await page(200, sentPage(v, p, route.part), frame), [TAG.item(p.code)]);
      }
      case 'interactions': {
        const asked = query.get('nguon') || null;
        const before = query.get('tiep') || null;
        const code = (query.get('ma') ?? '').trim().toUpperCase().slice(0, 40) || null;
        // Made-up filters and cursors are no page (and not kept): only what the page itself links to.
        if ((asked !== null && !isInteractionSource(asked)) || (before !== null && !decodePublicCursor(before))) return page(404, notFoundPage(v, path), frame);
        const source = asked !== null && isInteractionSource(asked) ? asked : null;
        const filter = { source, code, before };
        const data = await publicInteractions(deps, { limit: INTERACTIONS_PAGE, before, source: filter.source, code });
        if (code && !data.item) return page(404, notFoundPage(v, path), frame);
        return tagged(await page(200, interactionsPage(v, data, filter), frame), [TAG.interactions]);
      }
      case 'feed': {
        const of = route.of;
        const category = of.kind === 'category' ? frame.categories.find((c) => c.key === of.key) : undefined;
        if (of.kind === 'category' && !category) return page(404, notFoundPage(v, path), frame);
        const scope = category ? { category: category.key, ...own } : { siteIds: [frame.site.id] };
        const items = await deps.store.publications({ ...scope, lang, limit: FEED_SIZE });
        const name = siteName(frame.site, lang);
        const title = category ? `${lang === 'vi' ? category.nameVi : category.nameEn} – ${name}` : name;
        const listPath = category ? categoryPath(lang, category.key) : of.kind === 'site' ? sitePath(lang, frame.site.key) : homePath(lang);
        const text = await feedText(route.format, items, { title, description: `${message(lang, 'portal_latest')} – ${title}`, lang, listPath, s, now: v.now, baseOf });
        return tagged(rendered(200, FEED_TYPES[route.format], text, FEED_CACHE_CONTROL), [category ? TAG.category(category.key, lang) : TAG.site(frame.site.id, lang), ...itemTags(items)]);
      }
    }
  }

  const serve = async (c: Context, lang: Lang, rest: string[]) => {
    // Drawn from the parameters the page reads, kept under them alone (tracking parameters never reach it).
    const at = cache.address(new URL(c.req.url));
    const route = routeOf(lang, rest);
    return cache.serve(`${keyPrefix}${at.key}`, () => draw(lang, route, at.pathname, at.query), { ifNoneMatch: c.req.header('If-None-Match'), acceptEncoding: c.req.header('Accept-Encoding') });
  };

  app.route('/', sitemapRoutes({ deps, baseUrl: s.baseUrl, cache, hosted, keyPrefix }));
  app.get('/robots.txt', (c) => c.text(`User-agent: *\nAllow: /\nDisallow: /api/\nSitemap: ${s.baseUrl}/sitemap.xml\n`));
  app.get('/', (c) => c.redirect(homePath('vi'), 302));
  app.get('/:lang', (c) => (isLang(c.req.param('lang')) ? c.redirect(homePath(c.req.param('lang') as Lang), 301) : c.notFound()));
  app.get('/:lang/*', async (c) => {
    const lang = c.req.param('lang');
    if (!isLang(lang)) return c.notFound();
    const rest = new URL(c.req.url).pathname.split('/').slice(2);
    return serve(c, lang, rest);
  });
  // The comment form's posts: never from the page cache, never kept in it.
  if (forms) app.post(`/:lang/*`, feedbackRoute({ deps, settings: s, forms }));

  return app;
}
