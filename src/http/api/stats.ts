import { Hono } from 'hono';
import { endOfDay, localDateTime, localDay, typedDay } from '../../core/dates.js';
import { articlePath } from '../../core/portal/paths.js';
import { addDays } from '../../core/tickets/calendar.js';
import { siteBaseUrl } from '../../core/portal/hosts.js';
import { usageOf } from '../../app/analytics/usage.js';
import type { Deps } from '../../app/deps.js';
import type { SiteRecord } from '../../app/ports.js';
import { parsePeriod } from '../../core/reports/period.js';
import { StatsQuerySchema } from './schemas.js';

const DAY = 86_400_000;
/** A year and a day at most per request: the figures are read per day. */
const MAX_DAYS = 367;
const DEFAULT_DAYS = 30;
const STATS_CACHE_CONTROL = 'public, max-age=300';


/**
 * `/api/v1/stats`: public figures only (issue 20.9) — live publications and readers' visits of a period, never a
 * draft, a name or an address. Not kept by the page cache: views change with every page read.
 */
export function statsRoutes(env: { deps: Deps; baseUrl: string; hosted: SiteRecord | null }): Hono {
  const { deps, baseUrl } = env;
  const app = new Hono();
  app.get('/api/v1/stats', async (c) => {
    const parsed = StatsQuerySchema.safeParse(c.req.query());
    const bad = (problems: string[]) => c.json({ error: 'bad_query', message: 'Tham số không hợp lệ / Invalid parameters', problems }, 400);
    // A parameter this API does not read is refused, not ignored: `?period=garbage` must not answer the last 30 days.
    if (!parsed.success) return bad(parsed.error.issues.map((i) => (i.code === 'unrecognized_keys' ? `${i.keys.join(', ')}: not a parameter (from, to, period, site)` : `${i.path.join('.')}: ${i.message}`)));
    const asked = parsed.data;
    const period = asked.period === undefined ? null : parsePeriod(asked.period);
    if (asked.period !== undefined && !period) return bad(['period: not a period (2026-Q3, 2026-H1, 2026)']);
    if (period && (asked.from !== undefined || asked.to !== undefined)) return bad(['period: give period, or from and to, not both']);
    const q = period ? { ...asked, from: period.fromDay, to: period.toDay } : asked;
    // Each day read as a day first: `to=2026-13-01` is a bad day, not a fault in working out `from`.
    for (const [name, given] of [['from', q.from], ['to', q.to]] as const) if (given !== undefined && typedDay(given) === null) return bad([`${name}: not a day`]);
    const to = q.to ?? localDay(deps.clock(), deps.timeZone);
    const from = q.from ?? addDays(to, -(DEFAULT_DAYS - 1));
    const start = localDateTime(`${from} 00:00`, deps.timeZone);
    const end = endOfDay(to, deps.timeZone);
    if (!start || !end || Number(from.slice(0, 4)) < 1000) return bad([`${!end ? 'to' : 'from'}: not a day`]);
    if (from > to) return bad(['from: after to']);
    if ((Date.parse(to) - Date.parse(from)) / DAY + 1 > MAX_DAYS) return bad([`to: at most ${MAX_DAYS} days after from`]);
    const sites = await deps.store.sites();
    const site = q.site ? (sites.find((s) => s.key === q.site) ?? null) : env.hosted;
    if (q.site && !site) return c.json({ error: 'unknown_site', message: `Không có trang “${q.site}” / No site “${q.site}”`, problems: ['site: unknown'] }, 400);
    if (env.hosted && site?.id !== env.hosted.id) return c.json({ error: 'not_found', message: `Trang “${q.site ?? ''}” không ở địa chỉ này / Site “${q.site ?? ''}” is not served at this address` }, 404);
    const counted = site ? [site] : sites;
    const bySite = await Promise.all(counted.map(async (s) => ({ site: s.key, count: await deps.store.countPublications({ siteIds: [s.id], from: start, to: end }) })));
    const usage = await usageOf(deps, from, to, site);
    const top = [];
    for (const a of usage.topArticles) {
      const p = await deps.store.publicationByCode(a.code);
      // Only what is public now: a taken-down article leaves the table.
      if (!p || p.takenDownAt) continue;
      const owner = sites.find((s) => s.id === p.siteId);
      top.push({ code: p.code, title: p.title, url: `${siteBaseUrl(baseUrl, owner && owner.id !== sites[0]?.id ? owner : null)}${articlePath(p.lang, p.code)}`, views: a.views });
    }
    c.header('Cache-Control', STATS_CACHE_CONTROL);
    return c.json({
      from,
      to,
      site: site?.key ?? null,
      published: { total: bySite.reduce((n, s) => n + s.count, 0), bySite },
      visits: { views: usage.views, visitors: usage.visitors, perDay: usage.perDay },
      topArticles: top,
    });
  });
  return app;
}
