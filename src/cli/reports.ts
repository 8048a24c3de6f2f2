import type { Command } from 'commander';
import { reportFigures, type ReportFigures } from '../app/reports/figures.js';
import { localDay, shownDay } from '../core/dates.js';
import { LANGS, message, type Lang } from '../core/messages.js';
import { parsePeriod } from '../core/reports/period.js';
import { fail, withStore } from './common.js';

const count = new Intl.NumberFormat('vi-VN');
const hours = (h: number | null, lang: Lang) => (h === null ? message(lang, 'report_none') : h.toLocaleString(lang === 'vi' ? 'vi-VN' : 'en-GB', { maximumFractionDigits: 1 }));

/** A report's figures as a person reads them in the terminal, one language. */
export function reportText(f: ReportFigures, lang: Lang): string {
  const n = (x: number) => (lang === 'vi' ? count.format(x) : x.toLocaleString('en-GB'));
  return [
    message(lang, 'report_title', { period: f.period.key, site: f.siteName[lang], from: shownDay(f.period.fromDay), to: shownDay(f.period.toDay) }),
    message(lang, 'report_items', { received: n(f.items.received), published: n(f.items.published), rejected: n(f.items.rejected), takenDown: n(f.items.takenDown) }),
    f.leadTime.counted === 0 ? message(lang, 'report_lead_none') : message(lang, 'report_lead', { median: hours(f.leadTime.medianHours, lang), p90: hours(f.leadTime.p90Hours, lang), counted: n(f.leadTime.counted) }),
    message(lang, 'report_visits', { views: n(f.visits.views), previous: n(f.visits.previousViews), lastYear: n(f.visits.lastYearViews), visitors: f.visits.visitors === null ? message(lang, 'report_none') : n(f.visits.visitors) }),
    message(lang, 'report_tickets', { total: n(f.tickets.total), onTime: n(f.tickets.onTime), late: n(f.tickets.late), overdue: n(f.tickets.overdue) }),
    ...f.sites.map((s) =>
      message(lang, 'report_site_line', { site: s.name[lang], published: n(s.published), views: n(s.views), last: s.lastPublished ? shownDay(s.lastPublished) : message(lang, 'report_never'), stale: s.stale ? message(lang, 'report_stale_mark') : '' }),
    ),
  ].join('\n');
}

/** `report --period 2026-Q3 [--site KEY] [--json]`: a period's figures for the province or one site (seed Điều 19.4, 20.3). */
export function addReportCommands(program: Command): void {
  program
    .command('report')
    .description('Báo cáo định kỳ: số liệu một kỳ (quý, 6 tháng, năm) / periodic report: the figures of a period')
    .requiredOption('--period <period>', '2026-Q3 | 2026-H1 | 2026 | 2026-07-01..2026-09-30')
    .option('--site <key>', 'một trang và các trang trực thuộc (mặc định: toàn tỉnh) / one site and those under it (default: the whole province)')
    .option('--json', 'dạng JSON cho chương trình khác / in JSON, for scripts')
    .action(async (o: { period: string; site?: string; json?: boolean }) =>
      withStore(async (deps, config) => {
        const period = parsePeriod(o.period);
        if (!period) fail({ ok: false, reason: 'report_bad_period', detail: { given: o.period } });
        const today = localDay(deps.clock(), deps.timeZone);
        if (period.fromDay > today) fail({ ok: false, reason: 'report_future', detail: { period: period.key, from: shownDay(period.fromDay) } });
        const site = o.site ? await deps.store.siteByKey(o.site) : null;
        if (o.site && !site) fail({ ok: false, reason: 'unknown_site', detail: { site: o.site } });
        const figures = await reportFigures(deps, period, site, config.staleSiteDays);
        if (o.json) return console.log(JSON.stringify({ ...figures, site: figures.site?.key ?? null }, null, 2));
        console.log(LANGS.map((lang) => reportText(figures, lang)).join('\n\n'));
      }),
    );
}
