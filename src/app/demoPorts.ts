import type { AuditEntry } from './ports.js';
import type { PublicationRecord } from './portalPorts.js';

/** A publication written in bulk (the sample archive): what the public sees, nothing of a desk's item (no code yet, no id). */
/** Sample publications are news: none is a sponsored article. */
export type BulkPublication = Omit<PublicationRecord, 'itemId' | 'code' | 'lang' | 'mediaRefs' | 'updatedAt' | 'sponsor'> & {
  lang: string;
  mediaRefs: readonly string[];
  /** The year its code is numbered in: the year of publication in the province's zone, as the desk numbers items. */
  codeYear: number;
};

/**
 * What the database holds, against what sample runs recorded as theirs: `portal-hub demo` fills only a
 * data folder with nothing else in it. Each site and person a run makes is named in a `portal.demo`
 * audit row written right after it (its id, not its name: an operator may rename a sample site), and
 * each batch's row counts its publications.
 */
export interface DemoCensus {
  siteIds: readonly string[];
  personIds: readonly string[];
  items: number;
  submissions: number;
  publications: number;
  made: { siteIds: readonly string[]; personIds: readonly string[]; publications: number };
}

export interface BulkPublicationStore {
  /**
   * Writes the publications in one transaction, with one audit row vouching for all of them, their
   * codes drawn from each site's counter as an item's are (never a code a real item has or will get).
   * The side tables (counts, media, search) follow through the database's own triggers. Returns the codes.
   */
  appendPublications(rows: readonly BulkPublication[], audit: AuditEntry): Promise<string[]>;
  /** What the database holds and which of it sample runs made (see DemoCensus). */
  demoCensus(): Promise<DemoCensus>;
  /** How many publications the archive holds, live or taken down. */
  publicationTotal(): Promise<number>;
  /** Has the database read what a bulk write changed, so its planner picks the index walks at once. */
  refreshPlannerStatistics(): Promise<void>;
  /**
   * The periodic top-up: statistics taken when a table was small are taken again once it has grown many times
   * over (SQLite's optimize; PostgreSQL's autovacuum does this on its own).
   */
  keepPlannerStatistics(): Promise<void>;
}
