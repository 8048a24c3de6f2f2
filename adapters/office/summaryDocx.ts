import { AlignmentType, Document, HeadingLevel, Packer, Paragraph, Table, TableCell, TableRow, TextRun, WidthType } from 'docx';
import type { Summary, SummarySection } from '../../src/core/consultations/summary.js';
import { formatLocal } from '../../src/core/dates.js';
import { authorLabel, en, stateLabel, vi } from './labels.js';

/** Column widths in per cent: number, received, author, comment, state. */
const WIDTHS = [6, 16, 16, 48, 14];

const cell = (text: string, width: number, bold = false) =>
  new TableCell({ width: { size: width, type: WidthType.PERCENTAGE }, children: text.split('\n').map((line) => new Paragraph({ children: [new TextRun({ text: line, bold })] })) });

function sectionTable(s: SummarySection, timeZone: string): Table {
  const head = new TableRow({
    tableHeader: true,
    children: ['consultation_col_no', 'consultation_col_received', 'consultation_col_author', 'consultation_col_text', 'consultation_col_state'].map((key, i) => cell(`${vi(key)}\n${en(key)}`, WIDTHS[i]!, true)),
  });
  const rows = s.rows.map(
    (r) => new TableRow({ children: [String(r.n), formatLocal(r.receivedAt, timeZone), authorLabel(r.author), r.text, stateLabel(r.state)].map((text, i) => cell(text, WIDTHS[i]!)) }),
  );
  return new Table({ width: { size: 100, type: WidthType.PERCENTAGE }, rows: [head, ...rows] });
}

/**
 * The summary as a Word document: title, agency, period, totals, then each section under a heading
 * that gives its count, with a table of its comments (one row each).
 */
export async function summaryDocx(summary: Summary, timeZone: string): Promise<Buffer> {
  const period = { from: formatLocal(summary.opensAt, timeZone), to: formatLocal(summary.closesAt, timeZone) };
  const out = summary.leftOut.spam + summary.leftOut.abuse;
  const outDetail = { n: String(out), spam: String(summary.leftOut.spam), abuse: String(summary.leftOut.abuse) };
  const line = (text: string, italics = false) => new Paragraph({ children: [new TextRun({ text, italics })] });
  const children: (Paragraph | Table)[] = [
    new Paragraph({ heading: HeadingLevel.TITLE, alignment: AlignmentType.CENTER, children: [new TextRun(vi('consultation_doc_title'))] }),
    new Paragraph({ alignment: AlignmentType.CENTER, children: [new TextRun({ text: en('consultation_doc_title'), italics: true })] }),
    line(vi('consultation_doc_draft', { title: summary.title })),
    line(vi('consultation_agency', { agency: summary.agency })),
    line(vi('consultation_period', period)),
    line(vi('consultation_doc_total', { n: String(summary.total) })),
    line(en('consultation_doc_total', { n: String(summary.total) }), true),
    ...(out > 0 ? [line(vi('consultation_doc_left_out', outDetail)), line(en('consultation_doc_left_out', outDetail), true)] : []),
  ];
  for (const s of summary.sections) {
    const detail = { n: String(s.position), title: s.title, count: String(s.count) };
    children.push(new Paragraph({ heading: HeadingLevel.HEADING_2, children: [new TextRun(vi('consultation_doc_section', detail))] }));
    children.push(line(en('consultation_doc_section', detail), true));
    children.push(s.rows.length ? sectionTable(s, timeZone) : line(vi('consultation_doc_none')));
  }
  const doc = new Document({ title: vi('consultation_doc_title'), subject: summary.title, creator: 'portal-hub', sections: [{ children }] });
  return Packer.toBuffer(doc);
}
