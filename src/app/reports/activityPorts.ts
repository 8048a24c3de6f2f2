/**
 * What the report's remaining sections read (issue 20.6): interactions, consultations, documents' timeliness,
 * royalties, media-service income and incidents. Every read is a count or a sum over one period, grouped in the
 * database; only documents come back as rows, a page at a time, since their deadline is counted in working days.
 */
import type { UptimeRun } from '../../core/reports/uptime.js';

/** `siteIds` null: the whole portal, with the rows that belong to no site (a Zalo OA follower's message). */
export interface ActivityScope {
  from: Date;
  /** Exclusive, as the other report reads: the instant the period's last day ends. */
  to: Date;
  siteIds: readonly string[] | null;
}

/** The portal's runs (src/core/reports/uptime.ts): one opened as a process that serves the portal starts, marked seen each minute. */
export interface UptimeStore {
  /** Marks the run seen at `at`; its first mark opens it. */
  markUptimeRun(id: string, at: Date): Promise<void>;
  /** The runs seen within [from, to) or the heartbeat before it, and the start of the first run ever. */
  uptimeRuns(from: Date, to: Date): Promise<{ runs: UptimeRun[]; firstStartedAt: Date | null }>;
}

export interface DocumentTimes {
  itemId: string;
  docType: string;
  issuedOn: string;
  publishedAt: Date;
}

export interface ReportActivityStore {
  /** Comments, replies and messages received in the period, by source; of them, those a moderator answered. */
  interactionCounts(scope: ActivityScope): Promise<{ source: string; received: number; answered: number }[]>;
  /** Replies the hub posted on a platform (InteractionAction reply, done) in the period: no site on the row, so the whole portal's. */
  repliesPosted(from: Date, to: Date): Promise<number>;
  /** Drafts open at some moment of the period, and the comments they received in it, by the comment's state. */
  consultationActivity(scope: ActivityScope): Promise<{ held: number; comments: { state: string; count: number }[] }>;
  /** Documents published in the period, in (publishedAt, itemId) order, `limit` after the given one. */
  documentsPublished(scope: ActivityScope, after: { publishedAt: Date; itemId: string } | null, limit: number): Promise<DocumentTimes[]>;
  /** Royalty sheets marked paid in the period. */
  royaltiesPaid(scope: ActivityScope): Promise<{ sheets: number; gross: number; tax: number; net: number }>;
  /** Media-service payments whose local day is in [fromDay, toDay], reversals included (they are negated), and their split by account. */
  revenueReceived(siteIds: readonly string[] | null, fromDay: string, toDay: string): Promise<{ payments: number; reversals: number; amount: number; tax: number; afterTax: number; accounts: { account: string; amount: number }[] }>;
  /** Alerts raised in the period, as stored text (identical texts counted together). */
  alertTexts(from: Date, to: Date): Promise<{ text: string; count: number }[]>;
}
