import type { Genre, RoyaltyFrame, SalaryPeriod, SiteKindRate, TaxPeriod } from '../../core/royalties/frame.js';
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
