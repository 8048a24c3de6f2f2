import type { SummaryWriter } from '../../src/app/consultations/ports.js';
import type { SheetSpreadsheet } from '../../src/app/royalties/ports.js';
import type { ReportWriter } from '../../src/app/reports/ports.js';

/**
 * The consultation summary's files, made with maintained libraries: `docx` writes Word documents from
 * a typed tree (no template files, no office suite on the server), `exceljs` writes spreadsheets.
 * Both are loaded when a summary is first made: a start-up does not pay for them.
 */
export const officeWriter: SummaryWriter = {
  docx: async (summary, timeZone) => (await import('./summaryDocx.js')).summaryDocx(summary, timeZone),
  xlsx: async (summary, timeZone) => (await import('./summaryXlsx.js')).summaryXlsx(summary, timeZone),
};

/** The royalty sheet as a spreadsheet; exceljs is loaded on first use. */
export const royaltySpreadsheet: SheetSpreadsheet = async (doc) => (await import('./royaltySheetXlsx.js')).royaltySheetXlsx(doc);

/** The royalty sheet for signing, as a Word document in the official style; docx is loaded on first use. */
export const royaltyDocument: SheetSpreadsheet = async (doc) => (await import('./royaltySheetDocx.js')).royaltySheetDocx(doc);

/**
 * The periodic report's files (issue 20.7): the charts first (echarts and resvg, no browser), then the Word report
 * that shows them and the spreadsheet annex. All three modules load on the first report: a start-up does not pay.
 */
export const reportWriter: ReportWriter = {
  files: async (figures, timeZone) => {
    const [{ reportCharts }, { reportDocx }, { reportXlsx }] = await Promise.all([import('./reportCharts.js'), import('./reportDocx.js'), import('./reportXlsx.js')]);
    const charts = reportCharts(figures).map(({ title, png }) => ({ title, png }));
    const [docx, xlsx] = await Promise.all([reportDocx(figures, charts, timeZone), reportXlsx(figures, timeZone)]);
    return { docx, xlsx, charts };
  },
};
