/** One row of the audit trail as the page cache reads it (src/app/portalChanges.ts). */
export interface ChangeLogRow {
  seq: number;
  action: string;
  subjectType: string;
  subjectId: string;
  /** The row's data as JSON text. */
  data: string;
}

export interface ChangeLogStore {
  /** Rows with `afterSeq < seq <= upTo`, oldest first, at most `limit` (a range read of the trail's key). */
  auditRowsBetween(afterSeq: number, upTo: number, limit: number): Promise<ChangeLogRow[]>;
}
