import type { ReportFigures } from './figures.js';

/** What the periodic reports read from the archive (issue 20.6), one period at a time. */
export interface ReportRows {
  /** Submissions received in the period, by site and channel. */
  received: { siteId: string; channel: string; count: number }[];
  /** Items published in the period (taken down since or not), by site, section and kind. */
  published: { siteId: string; category: string | null; kind: string; count: number }[];
  /**
   * The same items' times, by site: `publishedAt` (epoch milliseconds) of each, and, for those that came from a
   * submission, the hours from its receipt to publication. Typed arrays: a year of a million items is 16 MB, not
   * a million objects, and any time zone's days and weeks can be made of the instants.
   */
  times: { siteId: string; publishedAt: Float64Array; leadHours: Float64Array }[];
  /** Items taken down in the period, by site. */
  takenDown: { siteId: string; count: number }[];
  /** Rejections decided in the period, by the item's site; a submission refused at intake (no item) under its submission's site. */
  rejected: { siteId: string; count: number }[];
  /** Deliveries to the mirrors asked in the period, by channel and how they ended. */
  /** A site's report counts its items' mirrors; `siteId` is null only for rows older than the column whose item is gone. */
  deliveries: { siteId: string | null; channelKey: string; platform: string; state: string; count: number }[];
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
