import type { SearchTerm } from '../core/searchQuery.js';
import type { Lang } from '../core/messages.js';
import type { PublicationRecord } from './portalPorts.js';

/**
 * The search port. Behind it today: the database's own full-text index (FTS5 on SQLite, a tsvector
 * with a GIN index on PostgreSQL), kept by triggers on Publication. An external engine (Meilisearch,
 * OpenSearch) would implement SearchEngine the same way, fed from the outbox (docs/architecture.md, "A large archive").
 */
export interface SearchQuery {
  /** From src/core/searchQuery.ts parseQuery: every term must match. Never empty. */
  terms: SearchTerm[];
  siteIds?: string[];
  category?: string;
  lang?: Lang;
  /** Published at or after (whole seconds). */
  from?: Date;
  /** Published before (whole seconds). */
  to?: Date;
  offset: number;
  limit: number;
}

export interface SearchHits {
  /** Best first: relevance, then the newer one. */
  itemIds: string[];
  /** Matches counted, at most `window` (see `capped`). */
  total: number;
  /** More matched than the engine ranks: only the newest `total` were ranked and can be paged through. */
  capped: boolean;
  /**
   * The live rows of `itemIds`, in their order, when the engine reads them itself (SQLite's worker, off
   * the main thread); absent, the store reads them from Publication.
   */
  publications?: PublicationRecord[];
}

export interface SearchEngine {
  find(query: SearchQuery): Promise<SearchHits>;
  /** Brings the index into the database's memory where it can (docs/architecture.md, "PostgreSQL memory"); says what it did. */
  warm?(): Promise<SearchWarmth>;
  close(): Promise<void>;
}

/** What warming the search index did: `warmed` false with the reason when it could not or should not. */
export interface SearchWarmth {
  warmed: boolean;
  detail: Record<string, string | number>;
}

export interface SearchResults {
  publications: PublicationRecord[];
  total: number;
  capped: boolean;
}

export interface SearchStore {
  /** Live publications matching the query, best first. Throws SearchBusy when too many searches wait. */
  searchPublications(query: SearchQuery): Promise<SearchResults>;
  /** Warms the engine's index at start (a no-op answer where the engine has nothing to warm). */
  warmSearch(): Promise<SearchWarmth>;
}

/** Too many searches are waiting: the caller answers "busy, try again" (503) rather than queueing more. */
export class SearchBusy extends Error {
  constructor() {
    super('search is busy');
    this.name = 'SearchBusy';
  }
}

/** How many of the newest matches are ranked by relevance: the bound on one query's work. */
export const SEARCH_WINDOW = 1000;
