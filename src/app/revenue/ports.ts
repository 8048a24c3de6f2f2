import type { PriceDeviation, PriceRowTerms } from '../../core/revenue/prices.js';
import type { RevenueLine, RevenueShare } from '../../core/revenue/split.js';
import type { AuditEntry } from '../ports.js';

/** The kinds of media service the regulation names (seed Điều 14.1). */
export const SERVICE_KINDS = ['event', 'brand', 'commerce', 'supplier', 'banner', 'sponsored'] as const;
export type ServiceKind = (typeof SERVICE_KINDS)[number];
export const isServiceKind = (value: string): value is ServiceKind => (SERVICE_KINDS as readonly string[]).includes(value);

export type ContractState = 'proposed' | 'approved' | 'refused';
export const CONTRACT_STATES: readonly ContractState[] = ['proposed', 'approved', 'refused'];

export interface PartnerRecord {
  id: string;
  name: string;
  taxNumber: string | null;
  contact: string | null;
  createdAt: Date;
}

/** What the head or the standing deputy head decides on (a contract, a price list): proposed, then approved or refused once. */
export interface Decided {
  id: string;
  code: string;
  siteId: string;
  state: ContractState;
  reason: string | null;
  proposedById: string | null;
  proposedAt: Date;
  decidedById: string | null;
  decidedAt: Date | null;
  /** Bumped by every decision: a card's button acts only on the version it showed. */
  version: number;
}

export interface ContractRecord extends Decided {
  partnerId: string;
  partnerName: string;
  kind: ServiceKind;
  title: string;
  /** What the partner pays, tax included, in đồng. */
  value: number;
  taxPercent: number;
  startDay: string;
  endDay: string;
  shares: RevenueShare[];
  /** What has come in on it so far, tax included (reversals netted). */
  received: number;
  /** How its value stood against the price list in force when it was filed; null when within it (or no list was in force). */
  priceDeviation: PriceDeviation | null;
}

export interface PriceListRecord extends Decided {
  year: number;
  rows: PriceRowTerms[];
}

export interface PaymentRecord {
  id: string;
  contractId: string;
  contractCode: string;
  siteId: string;
  day: string;
  receipt: string | null;
  amount: number;
  tax: number;
  afterTax: number;
  reverses: string | null;
  note: string | null;
  recordedById: string | null;
  recordedAt: Date;
  lines: RevenueLine[];
}

/** budget: allocated by the budget (entered by staff); media: 10 % of media revenue; sheet: an approved royalty sheet; correction. */
export type FundSource = 'budget' | 'media' | 'sheet' | 'correction';
export const FUND_SOURCES: readonly FundSource[] = ['budget', 'media', 'sheet', 'correction'];

export interface FundEntry {
  id: string;
  siteId: string;
  day: string;
  source: FundSource;
  amount: number;
  ref: string | null;
  note: string | null;
  createdById: string | null;
  createdAt: Date;
}

export type NewFundEntry = Omit<FundEntry, 'id'>;

/** A quarter's money of one site, as the board reads it: every figure a sum of ledger rows. */
export interface RevenueTotals {
  /** Payments received; reversals are counted apart (their amounts are in the sums, negated). */
  payments: number;
  reversals: number;
  amount: number;
  tax: number;
  afterTax: number;
  /** Per account, people summed; and each person's part. */
  accounts: Record<RevenueLine['account'], number>;
  people: { personId: string; amount: number }[];
}

export interface FundTotals {
  opening: number;
  bySource: Record<FundSource, number>;
  closing: number;
}

export interface RevenueStore {
  addPartner(partner: PartnerRecord, audit: AuditEntry): Promise<{ added: PartnerRecord } | { taken: PartnerRecord }>;
  partners(): Promise<PartnerRecord[]>;
  partnerByRef(ref: string): Promise<PartnerRecord | null>;
  /** Files a proposed contract with its shares and the audit row; its code is the next free DV-yyyy-NNN. */
  proposeContract(contract: Omit<ContractRecord, 'id' | 'code' | 'partnerName' | 'version' | 'received'>, year: number, audit: AuditEntry): Promise<ContractRecord>;
  contractByCode(code: string): Promise<ContractRecord | null>;
  /** Newest first, at most `limit`. */
  contracts(filter: { siteId?: string; state?: ContractState }, limit: number): Promise<ContractRecord[]>;
  /** Approves or refuses a proposed contract if it is still at `version`; false when someone decided first. */
  decideContract(id: string, version: number, change: Pick<ContractRecord, 'state' | 'reason' | 'decidedById' | 'decidedAt'>, audit: AuditEntry): Promise<boolean>;
  /**
   * Writes a payment, its split and its royalty-fund inflow (ref = the payment's id) in one transaction.
   * A payment of the same receipt on the contract is not written again: the one on file comes back.
   * With `cap`, the contract's payments (this one included) may not sum past it: checked under the
   * contract's row lock, so two payments entered at once cannot both slip under it.
   */
  recordPayment(
    payment: Omit<PaymentRecord, 'contractCode'>, fund: NewFundEntry | null, audit: AuditEntry, cap: number | null,
  ): Promise<{ recorded: PaymentRecord } | { duplicate: PaymentRecord } | { alreadyReversed: true } | { overCap: { received: number } }>;
  payments(contractId: string): Promise<PaymentRecord[]>;
  /** Files a proposed price list with its rows and the audit row; its code is the next free BG-yyyy-NNN. */
  proposePriceList(list: Omit<PriceListRecord, 'id' | 'code' | 'version'>, audit: AuditEntry): Promise<PriceListRecord>;
  priceListByCode(code: string): Promise<PriceListRecord | null>;
  /** Newest first, at most `limit`. */
  priceLists(filter: { siteId?: string; state?: ContractState }, limit: number): Promise<PriceListRecord[]>;
  /** The list in force for a site's year: the last approved for it; null when none is. */
  priceListInForce(siteId: string, year: number): Promise<PriceListRecord | null>;
  decidePriceList(id: string, version: number, change: Pick<PriceListRecord, 'state' | 'reason' | 'decidedById' | 'decidedAt'>, audit: AuditEntry): Promise<boolean>;
  paymentById(id: string): Promise<PaymentRecord | null>;
  revenueTotals(siteId: string, from: string, until: string): Promise<RevenueTotals>;
  /** A fund entry with its audit row; an entry whose ref is on file already is not written twice (false). */
  addFundEntry(entry: NewFundEntry, audit: AuditEntry): Promise<boolean>;
  /** The site's fund entries in [from, until), newest first, at most `limit`. */
  fundEntries(siteId: string, from: string, until: string, limit: number): Promise<FundEntry[]>;
  fundTotals(siteId: string, from: string, until: string): Promise<FundTotals>;
  /** Ties an item to a sponsored-article contract and labels its public copy if it has one (true then), with the audit row. */
  sponsorItem(itemId: string, contractId: string, partner: string, audit: AuditEntry): Promise<boolean>;
  /** The contract and partner an item is a sponsored article for; null for news. */
  sponsorOfItem(itemId: string): Promise<{ contract: string; partner: string } | null>;
}
