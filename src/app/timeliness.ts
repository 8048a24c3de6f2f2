import { localDay, shownDay } from '../core/dates.js';
import { grantActive } from '../core/grants.js';
import { message, type Lang } from '../core/messages.js';
import { staleSites, type StaleSite } from '../core/portal/timeliness.js';
import type { Deps } from './deps.js';
import type { SiteRecord } from './ports.js';
import { onceAWeek } from './weekly.js';

/** Who answers for a site's content (seed Điều 8): its head and standing deputy head. */
const BOARD_ROLES: ReadonlySet<string> = new Set(['head', 'deputy']);

/** The sites, the province first, with nothing published for more than `days` days (or nothing at all). */
export async function sitesGoneStale(deps: Deps, days: number): Promise<StaleSite<SiteRecord>[]> {
  const [sites, last] = await Promise.all([deps.store.sites(), deps.store.lastPublishedBySite()]);
  return staleSites(sites, last, deps.clock(), days);
}

const siteName = (site: SiteRecord, lang: Lang) => (lang === 'vi' ? site.nameVi : site.nameEn);

function line(lang: Lang, s: StaleSite<SiteRecord>, timeZone: string): string {
  if (s.lastPublishedAt === null) return message(lang, 'stale_line_never', { site: siteName(s.site, lang) });
  return message(lang, 'stale_line', { site: siteName(s.site, lang), day: shownDay(localDay(s.lastPublishedAt, timeZone)), idle: String(s.idleDays ?? 0) });
}

/** The standing agency's list, both languages, one line a site; cut to `linesShown` with the count of the rest. */
export function staleListText(stale: readonly StaleSite<SiteRecord>[], days: number, timeZone: string, linesShown: number): string {
  const shown = stale.slice(0, linesShown);
  const more = stale.length - shown.length;
  return [
    `⏰ ${message('vi', 'stale_head', { days: String(days), count: String(stale.length) })}`,
    ...shown.map((s) => line('vi', s, timeZone)),
    ...(more > 0 ? [`… (+${more})`] : []),
    '',
    message('en', 'stale_head', { days: String(days), count: String(stale.length) }),
    ...shown.map((s) => line('en', s, timeZone)),
    ...(more > 0 ? [`… (+${more})`] : []),
  ].join('\n');
}

/** What a site's board member reads about their own site, in their language. */
export function staleOwnText(lang: Lang, s: StaleSite<SiteRecord>, days: number, timeZone: string): string {
  const state = s.lastPublishedAt === null ? message(lang, 'stale_state_never') : message(lang, 'stale_state_idle', { day: shownDay(localDay(s.lastPublishedAt, timeZone)) });
  return message(lang, 'stale_own', { site: siteName(s.site, lang), days: String(days), state });
}

/** The people holding a board role on the site today. */
export async function boardOf(deps: Deps, siteId: string): Promise<string[]> {
  const now = deps.clock();
  const grants = (await deps.store.grantsOnSite(siteId)).filter((g) => BOARD_ROLES.has(g.role) && grantActive(g, now));
  return [...new Set(grants.map((g) => g.personId))];
}

/**
 * The weekly list of sites gone stale, once a week from Monday 08:00 (onceAWeek): `send` gets the whole list (the
 * standing agency's chat and each site's board members). Returns 1 when a list went, 0 otherwise (none due, or
 * nothing stale).
 */
export async function sendWeeklyStale(deps: Deps, days: number, marker: (monday: string) => string, send: (stale: StaleSite<SiteRecord>[]) => Promise<boolean>): Promise<number> {
  return onceAWeek(deps, marker, async () => {
    const stale = await sitesGoneStale(deps, days);
    return stale.length > 0 ? [stale] : [];
  }, send);
}
