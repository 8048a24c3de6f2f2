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
  /**
   * Takes the sending of a made report not yet sent, unless another process is sending it (since `staleBefore` or
   * later); null when not taken. `sentParts`: the parts (files, summary) that reached the chats before.
   */
  claimReportSend(period: string, siteId: string, at: Date, staleBefore: Date): Promise<{ sentParts: number } | null>;
  /** Records that the first `parts` parts reached the chats: a crash after it resumes from the next. */
  reportPartsSent(period: string, siteId: string, parts: number): Promise<void>;
  /** Every part went: the report is sent. */
  finishReportSend(period: string, siteId: string, at: Date): Promise<void>;
  /** A send that failed: open to the next run, from the parts recorded. */
  releaseReportSend(period: string, siteId: string): Promise<void>;
}
