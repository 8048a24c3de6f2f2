/** A report the calendar made or is making (issue 20.8), as the store keeps it. */
export interface ReportRunRecord {
  period: string;
  /** '' for the province with all its sites. */
  siteId: string;
  claimedAt: Date;
  madeAt: Date | null;
  sentAt: Date | null;
}

export interface ReportRunStore {
  /** The day the portal began (its first site's creation): no report is owed for periods closed before it. */
  portalSince(): Promise<Date | null>;
  reportRuns(periods: readonly string[]): Promise<ReportRunRecord[]>;
  /**
   * Takes a period and scope for making: true when this caller may make it now — no one has, or a claim older than
   * `staleBefore` was left by a process that died before its files were stored.
   */
  claimReportRun(period: string, siteId: string, at: Date, staleBefore: Date): Promise<boolean>;
  storeReportFiles(period: string, siteId: string, files: { docx: Buffer; xlsx: Buffer }, at: Date): Promise<void>;
  reportFiles(period: string, siteId: string): Promise<{ docx: Buffer; xlsx: Buffer } | null>;
  /** Marks a made report as sent (before it goes: a crash loses that send rather than doubling it); false if it already was. */
  markReportSent(period: string, siteId: string, at: Date): Promise<boolean>;
  /** Opens a report's sending again when nothing went out. */
  unmarkReportSent(period: string, siteId: string): Promise<void>;
}
