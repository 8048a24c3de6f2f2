import { localDay, shownDay } from '../../core/dates.js';
import { grantActive } from '../../core/grants.js';
import { parsePeriod, type Period } from '../../core/reports/period.js';
import type { Deps } from '../deps.js';
import type { SiteRecord } from '../ports.js';
import { reportFigures, type ReportFigures } from './figures.js';
import type { ReportWriter } from './ports.js';

/** Who reads a scope's report (seed Điều 19.4, 20.3): its board, its secretary and its administrators, or those of a site above it. */
const REPORT_ROLES: ReadonlySet<string> = new Set(['head', 'deputy', 'secretary', 'admin']);

export type OnDemandReport =
  | { ok: true; period: Period; site: SiteRecord | null; figures: ReportFigures; files: { docx: Buffer; xlsx: Buffer } }
  | { ok: false; reason: 'report_bad_period' | 'report_future' | 'unknown_site' | 'report_not_allowed'; detail: Record<string, string> };

/** The site and every site above it, nearest first. */
function withAncestors(sites: readonly SiteRecord[], site: SiteRecord): SiteRecord[] {
  const chain = [site];
  for (let s = site; s.parentId !== null; ) {
    const parent = sites.find((x) => x.id === s.parentId);
    if (!parent || chain.includes(parent)) break;
    chain.push((s = parent));
  }
  return chain;
}

/** A period and scope typed by a person (`/baocao 2026-Q3 so-y-te`), checked, and its report made for them. */
export async function reportOnDemand(deps: Deps, maker: ReportWriter, personId: string, typedPeriod: string, siteKey: string | null, staleDays: number): Promise<OnDemandReport> {
  const period = parsePeriod(typedPeriod);
  if (!period) return { ok: false, reason: 'report_bad_period', detail: { given: typedPeriod.slice(0, 40) } };
  if (period.fromDay > localDay(deps.clock(), deps.timeZone)) return { ok: false, reason: 'report_future', detail: { period: period.key, from: shownDay(period.fromDay) } };
  const sites = await deps.store.sites();
  const site = siteKey === null ? null : (sites.find((s) => s.key === siteKey) ?? null);
  if (siteKey !== null && !site) return { ok: false, reason: 'unknown_site', detail: { site: siteKey.slice(0, 40) } };
  const root = sites.find((s) => s.parentId === null);
  const covering = new Set((site ? withAncestors(sites, site) : root ? [root] : []).map((s) => s.id));
  const now = deps.clock();
  const grants = await deps.store.grantsOf(personId);
  const reading = grants.filter((g) => REPORT_ROLES.has(g.role) && grantActive(g, now));
  if (!reading.some((g) => covering.has(g.siteId))) {
    // The scopes the person may read instead (a department's deputy asking for the province's), as keys to type.
    const own = [...new Set(reading.flatMap((g) => sites.filter((s) => s.id === g.siteId).map((s) => s.key)))].slice(0, 5);
    return { ok: false, reason: 'report_not_allowed', detail: { site: site?.nameVi ?? root?.nameVi ?? '', siteEn: site?.nameEn ?? root?.nameEn ?? '', period: period.key, own: own.join(' ') } };
  }
  const figures = await reportFigures(deps, period, site, staleDays);
  return { ok: true, period, site, figures, files: await maker.files(figures, deps.timeZone) };
}

/** The file names a report goes by: `bao-cao-2026-Q3-so-y-te.docx`; the province's `…-toan-tinh`. */
export const reportFileName = (period: Period, site: SiteRecord | null, ext: 'docx' | 'xlsx') => `bao-cao-${period.key.replace('..', '_')}-${site?.key ?? 'toan-tinh'}.${ext}`;
