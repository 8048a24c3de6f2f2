import { existsSync, mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Command } from 'commander';
import { reportWriter } from '../../adapters/office/index.js';
import { reportFileName } from '../app/reports/onDemand.js';
import { reportFigures } from '../app/reports/figures.js';
import { reportText } from '../app/reports/text.js';
import { localDay, shownDay } from '../core/dates.js';
import { LANGS, message } from '../core/messages.js';
import { parsePeriod } from '../core/reports/period.js';
import { fail, withStore } from './common.js';

/** `report --period 2026-Q3 [--site KEY] [--json] [--out DIR]`: a period's figures for the province or one site (seed Điều 19.4, 20.3). */
export function addReportCommands(program: Command): void {
  program
    .command('report')
    .description('Báo cáo định kỳ: số liệu một kỳ (quý, 6 tháng, năm) / periodic report: the figures of a period')
    .requiredOption('--period <period>', '2026-Q3 | 2026-H1 | 2026 | 2026-07-01..2026-09-30')
    .option('--site <key>', 'một trang và các trang trực thuộc (mặc định: toàn tỉnh) / one site and those under it (default: the whole province)')
    .option('--json', 'dạng JSON cho chương trình khác / in JSON, for scripts')
    .option('--out <dir>', 'ghi báo cáo Word (có biểu đồ) và phụ lục Excel vào thư mục này / write the Word report (with charts) and the Excel annex into this folder')
    .action(async (o: { period: string; site?: string; json?: boolean; out?: string }) =>
      withStore(async (deps, config) => {
        const period = parsePeriod(o.period);
        if (!period) fail({ ok: false, reason: 'report_bad_period', detail: { given: o.period } });
        const today = localDay(deps.clock(), deps.timeZone);
        if (period.fromDay > today) fail({ ok: false, reason: 'report_future', detail: { period: period.key, from: shownDay(period.fromDay) } });
        const site = o.site ? await deps.store.siteByKey(o.site) : null;
        if (o.site && !site) fail({ ok: false, reason: 'unknown_site', detail: { site: o.site } });
        // Before the figures (seconds over a large archive): an empty --out is refused at once.
        if (o.out !== undefined && o.out.trim() === '') fail({ ok: false, reason: 'report_out_empty' });
        const figures = await reportFigures(deps, period, site, config.staleSiteDays);

        if (o.out) {
          const dir = resolve(o.out);
          const files = await reportWriter.files(figures, deps.timeZone);
          for (const ext of ['docx', 'xlsx'] as const) {
            const file = join(dir, reportFileName(period, site, ext));
            try {
              // The folder itself, not its parents: Node's recursive mkdir spins on some paths (/proc/x).
              if (!existsSync(dir)) mkdirSync(dir);
              // Written beside it, then renamed over it: a crash or a full disk leaves the earlier file whole, never half of one.
              const partial = `${file}.${process.pid}.tmp`;
              try {
                writeFileSync(partial, files[ext]);
                renameSync(partial, file);
              } finally {
                rmSync(partial, { force: true });
              }
            } catch (error) {
              // A folder not ours to write, or a file in its place: said with the system's code, not Node's sentence.
              fail({ ok: false, reason: 'report_not_written', detail: { file, code: (error as NodeJS.ErrnoException).code ?? String(error) } });
            }
            console.error(`${message('vi', 'report_saved', { file })}\n${message('en', 'report_saved', { file })}`);
          }
        }
        if (o.json) return console.log(JSON.stringify({ ...figures, site: figures.site?.key ?? null }, null, 2));
        console.log(LANGS.map((lang) => reportText(figures, lang)).join('\n\n'));
      }),
    );
}
