import { endOfDay, localDateTime, localDay } from '../../core/dates.js';
import { previousPeriod, sameLastYear, type Period } from '../../core/reports/period.js';
import { staleSites } from '../../core/portal/timeliness.js';
import { siteTree } from '../../core/visibility.js';
import type { Deps } from '../deps.js';
import type { SiteRecord } from '../ports.js';
import type { TicketReport } from '../tickets/ports.js';
import { usageOf } from '../analytics/usage.js';
import { addDays } from '../../core/tickets/calendar.js';
import { isMessageKey, message } from '../../core/messages.js';
import type { ReportRows } from './ports.js';
import { reportActivity, type ReportActivity } from './activity.js';

export interface Count<K extends string = string> {
  key: K;
  count: number;
  /** What a reader calls it (a section's name, a kind's), where the key is a code. */
  name?: { vi: string; en: string };
}

/** Everything a periodic report states (issue 20.6); each figure is a count of rows, reconciled in tests. */
export interface ReportFigures {
  period: Period;
  /** The province's time zone, which the days and the instants shown are in. */
  timeZone: string;
  /** The last day counted (the province's) when the period is still running; null once it closed. */
  runningUntil: string | null;
  /** The local day the figures were worked out on (the service's clock: a drill's day in a drill). */
  madeOn: string;
  previous: Period;
  lastYear: Period;
  /** The site reported on with every site under it; null: the province with all its component sites. */
  site: SiteRecord | null;
  siteName: { vi: string; en: string };
  items: {
    received: number;
    published: number;
    rejected: number;
    takenDown: number;
    bySection: Count[];
    byChannel: Count[];
    byKind: Count[];
    /** Publications per week, by the Monday (a local day) it begins with. */
    perWeek: Count[];
  };
  /** From receipt to publication, hours, over items that came as submissions. */
  leadTime: { counted: number; medianHours: number | null; p90Hours: number | null };
  mirrors: { channel: string; platform: string; delivered: number; failed: number; waiting: number }[];
  visits: { views: number; visitors: number | null; perDay: { day: string; views: number }[]; previousViews: number; lastYearViews: number; topArticles: { code: string; title: string; views: number }[] };
  tickets: TicketReport;
  /** Interactions, consultations, documents' timeliness, royalties, media income, incidents (src/app/reports/activity.ts). */
  activity: ReportActivity;
  sites: { key: string; name: { vi: string; en: string }; published: number; views: number; lastPublished: string | null; stale: boolean }[];
}

/** The nearest-rank percentile of sorted values (0 < p ≤ 1). */
export function percentile(sorted: ArrayLike<number>, p: number): number | null {
  if (sorted.length === 0) return null;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))]!;
}

const counted = (map: Map<string, number>): Count[] => [...map.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([key, count]) => ({ key, count }));
const bump = (map: Map<string, number>, key: string, by = 1) => map.set(key, (map.get(key) ?? 0) + by);

/** The Monday (a local day) of the week a local day falls in. */
const mondayOf = (day: string) => {
  const t = Date.parse(`${day}T00:00:00Z`);
  const weekday = (new Date(t).getUTCDay() + 6) % 7;
  return new Date(t - weekday * 86_400_000).toISOString().slice(0, 10);
};

/** A quarter of an hour: every time zone's offset is a whole number of them, so one local day holds all of it. */
const QUARTER_HOUR = 900_000;

/**
 * Publications per local week, from instants: each quarter-hour's Monday is worked out once (a year has 35,000),
 * not once per publication (a year may have a million, and a time-zone conversion is the costly step).
 */
function perWeekOf(times: readonly Float64Array[], timeZone: string): Map<string, number> {
  const mondays = new Map<number, string>();
  const perWeek = new Map<string, number>();
  for (const list of times) {
    for (const at of list) {
      const quarter = Math.floor(at / QUARTER_HOUR);
      let monday = mondays.get(quarter);
      if (monday === undefined) mondays.set(quarter, (monday = mondayOf(localDay(new Date(quarter * QUARTER_HOUR), timeZone))));
      bump(perWeek, monday);
    }
  }
  return perWeek;
}

/** The sorted lead times of the sites in scope, as one typed array (sorted numerically, in place). */
function leadsOf(times: readonly Float64Array[]): Float64Array {
  const leads = new Float64Array(times.reduce((n, t) => n + t.length, 0));
  let at = 0;
  for (const t of times) {
    leads.set(t, at);
    at += t.length;
  }
  return leads.sort();
}

/** The Mondays of the weeks a period touches. */
function weeksOf(period: Period): string[] {
  const weeks: string[] = [];
  for (let monday = mondayOf(period.fromDay); monday <= period.toDay; monday = addDays(monday, 7)) weeks.push(monday);
  return weeks;
}

/** The figures of a period for the province (`site` null) or one site with the sites under it. */
export async function reportFigures(
  deps: Deps,
  period: Period,
  site: SiteRecord | null,
  staleDays: number,
  /** The period's rows, when several scopes' reports read the same ones. */
  rowsOf: (from: Date, to: Date) => Promise<ReportRows> = (from, to) => deps.store.reportRows(from, to),
): Promise<ReportFigures> {
  const all = await deps.store.sites();
  const scope = site ? siteTree(all, site) : all;
  const inScope = new Set(scope.map((s) => s.id));
  const from = localDateTime(`${period.fromDay} 00:00`, deps.timeZone);
  const to = endOfDay(period.toDay, deps.timeZone);
  if (!from || !to) throw new Error(`period ${period.key} has no days`);
  const rows = await rowsOf(from, to);
  const bySection = new Map<string, number>();
  const sections = new Map((await deps.store.categories()).map((c) => [c.key, c]));
  const byKind = new Map<string, number>();
  const perSite = new Map<string, number>();
  let publishedCount = 0;
  for (const p of rows.published) {
    if (!inScope.has(p.siteId)) continue;
    bump(bySection, p.category ?? '', p.count);
    bump(byKind, p.kind, p.count);
    bump(perSite, p.siteId, p.count);
    publishedCount += p.count;
  }
  const times = rows.times.filter((t) => inScope.has(t.siteId));
  const perWeek = perWeekOf(times.map((t) => t.publishedAt), deps.timeZone);
  const leads = leadsOf(times.map((t) => t.leadHours));
  const byChannel = new Map<string, number>();
  for (const r of rows.received) if (inScope.has(r.siteId)) bump(byChannel, r.channel, r.count);
  const mirrors = new Map<string, ReportFigures['mirrors'][number]>();
  // Every channel's mirrors of the scope's items: a site's report counts its own items on its channels and the province's.
  for (const d of rows.deliveries) {
    // A post withdrawn before it went (a take-down) was neither sent nor failed.
    if (d.state === 'cancelled' || (site && (d.siteId === null || !inScope.has(d.siteId)))) continue;
    const m = mirrors.get(d.channelKey) ?? { channel: d.channelKey, platform: d.platform, delivered: 0, failed: 0, waiting: 0 };
    if (d.state === 'delivered') m.delivered += d.count;
    else if (d.state === 'rejected') m.failed += d.count;
    else m.waiting += d.count;
    mirrors.set(d.channelKey, m);
  }
  const usage = await usageOf(deps, period.fromDay, period.toDay, site);
  const previous = previousPeriod(period);
  const lastYear = sameLastYear(period);
  const [before, yearAgo] = await Promise.all([usageOf(deps, previous.fromDay, previous.toDay, site, 0), usageOf(deps, lastYear.fromDay, lastYear.toDay, site, 0)]);
  const topArticles = [];
  for (const a of usage.topArticles) {
    const p = await deps.store.publicationByCode(a.code);
    if (p && !p.takenDownAt) topArticles.push({ code: a.code, title: p.title, views: a.views });
  }
  const tickets = await deps.store.ticketReport({ from, to, now: deps.clock(), ...(site ? { siteIds: [...inScope] } : {}) });
  // The table of sites as it stood when the period closed (or now, for one still running).
  const asOf = to < deps.clock() ? to : deps.clock();
  const last = await deps.store.lastPublishedBySite(asOf);
  const stale = new Set(staleSites(scope, last, asOf, staleDays).map((s) => s.site.id));
  const viewsBySite = new Map(usage.bySite.map((s) => [s.siteKey, s.views]));
  const sum = (list: readonly { siteId: string; count: number }[]) => list.reduce((n, r) => n + (inScope.has(r.siteId) ? r.count : 0), 0);
  return {
    period,
    timeZone: deps.timeZone,
    runningUntil: to > deps.clock() ? localDay(deps.clock(), deps.timeZone) : null,
    madeOn: localDay(deps.clock(), deps.timeZone),
    previous,
    lastYear,
    site,
    siteName: { vi: (site ?? all[0])?.nameVi ?? '', en: (site ?? all[0])?.nameEn ?? '' },
    items: {
      received: [...byChannel.values()].reduce((a, b) => a + b, 0),
      published: publishedCount,
      rejected: sum(rows.rejected),
      takenDown: sum(rows.takenDown),
      bySection: counted(bySection).map((c) => {
        const named = sections.get(c.key);
        return named ? { ...c, name: { vi: named.nameVi, en: named.nameEn } } : c;
      }),
      byChannel: counted(byChannel).map((c) => (isMessageKey(`report_channel_${c.key}`) ? { ...c, name: { vi: message('vi', `report_channel_${c.key}`), en: message('en', `report_channel_${c.key}`) } } : c)),
      byKind: counted(byKind).map((c) => (isMessageKey(`report_kind_${c.key}`) ? { ...c, name: { vi: message('vi', `report_kind_${c.key}`), en: message('en', `report_kind_${c.key}`) } } : c)),
      // Every week of the period, those without a publication at 0: a chart shows the gap.
      perWeek: weeksOf(period).map((key) => ({ key, count: perWeek.get(key) ?? 0 })),
    },
    leadTime: { counted: leads.length, medianHours: percentile(leads, 0.5), p90Hours: percentile(leads, 0.9) },
    mirrors: [...mirrors.values()].sort((a, b) => a.channel.localeCompare(b.channel)),
    visits: { views: usage.views, visitors: usage.visitors, perDay: usage.perDay.filter((d) => d.day <= localDay(asOf, deps.timeZone)).map((d) => ({ day: d.day, views: d.views })), previousViews: before.views, lastYearViews: yearAgo.views, topArticles },
    tickets,
    activity: await reportActivity(deps, from, to, site ? [...inScope] : null),
    // Sites made after the period closed were not there to report on, unless items dated in it were written for them (an import).
    sites: scope.filter((s) => !s.createdAt || s.createdAt < to || (perSite.get(s.id) ?? 0) > 0).map((s) => {
      const at = last.get(s.id);
      return { key: s.key, name: { vi: s.nameVi, en: s.nameEn }, published: perSite.get(s.id) ?? 0, views: viewsBySite.get(s.key) ?? 0, lastPublished: at ? localDay(at, deps.timeZone) : null, stale: stale.has(s.id) };
    }),
  };
}
