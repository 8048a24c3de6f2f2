import { endOfDay, localDay, offsetMinutes } from '../../core/dates.js';
import { owedPeriods } from '../../core/reports/calendar.js';
import type { Period } from '../../core/reports/period.js';
import type { Deps } from '../deps.js';
import type { SiteRecord } from '../ports.js';
import { reportFigures, type ReportFigures } from './figures.js';
import type { ReportRows, ReportWriter } from './ports.js';

/** A claim older than this was left by a process that died while making the report: it is made again. */
const CLAIM_STALE_MS = 15 * 60_000;

export interface ReportCalendarOptions {
  /** Days after a period closes that its report is made (REPORT_AFTER_DAYS). */
  afterDays: number;
  staleDays: number;
}

/** A made report, as a chat desk sends it. */
export interface MadeReport {
  period: Period;
  /** null: the province with all its component sites. */
  site: SiteRecord | null;
  figures: ReportFigures;
  files: { docx: Buffer; xlsx: Buffer };
}

/**
 * Where a desk sends a made report, in parts (each chat's files, then its summary): the parts before `progress.from`
 * already went; `progress.sent(n)` records that the first n did. 'noChat' when the scope has no chat there (it
 * stays stored, for `/baocao`).
 */
export type ReportSender = (report: MadeReport, progress: { from: number; sent: (parts: number) => Promise<void> }) => Promise<'sent' | 'noChat'>;

/** A send taken by a process that died part-way is resumed by another after this long. */
const SEND_STALE_MS = 5 * 60_000;

const hourIn = (instant: Date, timeZone: string) => new Date(instant.getTime() + offsetMinutes(instant, timeZone) * 60_000).getUTCHours();

/** The scopes reported on for a period: the province (all its sites), then each component site made before the period closed. */
async function scopes(deps: Deps, period: Period): Promise<(SiteRecord | null)[]> {
  const sites = await deps.store.sites();
  const closed = endOfDay(period.toDay, deps.timeZone);
  return [null, ...sites.filter((s) => s.parentId !== null && (!s.createdAt || !closed || s.createdAt < closed))];
}

/**
 * The calendar's reports (seed Điều 19.4, 20.3; issue 20.8): each period owed now and not yet made is made once for
 * the province and for each component site, its files stored, then sent by `send`. A period missed while the service
 * was down is owed at its next start; a report whose sending failed with nothing out is sent at the next run.
 * Returns how many reports were made.
 */
export async function makeDueReports(deps: Deps, maker: ReportWriter, options: ReportCalendarOptions, send: ReportSender): Promise<number> {
  const now = deps.clock();
  const since = await deps.store.portalSince();
  if (!since) return 0;
  const owed = owedPeriods(localDay(now, deps.timeZone), hourIn(now, deps.timeZone), options.afterDays, localDay(since, deps.timeZone));
  if (owed.length === 0) return 0;
  const runs = await deps.store.reportRuns(owed.map((p) => p.key));
  const done = new Map(runs.map((r) => [`${r.period}|${r.siteId}`, r]));
  let made = 0;
  for (const period of owed) {
    // One reading of the period's rows serves the province's report and every site's.
    let rows: Promise<ReportRows> | null = null;
    const rowsOf = (from: Date, to: Date) => (rows ??= deps.store.reportRows(from, to));
    for (const site of await scopes(deps, period)) {
      const siteId = site?.id ?? '';
      const run = done.get(`${period.key}|${siteId}`);
      if (run?.sentAt) continue;
      let figures: ReportFigures | null = null;
      if (!run?.madeAt) {
        if (!(await deps.store.claimReportRun(period.key, siteId, deps.clock(), new Date(deps.clock().getTime() - CLAIM_STALE_MS)))) continue;
        figures = await reportFigures(deps, period, site, options.staleDays, rowsOf);
        await deps.store.storeReportFiles(period.key, siteId, await maker.files(figures, deps.timeZone), deps.clock());
        made += 1;
      }
      await sendStored(deps, period, site, figures ?? (await reportFigures(deps, period, site, options.staleDays, rowsOf)), send);
    }
  }
  return made;
}

/**
 * Sends a stored report, part by part, each part recorded once it went: a crash part-way resumes from the next part
 * (at worst the one in flight goes twice), never loses the rest. One process sends at a time; another takes over a
 * send left SEND_STALE_MS ago. A failed part opens the send to the next run, from where it stopped.
 */
async function sendStored(deps: Deps, period: Period, site: SiteRecord | null, figures: ReportFigures, send: ReportSender): Promise<void> {
  const siteId = site?.id ?? '';
  const files = await deps.store.reportFiles(period.key, siteId);
  if (!files) return;
  const claim = await deps.store.claimReportSend(period.key, siteId, deps.clock(), new Date(deps.clock().getTime() - SEND_STALE_MS));
  if (!claim) return;
  try {
    await send({ period, site, figures, files }, { from: claim.sentParts, sent: (parts) => deps.store.reportPartsSent(period.key, siteId, parts) });
  } catch (error) {
    await deps.store.releaseReportSend(period.key, siteId);
    throw error;
  }
  await deps.store.finishReportSend(period.key, siteId, deps.clock());
}
