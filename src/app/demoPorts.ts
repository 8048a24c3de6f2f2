import type { AuditEntry } from './ports.js';
import type { PublicationRecord } from './portalPorts.js';

/** A publication written in bulk (the sample archive): what the public sees, nothing of a desk's item (no code yet, no id). */
export type BulkPublication = Omit<PublicationRecord, 'itemId' | 'code' | 'lang' | 'mediaRefs' | 'updatedAt'> & {
  lang: string;
  mediaRefs: readonly string[];
};

export interface BulkPublicationStore {
  /**
   * Writes the publications in one transaction, with one audit row vouching for all of them, their
   * codes drawn from each site's counter as an item's are (never a code a real item has or will get).
   * The side tables (counts, media, search) follow through the database's own triggers. Returns the codes.
   */
  appendPublications(rows: readonly BulkPublication[], audit: AuditEntry): Promise<string[]>;
  /** How many publications the archive holds, live or taken down. */
  publicationTotal(): Promise<number>;
  /** Has the database read what a bulk write changed, so its planner picks the index walks at once. */
  refreshPlannerStatistics(): Promise<void>;
}
