import type { ReportFigures } from './figures.js';

/** What the periodic reports read from the archive (issue 20.6), one period at a time. */
export interface ReportRows {
  /** Submissions received in the period, by site and channel. */
  received: { siteId: string; channel: string; count: number }[];
  /** Items published in the period (taken down since or not), each with its day, section, kind and, when it came from a submission, when that was received. */
  published: { siteId: string; publishedAt: Date; category: string | null; kind: string; receivedAt: Date | null }[];
  /** Items taken down in the period, by site. */
  takenDown: { siteId: string; count: number }[];
  /** Rejections decided in the period, by the item's site; a submission refused at intake (no item) under its submission's site. */
  rejected: { siteId: string; count: number }[];
  /** Deliveries to the mirrors asked in the period, by channel and how they ended. */
  deliveries: { channelKey: string; platform: string; state: string; count: number }[];
}

export interface ReportStore {
  reportRows(from: Date, to: Date): Promise<ReportRows>;
}

/** The report's files (issue 20.7): the Word report with its charts, the spreadsheet annex. */
export interface ReportFiles {
  docx: Buffer;
  xlsx: Buffer;
  charts: { title: string; png: Buffer }[];
}
export interface ReportWriter {
  files(figures: ReportFigures, timeZone: string): Promise<ReportFiles>;
}
