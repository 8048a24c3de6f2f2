import { localDay } from '../../core/dates.js';
import { addDays } from '../../core/tickets/calendar.js';
import { ownerOfView } from '../../core/analytics/pageViews.js';
import { emptySketch, mergeSketches, sketchCount } from '../../core/analytics/visitorSketch.js';
import type { Deps } from '../deps.js';
import type { SiteRecord } from '../ports.js';
import type { DayViews } from './ports.js';

/** Reader figures of a period and scope, as /api/v1/stats and the reports give them. */
export interface Usage {
  views: number;
  /** Distinct readers estimated over the whole period (null where a caller has no estimate to give). */
  visitors: number | null;
  perDay: { day: string; views: number; visitors: number | null }[];
  topArticles: { code: string; views: number }[];
  bySite: { siteKey: string; views: number }[];
}

/**
 * The site a view belongs to: its page's owner (an article by its code's prefix, a site's list by its key), anything
 * else by the host that served it — so a department's article read on the province's host is the department's.
 */
export const viewOwner = (row: Pick<DayViews, 'siteKey' | 'kind' | 'ref'>, sites: readonly SiteRecord[]): string => ownerOfView(row, sites) ?? row.siteKey;

/** The keys of a site and of every site under it. */
function subtreeKeys(site: SiteRecord, sites: readonly SiteRecord[]): Set<string> {
  const ids = new Set([site.id]);
  for (let grew = true; grew; ) {
    grew = false;
    for (const s of sites) if (s.parentId !== null && ids.has(s.parentId) && !ids.has(s.id)) (ids.add(s.id), (grew = true));
  }
  return new Set(sites.filter((s) => ids.has(s.id)).map((s) => s.key));
}

const eachDay = (from: string, to: string): string[] => {
  const days: string[] = [];
  for (let day = from; day <= to; day = addDays(day, 1)) days.push(day);
  return days;
};

/**
 * Views and readers from `fromDay` to `toDay` (local days, inclusive), for the province with all its sites (`site`
 * null) or one site with the sites under it. Readers are told apart by the site whose pages they read.
 */
export async function usageOf(deps: Deps, fromDay: string, toDay: string, site: SiteRecord | null, topLimit = 10): Promise<Usage> {
  const dayOf = (hour: string) => localDay(new Date(`${hour}:00:00Z`), deps.timeZone);
  const sites = await deps.store.sites();
  // A site's figures hold the sites under it, as its items do: a district's readers include its communes'.
  const scope = site === null ? null : subtreeKeys(site, sites);
  const rows = (await deps.store.pageViewDays(fromDay, toDay, dayOf)).filter((r) => scope === null || scope.has(viewOwner(r, sites)));
  const days = eachDay(fromDay, toDay);
  const perDayViews = new Map(days.map((d) => [d, 0]));
  const articles = new Map<string, number>();
  const bySite = new Map<string, number>();
  let views = 0;
  for (const r of rows) {
    views += r.views;
    perDayViews.set(r.day, (perDayViews.get(r.day) ?? 0) + r.views);
    if (r.kind === 'article') articles.set(r.ref, (articles.get(r.ref) ?? 0) + r.views);
    const owner = viewOwner(r, sites);
    bySite.set(owner, (bySite.get(owner) ?? 0) + r.views);
  }
  // Sketches are filed by the province's day and the site whose page was read (src/http/hostRouting.ts pageSiteKeyOf).
  const sketches = (await deps.store.visitorSketches(fromDay, toDay)).filter((s) => scope === null || scope.has(s.siteKey));
  let whole = emptySketch();
  const dayReaders = new Map<string, Uint8Array>();
  for (const s of sketches) {
    whole = mergeSketches(whole, s.registers);
    dayReaders.set(s.day, mergeSketches(dayReaders.get(s.day) ?? emptySketch(), s.registers));
  }
  return {
    views,
    visitors: sketchCount(whole),
    perDay: days.map((day) => ({ day, views: perDayViews.get(day) ?? 0, visitors: sketchCount(dayReaders.get(day) ?? emptySketch()) })),
    topArticles: [...articles.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).slice(0, topLimit).map(([code, n]) => ({ code, views: n })),
    bySite: [...bySite.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([siteKey, n]) => ({ siteKey, views: n })),
  };
}
