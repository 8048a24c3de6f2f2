import type { AdZone, LiveAd } from '../../core/ads/rules.js';
import type { AuditEntry } from '../ports.js';

export type AdState = 'live' | 'stopped';

export interface AdRecord extends LiveAd {
  contractId: string;
  imageFile: string;
  imageType: string;
  targetUrl: string;
  state: AdState;
  createdById: string | null;
  createdAt: Date;
}

/** Counts of one ad over some hours or days. */
export interface AdCounts {
  impressions: number;
  views: number;
  clicks: number;
}

/** One hour's counts of one ad, as a process adds them. */
export interface AdHourCounts extends AdCounts {
  adId: string;
  hour: string;
}

export interface AdReportRecord {
  id: string;
  adId: string;
  reason: string;
  createdAt: Date;
  toldAt: Date | null;
}

export interface AdStore {
  /** Files an ad with its audit row; its code is the next free QC-yyyy-NNN. */
  placeAd(ad: Omit<AdRecord, 'id' | 'code'>, year: number, audit: AuditEntry): Promise<AdRecord>;
  adByCode(code: string): Promise<AdRecord | null>;
  adById(id: string): Promise<AdRecord | null>;
  /** Newest first, at most `limit`. */
  ads(filter: { siteId?: string; zone?: AdZone }, limit: number): Promise<AdRecord[]>;
  /** Ads live on some day in [fromDay, toDay]: what the portal may serve soon. */
  liveAds(fromDay: string, toDay: string): Promise<AdRecord[]>;
  stopAd(id: string, audit: AuditEntry): Promise<boolean>;
  /** Adds a process's counts to the hour rows, in one transaction. */
  addAdCounts(rows: readonly AdHourCounts[]): Promise<void>;
  /** Hour rows before `beforeHour` moved into day rows (by `dayOf(hour)`), in one transaction per ad; how many hours moved. */
  rollUpAdHours(beforeHour: string, dayOf: (hour: string) => string): Promise<number>;
  /** Per local day, for one ad: the day rows and the hour rows not yet rolled up (their day by `dayOf`). */
  adDays(adId: string, dayOf: (hour: string) => string): Promise<(AdCounts & { day: string })[]>;
  addAdReport(report: AdReportRecord): Promise<void>;
  /** Reports the desk has not been told of, oldest first. */
  untoldAdReports(limit: number): Promise<AdReportRecord[]>;
  markAdReportsTold(ids: readonly string[], at: Date): Promise<void>;
  adReports(limit: number): Promise<AdReportRecord[]>;
}
