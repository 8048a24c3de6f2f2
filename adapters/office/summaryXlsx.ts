import ExcelJS from 'exceljs';
import type { Summary } from '../../src/core/consultations/summary.js';
import { formatLocal } from '../../src/core/dates.js';
import { authorLabel, both, stateLabel } from './labels.js';

/**
 * Every comment as a spreadsheet row (sheet 1: section, received at, author as published, text,
 * state), for the agency to sort and filter; sheet 2 counts per section.
 */
export async function summaryXlsx(summary: Summary, timeZone: string): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  book.creator = 'portal-hub';
  book.title = summary.title;
  const sheet = book.addWorksheet('Góp ý - Comments', { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = [
    { header: both('consultation_col_no'), key: 'n', width: 8 },
    { header: both('consultation_col_section'), key: 'section', width: 32 },
    { header: both('consultation_col_received'), key: 'received', width: 20 },
    { header: both('consultation_col_author'), key: 'author', width: 24 },
    { header: both('consultation_col_text'), key: 'text', width: 80 },
    { header: both('consultation_col_state'), key: 'state', width: 18 },
  ];
  sheet.getRow(1).font = { bold: true };
  for (const s of summary.sections) {
    for (const r of s.rows) {
      sheet.addRow({ n: r.n, section: `${s.position}. ${s.title}`, received: formatLocal(r.receivedAt, timeZone), author: authorLabel(r.author), text: r.text, state: stateLabel(r.state) });
    }
  }
  sheet.getColumn('text').alignment = { wrapText: true, vertical: 'top' };
  const counts = book.addWorksheet('Theo mục - By section');
  counts.columns = [
    { header: both('consultation_col_section'), key: 'section', width: 48 },
    { header: both('consultation_col_count'), key: 'count', width: 16 },
  ];
  counts.getRow(1).font = { bold: true };
  for (const s of summary.sections) counts.addRow({ section: `${s.position}. ${s.title}`, count: s.count });
  counts.addRow({ section: both('consultation_col_total'), count: summary.total });
  return Buffer.from(await book.xlsx.writeBuffer());
}
