import type { Deps } from '../../app/deps.js';
import type { SiteRecord } from '../../app/ports.js';
import { siteTree } from '../../core/visibility.js';
import type { TicketReport } from '../../app/tickets/ports.js';
import { endOfDay } from '../../core/dates.js';
import { addDays } from '../../core/tickets/calendar.js';
import { TICKET_CHANNELS, TICKET_KINDS, TICKET_STATES } from '../../core/tickets/model.js';
import { rendered, type Rendered } from '../portal/cache.js';
import { TicketReportQuerySchema, type TicketReportJson } from './schemas.js';

const JSON_TYPE = 'application/json; charset=utf-8';
const API_CACHE_CONTROL = 'public, max-age=0, must-revalidate';
/** A period longer than a year is a mistake or a scrape; a year is what the annual report needs. */
export const MAX_REPORT_DAYS = 366;
/**
 * A kept report is dropped by any audited change (a ticket received or stepped) like every API answer;
 * overdue counts also move with the clock alone, so a kept one is drawn again after a minute at most.
 */
const REPORT_KEEP_MS = 60_000;

const json = (status: number, value: unknown, expiresAt: number | null = null) => rendered(status, JSON_TYPE, JSON.stringify(value), API_CACHE_CONTROL, expiresAt);
const problem = (status: number, error: string, message: string, problems: string[]) => json(status, { error, message, problems });
const bad = (problems: string[]) => problem(400, 'bad_query', 'Tham số không hợp lệ / Invalid parameters', problems);

const every = <K extends string>(keys: readonly K[], counts: Record<string, number>) => Object.fromEntries(keys.map((k) => [k, counts[k] ?? 0])) as Record<K, number>;

function reportJson(r: TicketReport, sites: readonly SiteRecord[], q: { from: string; to: string; site: string | null; timeZone: string; asOf: Date }): TicketReportJson {
  const byId = new Map(sites.map((s) => [s.id, s]));
  const byUnit = r.byUnit
    .map((u) => {
      const site = u.unitSiteId ? byId.get(u.unitSiteId) : undefined;
      return { site: site?.key ?? null, name: site ? { vi: site.nameVi, en: site.nameEn } : null, count: u.count, onTime: u.onTime, late: u.late, overdue: u.overdue };
    })
    .sort((a, b) => b.count - a.count || (a.site ?? '').localeCompare(b.site ?? ''));
  return {
    from: q.from, to: q.to, timeZone: q.timeZone, site: q.site, asOf: q.asOf.toISOString(), total: r.total,
    byState: every(TICKET_STATES, r.byState), byChannel: every(TICKET_CHANNELS, r.byChannel), byKind: every(TICKET_KINDS, r.byKind),
    timeliness: { onTime: r.onTime, late: r.late, overdue: r.overdue }, byUnit,
  };
}

/**
 * GET /api/v1/reports/tickets: counts for the periodic reports, days read in the province's zone, `to`
 * included. Public like the rest of /api/v1: counts only, never a question, a name or an address.
 */
export async function drawTicketReport(deps: Deps, query: Record<string, string>): Promise<Rendered> {
  const parsed = TicketReportQuerySchema.safeParse(query);
  if (!parsed.success) return bad(parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`));
  const { from, to, site: siteKey } = parsed.data;
  if (to < from) return bad(['to: before from']);
  // Both days included: 2026-01-01 to 2026-12-31 is 365 days.
  if ((Date.parse(to) - Date.parse(from)) / 86_400_000 + 1 > MAX_REPORT_DAYS) return bad([`to: at most ${MAX_REPORT_DAYS} days from from, both included`]);
  const sites = await deps.store.sites();
  const site = siteKey ? sites.find((s) => s.key === siteKey) : undefined;
  if (siteKey && !site) return problem(400, 'unknown_site', `Không có trang “${siteKey}” / No site “${siteKey}”`, ['site: unknown']);
  const asOf = deps.clock();
  const report = await deps.store.ticketReport({
    from: endOfDay(addDays(from, -1), deps.timeZone)!,
    to: endOfDay(to, deps.timeZone)!,
    now: asOf,
    ...(site ? { siteIds: siteTree(sites, site).map((s) => s.id) } : {}),
  });
  return json(200, reportJson(report, sites, { from, to, site: site?.key ?? null, timeZone: deps.timeZone, asOf }), Date.now() + REPORT_KEEP_MS);
}
