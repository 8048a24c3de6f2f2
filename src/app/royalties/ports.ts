import type { Genre, RoyaltyFrame, SalaryPeriod, SiteKindRate, TaxPeriod } from '../../core/royalties/frame.js';
import type { WorkRoyaltyTerms } from '../../core/royalties/work.js';
import type { PayeeTotal, SheetRow } from '../../core/royalties/money.js';
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

/** A published work with what pays it, as a sheet reads it. */
export interface PricedWork {
  itemId: string;
  code: string;
  title: string;
  publishedAt: Date;
  takenDownAt: Date | null;
  royalty: WorkRoyaltyRecord;
}

export type SheetState = 'draft' | 'approved' | 'paid';

export interface SheetRecord {
  id: string;
  siteId: string;
  month: string;
  state: SheetState;
  paymentDay: string;
  rateDay: 'publication' | 'payment';
  taxRuleFrom: string;
  gross: number;
  tax: number;
  net: number;
  netInWords: string;
  builtAt: Date;
  approvedAt: Date | null;
  paidAt: Date | null;
  rows: (SheetRow & { itemId: string })[];
  payees: PayeeTotal[];
}

export interface RoyaltySheetStore {
  /** The site's works published in [from, to) that carry a royalty, oldest first. */
  pricedWorks(siteId: string, from: Date, to: Date): Promise<PricedWork[]>;
  /** Of these items, those already on an approved or paid sheet (paid once, never twice). */
  itemsOnClosedSheets(itemIds: readonly string[]): Promise<Set<string>>;
  sheetOf(siteId: string, month: string): Promise<SheetRecord | null>;
  /** Writes the month's draft in place of the previous draft; false (nothing written) when the month's sheet is approved or paid. */
  putDraftSheet(sheet: SheetRecord, audit: AuditEntry): Promise<boolean>;
}
