import type { Genre, RoyaltyFrame, SalaryPeriod, SiteKindRate, TaxPeriod } from '../../core/royalties/frame.js';
import type { WorkRoyaltyTerms } from '../../core/royalties/work.js';
import type { AuditEntry } from '../ports.js';

/** One change to the frame: the row as it is now, and as it was (null when new). */
export type FrameChange<T> = { previous: T | null };

/** The royalty frame over storage; each change and its audit row commit together, the previous value in the row. */
export interface RoyaltyFrameStore {
  royaltyFrame(): Promise<RoyaltyFrame>;
  putSalary(period: SalaryPeriod, audit: AuditEntry): Promise<FrameChange<SalaryPeriod>>;
  putTax(period: TaxPeriod, audit: AuditEntry): Promise<FrameChange<TaxPeriod>>;
  putGenre(genre: Genre, audit: AuditEntry): Promise<FrameChange<Genre>>;
  putSiteRate(rate: SiteKindRate, audit: AuditEntry): Promise<FrameChange<SiteKindRate>>;
}

/** A work's royalty as stored: the terms, who proposed them, and who confirmed them at publishing. */
export interface WorkRoyaltyRecord extends WorkRoyaltyTerms {
  itemId: string;
  /** A person's id, or null for the operator at the terminal. */
  proposedById: string | null;
  confirmedById: string | null;
  confirmedAt: Date | null;
  updatedAt: Date;
}

export interface WorkRoyaltyStore {
  workRoyalty(itemId: string): Promise<WorkRoyaltyRecord | null>;
  /** Replaces the work's terms and authors with the audit entry (both versions in it), in one write. */
  putWorkRoyalty(record: WorkRoyaltyRecord, audit: AuditEntry): Promise<{ previous: WorkRoyaltyRecord | null }>;
}
