import type { SummaryWriter } from '../../src/app/consultations/ports.js';
import type { SheetSpreadsheet } from '../../src/app/royalties/ports.js';

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
