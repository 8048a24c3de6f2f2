import ExcelJS from 'exceljs';
import type { ReportFigures } from '../../src/app/reports/figures.js';
import { message } from '../../src/core/messages.js';
import { reportTables, type Cell } from './reportTables.js';

/**
 * Text a spreadsheet must not read as a formula (CSV/formula injection, OWASP): a title or a section name sent in
 * from outside may begin with = + - @ (or a tab or CR that some programs strip first). A leading apostrophe is what
 * a person types in Excel or LibreOffice to say "this is text"; it stays visible, which is the honest choice here.
 */
export function spreadsheetText(text: string): string {
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}

/** A cell's value in the annex: figures stay numbers; every text, ours or the data's, goes through spreadsheetText. */
function value(cell: Cell): number | string {
  if (typeof cell === 'number') return cell;
  if (cell === null) return spreadsheetText(`${message('vi', 'report_none')} / ${message('en', 'report_none')}`);
  return spreadsheetText(typeof cell === 'string' ? cell : `${cell.vi} / ${cell.en}`);
}

/**
 * The report's annex: one worksheet per table, a bilingual header row, then every row the Word report's tables
 * hold (and the days, which the Word report only draws). Figures are numbers, so the office can sum and filter.
 */
export async function reportXlsx(f: ReportFigures, timeZone: string): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  book.creator = 'portal-hub';
  book.title = `Phụ lục báo cáo ${f.period.key} — ${f.siteName.vi}`;
  for (const t of Object.values(reportTables(f, timeZone).sheets)) {
    const ws = book.addWorksheet(t.title.vi, { views: [{ state: 'frozen', ySplit: 1 }] });
    const header = ws.addRow(t.columns.map((c) => value(c)));
    header.font = { bold: true };
    header.alignment = { wrapText: true, vertical: 'top' };
    for (const r of t.rows) {
      const row = ws.addRow(r.map(value));
      r.forEach((c, i) => {
        if (typeof c === 'number') row.getCell(i + 1).numFmt = Number.isInteger(c) ? '#,##0' : '0.0';
      });
    }
    ws.columns.forEach((col, i) => {
      const longest = Math.max(...[t.columns[i], ...t.rows.map((r) => r[i])].map((c) => String(value(c ?? '')).length));
      col.width = Math.min(60, Math.max(8, longest + 2));
    });
  }
  return Buffer.from(await book.xlsx.writeBuffer());
}
