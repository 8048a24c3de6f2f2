import type { Genre, RoyaltyFrame, SalaryPeriod, SiteKindRate, TaxPeriod } from '../../core/royalties/frame.js';
import type { PayeeTotal, SheetRow } from '../../core/royalties/money.js';
import type { HeldDecision, WorkRoyaltyTerms } from '../../core/royalties/work.js';
import type { AuditEntry } from '../ports.js';
import type { NewFundEntry } from '../revenue/ports.js';

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

/** draft: built, may be rebuilt; checked: the secretary signed it off; approved: the head or a deputy head did; paid. */
export type SheetState = 'draft' | 'checked' | 'approved' | 'paid';
export const SHEET_STATES: readonly SheetState[] = ['draft', 'checked', 'approved', 'paid'];

/** A month's sheet of one site as stored: rows and per-person totals frozen as built. */
export interface SheetRecord {
  id: string;
  siteId: string;
  month: string;
  state: SheetState;
  paymentDay: string;
  taxRuleFrom: string;
  gross: number;
  tax: number;
  net: number;
  builtAt: Date;
  builtById: string | null;
  checkedById: string | null;
  checkedAt: Date | null;
  approvedById: string | null;
  approvedAt: Date | null;
  paidById: string | null;
  paidAt: Date | null;
  version: number;
  rows: SheetRow[];
  payees: PayeeTotal[];
}

/** A work with confirmed terms, as the sheet prices it. */
export interface WorkToPay {
  itemId: string;
  code: string;
  title: string;
  publishedAt: Date;
  /** When the publisher's card began to show it (see publishingStepFrom): terms in place by then were on it. */
  shownFrom: Date;
  takenDownAt: Date | null;
  royalty: WorkRoyaltyRecord;
  /** For a work taken down: what was decided, if anyone has. */
  held: HeldDecision | null;
}

/** A work published and still up that no approved or paid sheet holds yet (the 60-day rule watches these). */
export interface AwaitingWork {
  itemId: string;
  code: string;
  title: string;
  publishedAt: Date;
  /** The work's royalty terms: none set, proposed and not yet confirmed, or confirmed. */
  terms: 'none' | 'proposed' | 'confirmed';
}

/** What one person reads of a month (/nhuanbut): their rows on the month's sheets, with each sheet's state. */
export interface PersonMonthRow extends SheetRow {
  siteId: string;
  sheetState: SheetState;
}

export interface PayeeTaxFacts {
  nonResident: boolean;
  waiverYear: number | null;
}

export interface RoyaltySheetStore {
  royaltySheet(siteId: string, month: string): Promise<SheetRecord | null>;
  /** Sheets not yet paid, oldest month first: each waits for someone's step in chat. */
  unpaidSheets(): Promise<Pick<SheetRecord, 'id' | 'siteId' | 'month' | 'state' | 'version'>[]>;
  /** Works of the site with terms set, published before `before` (taken down or not), oldest first. */
  worksToPay(siteId: string, before: Date): Promise<WorkToPay[]>;
  /** Works of the site published in [from, to), still up, on no approved or paid sheet; oldest first, at most `limit`. */
  worksAwaitingSheet(siteId: string, from: Date, to: Date, limit: number): Promise<AwaitingWork[]>;
  /** The sheets that have rows for this work, any state, oldest month first. */
  sheetsWithWork(itemId: string): Promise<Pick<SheetRecord, 'month' | 'state'>[]>;
  /**
   * What sheets other than `exceptSheetId` paid for these works — sheets past draft, and drafts of months before
   * `month` — by priorKey(item, person, fee kind): the amount,
   * and the tax withheld on it (each sheet's tax on a person shared over their rows by amount).
   */
  paidOnSheets(itemIds: readonly string[], exceptSheetId: string | null, month: string): Promise<Map<string, { amount: number; tax: number }>>;
  /**
   * Writes the month's draft, replacing an earlier draft of it, with the audit row. A sheet of that month
   * past draft is left as it is: its state comes back instead.
   */
  putDraftSheet(sheet: Omit<SheetRecord, 'id' | 'version'>, audit: AuditEntry): Promise<{ written: SheetRecord } | { locked: SheetState }>;
  /**
   * Moves a sheet one step if it is still at `version`; false when another step came first. An approval
   * takes the sheet's total out of the royalty fund (`fund`) in the same transaction.
   */
  /** With `settle`, the sheet is being approved: the works it saw as they are are settled (see WorkRoyalty.open), up to `before`. */
  stepSheet(
    id: string, version: number, change: Pick<SheetRecord, 'state'> & Partial<Pick<SheetRecord, 'checkedById' | 'checkedAt' | 'approvedById' | 'approvedAt' | 'paidById' | 'paidAt'>>,
    audit: AuditEntry, fund: NewFundEntry | null, settle: { before: Date } | null,
  ): Promise<boolean>;
  payeeTaxFacts(personIds: readonly string[]): Promise<Map<string, PayeeTaxFacts>>;
  heldDecision(itemId: string): Promise<HeldDecision | null>;
  /** Records the decision for a held work with its audit row; false when one was already recorded (decided once). */
  putHeldDecision(itemId: string, decision: HeldDecision, audit: AuditEntry): Promise<boolean>;
  putPayeeTaxFacts(personId: string, facts: PayeeTaxFacts, at: Date, audit: AuditEntry): Promise<void>;
  /** One person's rows on the sheets of a month, every site. */
  personMonthRows(personId: string, month: string): Promise<PersonMonthRow[]>;
}

/** A sheet as it is printed and signed: names in place of ids. */
export interface SheetDocument extends Pick<SheetRecord, 'month' | 'state' | 'paymentDay' | 'taxRuleFrom' | 'gross' | 'tax' | 'net' | 'payees'> {
  siteName: string;
  /** Codes of works taken down before payment and waiting for a decision, as of now: named wherever the sheet is read. */
  held: string[];
  rows: (SheetRow & { name: string; genreName: string })[];
  builtBy: string | null;
  checkedBy: string | null;
  approvedBy: string | null;
}

/** Writes a sheet as a spreadsheet (adapters/office). */
export type SheetSpreadsheet = (doc: SheetDocument) => Promise<Buffer>;
