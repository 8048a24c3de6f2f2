import { BoundedSet, MEMORY_CAP } from '../core/boundedMap.js';
import { Hono } from 'hono';
import type { Deps } from '../app/deps.js';
import { VERSION } from '../version.js';
import { apiRoutes } from './api/routes.js';
import { mediaRoutes, publicMediaCheck } from './media.js';
import { portalAssets } from './portal/assets.js';
import { siteLookRoutes } from './portal/siteLook.js';
import { PageCache } from './portal/cache.js';
import { portalChangesAfter } from '../app/portalChanges.js';
import { PAGE_KEY_RULES } from './pageKeys.js';
import type { FormSettings } from './portal/feedback.js';
import { portalRoutes } from './portal/routes.js';
import { documentRoutes } from './portal/documents.js';
import { procedureRoutes } from './portal/procedures.js';
import { calendarSource } from '../app/tickets/calendarSource.js';
import { ticketPages } from './tickets/public.js';
import { answerLinkPages } from './tickets/answerLink.js';
import { consultationPages } from './consultations/routes.js';
import type { TicketEnv } from '../app/tickets/env.js';
import { securityHeaders, withHeaders } from './security.js';
import { adRoutes } from './portal/ads.js';
import type { AdBook } from '../app/ads/book.js';
import type { AdCounter } from '../app/ads/counter.js';
import type { SiteRecord } from '../app/ports.js';
import { siteBaseUrl } from '../core/portal/hosts.js';
import { byHost, hostKeyPrefix, HostSites } from './hostRouting.js';

export interface PublicWebOptions {
  deps: Deps;
  /** Where the public reaches the portal; https here turns on HSTS. */
  baseUrl: string;
  mediaDir: string;
  emc: { link: string; image: string } | null;
  /** Platform names for the article's links to its mirrors. */
  mirrorLabels?: Record<string, string>;
  /** The longest a page may lag a publication made by any process. */
  freshnessMs?: number;
  /** What kept pages and API answers may take in memory (default 32 MiB). */
  cacheBytes?: number;
  /** Told once per file and process when a published file is gone from media storage, with the items showing it. */
  onMissingMedia?: (ref: string, codes: string[]) => void;
  /** The articles' comment and rating form; absent, articles show what was published but take nothing. */
  forms?: FormSettings | null;
  /** Questions and complaints: the public pages, forms, status pages and answer links; absent, they answer 404. */
  tickets?: TicketEnv | null;
  /** Ads (seed Điều 14): the live ads in memory and this process's counts; absent, pages carry no ad zones. */
  ads?: { book: AdBook; counter: AdCounter; trustedProxies: ReadonlySet<string> } | null;
  /** Reverse proxies whose X-Forwarded-Host names the host a reader typed (default: this machine's own addresses). */
  trustedProxies?: ReadonlySet<string>;
}

const DEFAULT_CACHE_BYTES = 32 * 1024 * 1024;

/** The public face: pages, feeds, the JSON API and media, behind the same security headers. */
export function publicWeb(options: PublicWebOptions): { app: Hono; cache: PageCache; headers: Record<string, string>; hosts: HostSites } {
  const { deps } = options;
  const assets = portalAssets();
  const cache = new PageCache({
    changes: (afterSeq) => portalChangesAfter(deps.store, afterSeq),
    keyRules: PAGE_KEY_RULES,
    checkEveryMs: options.freshnessMs ?? 250,
    maxBytes: options.cacheBytes ?? DEFAULT_CACHE_BYTES,
    monotonicMs: () => performance.now(),
    wallMs: () => Date.now(),
  });
  const tls = options.baseUrl.startsWith('https:');
  const app = new Hono();
  const headers = securityHeaders({ tls, emcImage: options.emc?.image ?? null });
  app.use('*', withHeaders(headers));

  // A site's emblem and colour stylesheet (src/http/portal/siteLook.ts), the same on every host.
  const lookRoutes = siteLookRoutes(options.mediaDir);
  const isPublic = publicMediaCheck((ref) => deps.store.isPublicMedia(ref), () => cache.generationNow());

  // Each missing file is told once; the memory of what was told is capped like the desks'.
  const toldMissing = new BoundedSet<string>(MEMORY_CAP);
  const onMissing = async (ref: string) => {
    if (!options.onMissingMedia || toldMissing.has(ref)) return;
    toldMissing.add(ref);
    options.onMissingMedia(ref, await deps.store.codesWithMedia(ref));
  };

  const ads = options.ads ?? null;
  // The document library's timeliness counts working days: the tickets' calendar (holidays and the operator's days), or the shipped one.
  let shippedCalendar: ReturnType<typeof calendarSource> | null = null;
  const calendar = options.tickets?.calendar ?? (() => (shippedCalendar ??= calendarSource(deps, null))());
  const hosts = new HostSites(deps, () => cache.everythingStamp, options.baseUrl, options.trustedProxies ?? new Set(['127.0.0.1', '::1']), () => cache.generationNow());
  // A component site with its own domain is served at the root of that host by an app of its own (hostRouting.ts).
  const siteApps = new Map<string, { domain: string | null; app: Hono }>();
  const siteApp = (site: SiteRecord): Hono => {
    const kept = siteApps.get(site.id);
    if (kept && kept.domain === site.domain) return kept.app;
    const own = new Hono();
    const siteSettings = { ...settings, baseUrl: siteBaseUrl(options.baseUrl, site), provinceUrl: options.baseUrl };
    const keyPrefix = hostKeyPrefix(site);
    own.route('/', assets.routes);
    own.route('/', lookRoutes);
    own.route('/', mediaRoutes({ dir: options.mediaDir, isPublic, onMissing }));
    own.route('/', documentRoutes({ deps, settings: siteSettings, cache, hosted: site, calendar }));
    own.route('/', procedureRoutes({ deps, settings: siteSettings, cache, hosted: site }));
    own.route('/', apiRoutes({ deps, baseUrl: options.baseUrl, version: VERSION, stylesheet: assets.stylesheet, cache, hosted: site, keyPrefix }));
    if (ads) own.route('/', adRoutes({ deps, settings: siteSettings, book: ads.book, counter: ads.counter, mediaDir: options.mediaDir, trustedProxies: ads.trustedProxies }));
    own.route('/', portalRoutes({ deps, settings: siteSettings, cache, forms: options.forms ?? null, hosted: site, keyPrefix }));
    own.notFound((c) => c.json({ error: 'not_found', message: 'Không tìm thấy / Not found' }, 404));
    siteApps.set(site.id, { domain: site.domain, app: own });
    return own;
  };
  app.use('*', byHost(hosts, siteApp));
  const settings = { baseUrl: options.baseUrl, timeZone: deps.timeZone, stylesheet: assets.stylesheet, emblem: assets.emblem, emc: options.emc, mirrorLabels: options.mirrorLabels ?? {}, ...(ads ? { adScript: assets.adScript } : {}) };
  app.route('/', assets.routes);
  app.route('/', lookRoutes);
  app.route('/', mediaRoutes({ dir: options.mediaDir, isPublic, onMissing }));
  app.route('/', documentRoutes({ deps, settings, cache, calendar }));
  app.route('/', procedureRoutes({ deps, settings, cache }));
  app.route('/', apiRoutes({ deps, baseUrl: options.baseUrl, version: VERSION, stylesheet: assets.stylesheet, cache }));
  const forms = options.forms ?? null;
  app.route('/', answerLinkPages(options.tickets ?? null));
  app.route('/', ticketPages({ deps, settings, cache, forms, tickets: options.tickets ?? null }));
  app.route('/', consultationPages({ deps, settings, cache, forms, ...(options.tickets ? { publicName: options.tickets.settings.publicName } : {}) }));
  if (ads) app.route('/', adRoutes({ deps, settings, book: ads.book, counter: ads.counter, mediaDir: options.mediaDir, trustedProxies: ads.trustedProxies }));
  app.route('/', portalRoutes({ deps, settings, cache, forms: options.forms ?? null }));
  return { app, cache, headers, hosts };
}
