import { AlignmentType, Document, ImageRun, Packer, Paragraph, Table, TableBorders, TableCell, TableRow, TextRun, UnderlineType, WidthType, type ParagraphChild } from 'docx';
import type { ReportFigures } from '../../src/app/reports/figures.js';
import { uptimeSentence } from '../../src/app/reports/uptimeText.js';
import { shownDay } from '../../src/core/dates.js';
import { message } from '../../src/core/messages.js';
import { cellText, reportTables, type Cell, type ReportSheets, type ReportTable } from './reportTables.js';

const vi = (key: string, detail?: Record<string, string>) => message('vi', key, detail);
const en = (key: string, detail?: Record<string, string>) => message('en', key, detail);
const n = (x: number) => cellText(x);
/** Sizes in half-points: 14 pt body and 13 pt tables, as Nghị định 30/2020/NĐ-CP (Phụ lục I) sets for text. */
const BODY = 28;
const SMALL = 26;
/** A4 with the decree's margins (top/bottom 20 mm, left 30 mm, right 15 mm), in twentieths of a point. */
const PAGE = { size: { width: 11906, height: 16838 }, margin: { top: 1134, bottom: 1134, left: 1701, right: 850 } };
const PICTURE_WIDTH = 600;

type RunOpts = { bold?: boolean; italics?: boolean; underline?: boolean; size?: number };
const run = (text: string, o: RunOpts = {}) =>
  new TextRun({ text, bold: o.bold === true, italics: o.italics === true, ...(o.underline ? { underline: { type: UnderlineType.SINGLE } } : {}), ...(o.size ? { size: o.size } : {}) });
const para = (children: ParagraphChild[], align: 'center' | 'left' | 'justify' = 'justify', after = 120) =>
  new Paragraph({ alignment: align === 'center' ? AlignmentType.CENTER : align === 'left' ? AlignmentType.LEFT : AlignmentType.JUSTIFIED, spacing: { after }, children });
const line = (text: string, o: RunOpts & { align?: 'center' | 'left' | 'justify' } = {}) => para([run(text, o)], o.align ?? 'justify');
const heading = (key: string) => para([run(vi(key), { bold: true })], 'left');

/** A data table: the header row repeats on each page; figures right-aligned so digits line up. */
function dataTable(t: ReportTable): (Paragraph | Table)[] {
  const cell = (c: Cell, header: boolean) =>
    new TableCell({
      children: [new Paragraph({ alignment: header ? AlignmentType.CENTER : typeof c === 'number' ? AlignmentType.RIGHT : AlignmentType.LEFT, children: [run(cellText(c), { bold: header, size: SMALL })] })],
    });
  const table = new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    rows: [new TableRow({ tableHeader: true, children: t.columns.map((c) => cell(c, true)) }), ...t.rows.map((r) => new TableRow({ children: r.map((c) => cell(c, false)) }))],
  });
  return [table, ...(t.rows.length === 0 ? [line(`(${vi('report_no_data')})`, { italics: true, size: SMALL, align: 'center' })] : [new Paragraph('')])];
}

/** A borderless two-column table: how the decree lays out the header and the closing block. */
const layout = (rows: Paragraph[][][], leftPercent: number) =>
  new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    borders: TableBorders.NONE,
    columnWidths: [leftPercent * 94, (100 - leftPercent) * 94],
    rows: rows.map((cells) => new TableRow({ children: cells.map((children, i) => new TableCell({ width: { size: i === 0 ? leftPercent : 100 - leftPercent, type: WidthType.PERCENTAGE }, children })) })),
  });

/** The national header (Nghị định 30/2020, Phụ lục I): agency and number on the left, the motto and the place and date on the right. */
function header(f: ReportFigures): Table {
  const c = (text: string, o: RunOpts = {}) => para([run(text, { size: SMALL, ...o })], 'center', 0);
  return layout(
    [
      [
        [c(f.siteName.vi.toUpperCase(), { bold: true }), c('―――――', { bold: true })],
        [c('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', { bold: true, size: 24 }), c('Độc lập - Tự do - Hạnh phúc', { bold: true, underline: true, size: BODY })],
      ],
      // Number and date are written in by the office that registers the report (văn thư).
      [[c('Số:        /BC-……')], [c('……, ngày …… tháng …… năm ……', { italics: true, size: BODY })]],
    ],
    // The national header on one line (NĐ 30/2020: 12–13 pt bold) needs the wider right column.
    36,
  );
}

/** The closing block: who receives it on the left, the head's signature on the right, names left to fill in. */
function closing(): Table {
  const left = (text: string, o: RunOpts = {}) => para([run(text, { size: 22, ...o })], 'left', 0);
  const right = (text: string, o: RunOpts = {}) => para([run(text, { size: BODY, ...o })], 'center', 0);
  return layout(
    [
      [
        [left('Nơi nhận:', { bold: true, italics: true, size: 24 }), left('- Như trên;'), left('- Ban Biên tập;'), left('- Lưu: VT, ……')],
        [right('THỦ TRƯỞNG CƠ QUAN', { bold: true }), right('(Ký, ghi rõ họ tên, đóng dấu)', { italics: true, size: SMALL }), right(''), right(''), right(''), right('……………………', { bold: true })],
      ],
    ],
    50,
  );
}

/** Sections VII–XI (issue 20.6): each a sentence with its figures, then its table, as the annex's sheet has it. */
function activityParts(f: ReportFigures, sheets: ReportSheets): (Paragraph | Table)[] {
  const a = f.activity;
  const i = a.interactions;
  const c = a.consultations;
  const v = a.revenue;
  return [
    heading('report_part_interactions'),
    line(vi('report_interactions', { received: n(i.received), answered: n(i.answered) })),
    ...(i.repliesPosted === null ? [] : [line(vi('report_replies', { replies: n(i.repliesPosted) }))]),
    ...dataTable(sheets.interactions),
    heading('report_part_consultations'),
    line(vi('report_consultations', { held: n(c.held), comments: n(c.comments), published: n(c.published), hidden: n(c.hidden), waiting: n(c.waiting) })),
    ...dataTable(sheets.consultations),
    heading('report_part_documents'),
    line(vi('report_documents', { published: n(a.documents.published), onTime: n(a.documents.onTime), late: n(a.documents.late) })),
    ...dataTable(sheets.documents),
    heading('report_part_money'),
    line(vi('report_royalties', { sheets: n(a.royalties.sheets), gross: n(a.royalties.gross), tax: n(a.royalties.tax), net: n(a.royalties.net) })),
    ...dataTable(sheets.royalties),
    line(vi('report_revenue', { payments: n(v.payments), reversals: n(v.reversals), amount: n(v.amount), tax: n(v.tax), afterTax: n(v.afterTax) })),
    ...dataTable(sheets.revenue),
    heading('report_part_incidents'),
    line(a.incidents ? vi('report_incidents', { raised: n(a.incidents.raised) }) : vi('report_incidents_site')),
    line(uptimeSentence(a.uptime, 'vi', f.timeZone)),
    ...dataTable(sheets.incidents),
  ];
}

/** Width and height from a PNG's IHDR chunk, so the picture keeps its proportions at the set width. */
const pngSize = (png: Buffer) => ({ width: png.readUInt32BE(16), height: png.readUInt32BE(20) });

/**
 * The periodic report (seed Điều 19.4, 20.3) as a Word document in the administrative style of Nghị định 30/2020:
 * national header, title, sections I–XI with their tables and charts (each captioned in Vietnamese, then English
 * in italics), then the recipients and the signature block. Figures in Vietnamese format, days dd/mm/yyyy.
 */
export async function reportDocx(f: ReportFigures, charts: { title: string; png: Buffer }[], timeZone: string): Promise<Buffer> {
  const { sheets, parts } = reportTables(f, timeZone);
  let figureNo = 0;
  const placed = new Set<string>();
  // Charts are found by their title, which comes from the same catalogue; one the report does not know goes at the end.
  const figure = (png: Buffer, title: string, enTitle: string) => {
    figureNo += 1;
    const size = pngSize(png);
    return [
      para([new ImageRun({ type: 'png', data: png, altText: { name: `chart-${figureNo}`, title, description: `${title} / ${enTitle}` }, transformation: { width: PICTURE_WIDTH, height: Math.round((PICTURE_WIDTH * size.height) / size.width) } })], 'center', 60),
      line(vi('report_figure', { n: String(figureNo), title }), { align: 'center', bold: true, size: SMALL }),
      line(en('report_figure', { n: String(figureNo), title: enTitle }), { align: 'center', italics: true, size: SMALL }),
    ];
  };
  const chart = (key: string) => {
    const found = charts.find((c) => c.title === vi(`report_chart_${key}`));
    if (!found) return [];
    placed.add(found.title);
    return figure(found.png, found.title, en(`report_chart_${key}`));
  };
  const sub = (t: ReportTable) => [line(`${t.title.vi} (${t.title.en})`, { italics: true, align: 'left' }), ...dataTable(t)];
  const period = { period: f.period.key, site: f.siteName.vi, from: shownDay(f.period.fromDay), to: shownDay(f.period.toDay) };
  const lead = f.leadTime;
  const body = [
    header(f),
    new Paragraph(''),
    line('BÁO CÁO', { bold: true, align: 'center' }),
    line(vi('report_docx_subtitle', period), { bold: true, align: 'center' }),
    line(en('report_docx_subtitle', { ...period, site: f.siteName.en }), { italics: true, align: 'center', size: SMALL }),
    ...(f.runningUntil ? [line(`${vi('report_running', { day: shownDay(f.runningUntil) })} / ${en('report_running', { day: shownDay(f.runningUntil) })}`, { italics: true, align: 'center', size: SMALL })] : []),
    heading('report_part_items'),
    line(vi('report_items', { received: n(f.items.received), published: n(f.items.published), rejected: n(f.items.rejected), takenDown: n(f.items.takenDown) })),
    ...dataTable(parts.items),
    ...sub(sheets.section),
    ...chart('section'),
    ...sub(sheets.channel),
    ...sub(sheets.kind),
    ...sub(sheets.week),
    ...chart('week'),
    heading('report_part_lead'),
    line(lead.counted === 0 ? vi('report_lead_none') : vi('report_lead', { median: cellText(parts.lead.rows[1]?.[1] ?? null), p90: cellText(parts.lead.rows[2]?.[1] ?? null), counted: n(lead.counted), s: '' })),
    ...dataTable(parts.lead),
    heading('report_part_visits'),
    line(vi('report_visits', { views: n(f.visits.views), previous: n(f.visits.previousViews), lastYear: n(f.visits.lastYearViews), visitors: cellText(f.visits.visitors) })),
    ...dataTable(parts.visits),
    ...chart('visits'),
    // A year has 365 rows of days: the chart shows them, the annex lists them.
    line(vi('report_days_in_annex', { sheet: sheets.day.title.vi }), { italics: true }),
    ...sub(sheets.top),
    heading('report_part_tickets'),
    line(vi('report_tickets', { total: n(f.tickets.total), onTime: n(f.tickets.onTime), late: n(f.tickets.late), overdue: n(f.tickets.overdue) })),
    ...dataTable(sheets.tickets),
    heading('report_part_mirrors'),
    ...dataTable(sheets.mirrors),
    heading('report_part_sites'),
    ...dataTable(sheets.sites),
    ...chart('site'),
    ...activityParts(f, sheets),
  ];
  const rest = charts.filter((c) => !placed.has(c.title)).flatMap((c) => figure(c.png, c.title, c.title));
  const made = f.madeOn;
  const file = new Document({
    title: `Báo cáo ${f.period.key} — ${f.siteName.vi}`,
    description: `portal-hub, ${shownDay(made)}`,
    creator: 'portal-hub',
    styles: { default: { document: { run: { font: 'Times New Roman', size: BODY } } } },
    sections: [{ properties: { page: PAGE }, children: [...body, ...rest, new Paragraph(''), closing()] }],
  });
  return Packer.toBuffer(file);
}
