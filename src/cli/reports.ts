import type { Command } from 'commander';
import { reportFigures } from '../app/reports/figures.js';
import { reportText } from '../app/reports/text.js';
import { localDay, shownDay } from '../core/dates.js';
import { LANGS } from '../core/messages.js';
import { parsePeriod } from '../core/reports/period.js';
import { fail, withStore } from './common.js';

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
