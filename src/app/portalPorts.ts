import type { Lang } from '../core/messages.js';
import type { AuditEntry } from './ports.js';

/** What the public sees of one published item (see prisma Publication). */
export interface PublicationRecord {
  itemId: string;
  code: string;
  siteId: string;
  kind: string;
  category: string | null;
  lang: Lang;
  title: string;
  summary: string;
  body: string;
  mediaRefs: string[];
  author: string;
  featured: boolean;
  publishedAt: Date;
  updatedAt: Date;
  takenDownAt: Date | null;
  takedownNote: string | null;
  /** A sponsored article's partner: shown with the label "Thông tin tài trợ / Sponsored"; null for news. */
  sponsor: string | null;
}

export interface CategoryRecord {
  key: string;
  nameVi: string;
  nameEn: string;
  position: number;
}

export interface MaintenanceRecord {
  id: string;
  showFrom: Date;
  startsAt: Date;
  restoresAt: Date;
  noteVi: string;
  noteEn: string;
}

/** Keyset position in the newest-first order: the last row a client has seen. */
export interface PublicationCursor {
  publishedAt: Date;
  itemId: string;
}

/** Filters over live publications; every field narrows. */
export interface PublicationQuery {
  siteIds?: string[];
  lang?: Lang;
  category?: string;
  from?: Date;
  to?: Date;
  /** Folded words that must all appear. */
  words?: string[];
  featured?: boolean;
  after?: PublicationCursor;
  offset?: number;
  limit: number;
}

/** Live publications published in one month ('YYYY-MM', UTC). */
export interface MonthTally {
  month: string;
  live: number;
}

/** What a sitemap says of one article. */
export interface SitemapEntry {
  code: string;
  lang: Lang;
  updatedAt: Date;
}

export interface PortalStore {
  /** Live publications (not taken down), newest first; each read walks an index and stops after the page. */
  publications(query: PublicationQuery): Promise<PublicationRecord[]>;
  /** From the live counts (no scan) unless the query has words, `featured` or dates. */
  countPublications(query: Omit<PublicationQuery, 'limit' | 'offset' | 'after'>): Promise<number>;
  /** Live publications per month (of one site, when given), newest first, months with none left out (read from the counts). */
  monthTallies(siteId?: string): Promise<MonthTally[]>;
  /** One month's live publications (of one site, when given) oldest first, `offset` and at most 50,000 from there (a sitemap's child). */
  publicationsOfMonth(month: string, offset: number, limit: number, siteId?: string): Promise<SitemapEntry[]>;
  /** Each site's newest live publication (before `before`, when given), by site id; a site with none is absent. */
  lastPublishedBySite(before?: Date): Promise<Map<string, Date>>;
  /** Taken-down ones too: their URL answers 410. */
  publicationByCode(code: string): Promise<PublicationRecord | null>;
  /** Several at once (a dispatcher lane's rows); codes without a publication are left out. */
  publicationsByCodes(codes: readonly string[]): Promise<PublicationRecord[]>;
  /** Whether a live publication or a posted draft shows this file (one indexed lookup). */
  isPublicMedia(ref: string): Promise<boolean>;
  /** Codes of the live publications that show this file. */
  codesWithMedia(ref: string): Promise<string[]>;
  setFeatured(code: string, featured: boolean, audit: AuditEntry): Promise<boolean>;

  categories(): Promise<CategoryRecord[]>;
  putCategory(category: CategoryRecord, audit: AuditEntry): Promise<void>;

  /** Windows not cancelled whose restore time is after `now`, soonest first. */
  maintenances(now: Date): Promise<MaintenanceRecord[]>;
  addMaintenance(m: Omit<MaintenanceRecord, 'id'>, audit: AuditEntry): Promise<MaintenanceRecord>;
  cancelMaintenance(id: string, at: Date, audit: AuditEntry): Promise<boolean>;

  /** Changes whenever anything audited changes (every write is audited): page caches compare it. */
  changeStamp(): Promise<number>;
}
