import { DELIVERY_PARTS } from '../core/delivery.js';
import { searchable } from '../core/search.js';
import type { Lang } from '../core/messages.js';
import type { Deps } from './deps.js';
import type { CategoryRecord, MaintenanceRecord, PublicationQuery, PublicationRecord } from './portalPorts.js';
import type { SiteRecord } from './ports.js';

export const PAGE_SIZE = 20;
const HOME_LATEST = 12;
const HOME_PER_CATEGORY = 4;
const RELATED = 5;

/** What every page shows around its content: the site tree, the sections, the maintenance notice. */
export interface Frame {
  province: SiteRecord;
  /** The site whose header the page wears (a component site's pages wear its own name). */
  site: SiteRecord;
  sites: SiteRecord[];
  categories: CategoryRecord[];
  maintenance: MaintenanceRecord | null;
  /** When the maintenance notice next appears, changes or goes: pages drawn now are good until then. */
  nextChange: Date | null;
}

interface FrameParts {
  sites: SiteRecord[];
  categories: CategoryRecord[];
  /** Not cancelled and not yet over when read. */
  maintenances: MaintenanceRecord[];
}

const frameParts = async (deps: Deps): Promise<FrameParts> => {
  const [sites, categories, maintenances] = await Promise.all([deps.store.sites(), deps.store.categories(), deps.store.maintenances(deps.clock())]);
  return { sites, categories, maintenances };
};

function frameOf(parts: FrameParts, siteKey: string | null, now: Date): Frame | null {
  const { sites, categories } = parts;
  const province = sites[0];
  if (!province) return null;
  const site = siteKey === null ? province : sites.find((s) => s.key === siteKey);
  if (!site) return null;
  // Parts kept a while (framesKept) may hold a notice that has ended since.
  const maintenances = parts.maintenances.filter((m) => m.restoresAt > now);
  const maintenance = maintenances.find((m) => m.showFrom <= now) ?? null;
  const upcoming = maintenances.flatMap((m) => [m.showFrom, m.startsAt, m.restoresAt]).filter((t) => t > now);
  const nextChange = upcoming.length ? new Date(Math.min(...upcoming.map((t) => t.getTime()))) : null;
  return { province, site, sites, categories, maintenance, nextChange };
}

export async function frameFor(deps: Deps, siteKey: string | null): Promise<Frame | null> {
  return frameOf(await frameParts(deps), siteKey, deps.clock());
}

/** Kept parts are read again after this long even if nothing said they changed. */
const FRAME_KEPT_MS = 60_000;

/**
 * frameFor with the sites, sections and notices read once while `stamp` stays the same (the page cache
 * moves it when a change drops every page, which every frame change does: src/core/portal/changes.ts
 * FRAME). Every page drawn read them again before: three queries on the one connection per page.
 */
export function framesKept(deps: Deps, stamp: () => number, monotonicMs: () => number = () => performance.now()): (siteKey: string | null) => Promise<Frame | null> {
  let kept: { stamp: number; at: number; parts: Promise<FrameParts> } | null = null;
  return async (siteKey) => {
    const now = stamp();
    if (!kept || kept.stamp !== now || monotonicMs() - kept.at > FRAME_KEPT_MS) {
      const parts = frameParts(deps);
      const entry = { stamp: now, at: monotonicMs(), parts };
      kept = entry;
      // A failed read, or one before `init` made the province, is not kept: the next page reads again.
      parts.then(
        (p) => {
          if (p.sites.length === 0 && kept === entry) kept = null;
        },
        () => {
          if (kept === entry) kept = null;
        },
      );
    }
    return frameOf(await kept.parts, siteKey, deps.clock());
  };
}

export interface HomeView {
  featured: PublicationRecord[];
  latest: PublicationRecord[];
  sections: { category: CategoryRecord; items: PublicationRecord[] }[];
}

export async function homeView(deps: Deps, frame: Frame, lang: Lang): Promise<HomeView> {
  const scope = { siteIds: [frame.site.id], lang };
  const [featured, latest] = await Promise.all([deps.store.publications({ ...scope, featured: true, limit: 3 }), deps.store.publications({ ...scope, limit: HOME_LATEST })]);
  const sections = await Promise.all(
    frame.categories.map(async (category) => ({ category, items: await deps.store.publications({ ...scope, category: category.key, limit: HOME_PER_CATEGORY }) })),
  );
  return { featured, latest, sections: sections.filter((s) => s.items.length > 0) };
}

export interface ListView {
  items: PublicationRecord[];
  total: number;
  page: number;
  pages: number;
}

/** Folded words of a search query; empty when nothing searchable was typed. */
export const searchWords = (query: string): string[] => searchable(query).split(' ').filter((w) => w !== '').slice(0, 8);

export async function listView(deps: Deps, filter: Omit<PublicationQuery, 'limit' | 'offset' | 'after'>, page: number): Promise<ListView> {
  const total = await deps.store.countPublications(filter);
  const pages = Math.max(1, Math.ceil(total / PAGE_SIZE));
  const current = Math.min(Math.max(1, page), pages);
  const items = await deps.store.publications({ ...filter, offset: (current - 1) * PAGE_SIZE, limit: PAGE_SIZE });
  return { items, total, page: current, pages };
}

export type ArticleView =
  | { state: 'live'; publication: PublicationRecord; site: SiteRecord; category: CategoryRecord | null; related: PublicationRecord[]; mirrors: Mirror[] }
  | { state: 'gone'; publication: PublicationRecord }
  | { state: 'missing' };

/** Where the item was mirrored, for the article page to link to. */
export interface Mirror {
  platform: string;
  part: string;
  url: string;
}

async function mirrorsOf(deps: Deps, itemId: string): Promise<Mirror[]> {
  const [deliveries, channels] = await Promise.all([deps.store.deliveriesOfItem(itemId), deps.store.channels()]);
  // In the channels' order (by key), each channel's parts in their own order: the same on every database.
  const rank = (d: (typeof deliveries)[number]) => channels.findIndex((c) => c.id === d.channelId) * 10 + DELIVERY_PARTS.indexOf(d.part);
  return [...deliveries].sort((a, b) => rank(a) - rank(b)).flatMap((d) => {
    const platform = channels.find((c) => c.id === d.channelId)?.platform;
    return d.action === 'publish' && d.state === 'delivered' && d.externalUrl && platform ? [{ platform, part: d.part, url: d.externalUrl }] : [];
  });
}

export async function articleView(deps: Deps, frame: Frame, code: string): Promise<ArticleView> {
  const publication = await deps.store.publicationByCode(code.toUpperCase());
  if (!publication) return { state: 'missing' };
  if (publication.takenDownAt) return { state: 'gone', publication };
  const site = frame.sites.find((s) => s.id === publication.siteId) ?? frame.province;
  const category = frame.categories.find((c) => c.key === publication.category) ?? null;
  const near = { lang: publication.lang, limit: RELATED + 1, ...(publication.category ? { category: publication.category } : { siteIds: [publication.siteId] }) };
  const related = (await deps.store.publications(near)).filter((p) => p.itemId !== publication.itemId).slice(0, RELATED);
  return { state: 'live', publication, site, category, related, mirrors: await mirrorsOf(deps, publication.itemId) };
}
