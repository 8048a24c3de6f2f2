import { readQuery, type SearchTerm } from '../core/searchQuery.js';
import type { Deps } from './deps.js';
import { PAGE_SIZE } from './portal.js';
import type { PublicationRecord } from './portalPorts.js';
import type { SearchQuery } from './searchPorts.js';

export type SearchFilter = Omit<SearchQuery, 'terms' | 'offset' | 'limit'>;

export interface SearchView {
  terms: SearchTerm[];
  items: PublicationRecord[];
  total: number;
  page: number;
  pages: number;
  /** More matched than are ranked: the page says so and suggests more words. */
  capped: boolean;
  /** Terms past the most one search takes: not searched for, and the page names them. */
  leftOut: SearchTerm[];
}

/** One page of search results; null when nothing searchable was typed (the page shows its prompt). */
export async function searchView(deps: Deps, text: string, filter: SearchFilter, page: number): Promise<SearchView | null> {
  const { terms, leftOut } = readQuery(text);
  if (terms.length === 0) return null;
  const ask = (n: number) => deps.store.searchPublications({ ...filter, terms, offset: (n - 1) * PAGE_SIZE, limit: PAGE_SIZE });
  let current = Math.max(1, page);
  let found = await ask(current);
  const pages = Math.max(1, Math.ceil(found.total / PAGE_SIZE));
  // A page past the end (an old link, a typed number) shows the last one, as lists do.
  if (current > pages) found = await ask((current = pages));
  return { terms, items: found.publications, total: found.total, page: current, pages, capped: found.capped, leftOut };
}
