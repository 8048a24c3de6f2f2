import { localDay, shownDay } from '../core/dates.js';
import { grantActive } from '../core/grants.js';
import { message, type Lang } from '../core/messages.js';
import { keepsMissingDeadlines, LATE_WINDOW_DAYS, staleSites, type LateSite, type StaleSite } from '../core/portal/timeliness.js';
import type { Deps } from './deps.js';
import type { SiteRecord } from './ports.js';
import { documentsOnTime } from './reports/activity.js';
import { calendarSource } from './tickets/calendarSource.js';
import { onceAWeek } from './weekly.js';

const DAY_MS = 86_400_000;

/** The week's list: the sites gone stale and the sites that keep missing their documents' deadlines. */
export interface WeeklyWatch {
  stale: StaleSite<SiteRecord>[];
  late: LateSite<SiteRecord>[];
}

/** Who answers for a site's content (seed Điều 8): its head and standing deputy head. */
const BOARD_ROLES: ReadonlySet<string> = new Set(['head', 'deputy']);

/** The sites, the province first, with nothing published for more than `days` days (or nothing at all). */
export async function sitesGoneStale(deps: Deps, days: number): Promise<StaleSite<SiteRecord>[]> {
  const [sites, last] = await Promise.all([deps.store.sites(), deps.store.lastPublishedBySite()]);
  return staleSites(sites, last, deps.clock(), days);
}

/**
 * The sites, the province first, whose documents published in the last LATE_WINDOW_DAYS went up after their
 * deadline often enough to be a habit (keepsMissingDeadlines), counted in working days as the report counts them.
 */
export async function sitesMissingDeadlines(deps: Deps): Promise<LateSite<SiteRecord>[]> {
  // The window's end is exclusive in the store's reads: up to and with this instant.
  const now = deps.clock().getTime();
  const to = new Date(now + 1);
  const from = new Date(now - LATE_WINDOW_DAYS * DAY_MS);
  const [sites, cal] = await Promise.all([deps.store.sites(), calendarSource(deps, null)()]);
  const late: LateSite<SiteRecord>[] = [];
  for (const site of sites) {
    const documents = await documentsOnTime(deps, { from, to, siteIds: [site.id] }, cal);
    if (keepsMissingDeadlines(documents.published, documents.late)) late.push({ site, published: documents.published, late: documents.late });
  }
  return late;
}

const siteName = (site: SiteRecord, lang: Lang) => (lang === 'vi' ? site.nameVi : site.nameEn);

function line(lang: Lang, s: StaleSite<SiteRecord>, timeZone: string): string {
  if (s.lastPublishedAt === null) return message(lang, 'stale_line_never', { site: siteName(s.site, lang) });
  return message(lang, 'stale_line', { site: siteName(s.site, lang), day: shownDay(localDay(s.lastPublishedAt, timeZone)), idle: String(s.idleDays ?? 0) });
}

function listIn(lang: Lang, watch: WeeklyWatch, days: number, timeZone: string, linesShown: number): string[] {
  const cut = <T>(rows: readonly T[], toLine: (row: T) => string) => [...rows.slice(0, linesShown).map(toLine), ...(rows.length > linesShown ? [`… (+${rows.length - linesShown})`] : [])];
  const lateLine = (s: LateSite<SiteRecord>) => message(lang, 'late_line', { site: siteName(s.site, lang), late: String(s.late), published: String(s.published) });
  return [
    ...(watch.stale.length ? [message(lang, 'stale_head', { days: String(days), count: String(watch.stale.length) }), ...cut(watch.stale, (s) => line(lang, s, timeZone))] : []),
    ...(watch.late.length ? [message(lang, 'late_head', { weeks: String(LATE_WINDOW_DAYS / 7), count: String(watch.late.length) }), ...cut(watch.late, lateLine)] : []),
  ];
}

/** The standing agency's list, both languages, one line a site; each part cut to `linesShown` with the count of the rest. */
export function staleListText(watch: WeeklyWatch, days: number, timeZone: string, linesShown: number): string {
  return [`⏰ ${listIn('vi', watch, days, timeZone, linesShown).join('\n')}`, '', listIn('en', watch, days, timeZone, linesShown).join('\n')].join('\n');
}

/** What a site's board member reads about their own site, in their language: stale, late, or both. */
export function staleOwnText(lang: Lang, watch: WeeklyWatch, siteId: string, days: number, timeZone: string): string | null {
  const stale = watch.stale.find((s) => s.site.id === siteId);
  const late = watch.late.find((s) => s.site.id === siteId);
  const parts: string[] = [];
  if (stale) {
    const state = stale.lastPublishedAt === null ? message(lang, 'stale_state_never') : message(lang, 'stale_state_idle', { day: shownDay(localDay(stale.lastPublishedAt, timeZone)) });
    parts.push(message(lang, 'stale_own', { site: siteName(stale.site, lang), days: String(days), state }));
  }
  if (late) parts.push(message(lang, 'late_own', { site: siteName(late.site, lang), late: String(late.late), published: String(late.published), weeks: String(LATE_WINDOW_DAYS / 7) }));
  return parts.length ? parts.join('\n') : null;
}

/** The sites a week's list names, each once, in the list's order. */
export const watchedSites = (watch: WeeklyWatch): SiteRecord[] => [...new Map([...watch.stale, ...watch.late].map((s) => [s.site.id, s.site])).values()];

/** The people holding a board role on the site today. */
export async function boardOf(deps: Deps, siteId: string): Promise<string[]> {
  const now = deps.clock();
  const grants = (await deps.store.grantsOnSite(siteId)).filter((g) => BOARD_ROLES.has(g.role) && grantActive(g, now));
  return [...new Set(grants.map((g) => g.personId))];
}

/**
 * The weekly list of sites gone stale or late, once a week from Monday 08:00 (onceAWeek): `send` gets the whole
 * list (the standing agency's chat and each site's board members). Returns 1 when a list went, 0 otherwise (none
 * due, or no site to name).
 */
export async function sendWeeklyStale(deps: Deps, days: number, marker: (monday: string) => string, send: (watch: WeeklyWatch) => Promise<boolean>): Promise<number> {
  return onceAWeek(deps, marker, async () => {
    const [stale, late] = await Promise.all([sitesGoneStale(deps, days), sitesMissingDeadlines(deps)]);
    return stale.length > 0 || late.length > 0 ? [{ stale, late }] : [];
  }, send);
}
