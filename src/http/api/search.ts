import { parseQuery } from '../../core/searchQuery.js';
import type { Deps } from '../../app/deps.js';
import type { PublicationRecord } from '../../app/portalPorts.js';
import { SearchBusy, type SearchQuery } from '../../app/searchPorts.js';
import type { SiteRecord } from '../../app/ports.js';

/** A search's cursor: how many results the client has seen. Opaque; not a list cursor (src/core/portal/cursor.ts). */
export const encodeSearchCursor = (offset: number): string => Buffer.from(JSON.stringify(['search', offset])).toString('base64url');

export function decodeSearchCursor(text: string): number | null {
  try {
    const value: unknown = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
    if (!Array.isArray(value) || value.length !== 2 || value[0] !== 'search') return null;
    const offset: unknown = value[1];
    return typeof offset === 'number' && Number.isSafeInteger(offset) && offset >= 0 ? offset : null;
  } catch {
    return null;
  }
}

export type SearchAnswer =
  | { kind: 'page'; items: PublicationRecord[]; nextCursor: string | null; total: number; capped: boolean }
  | { kind: 'bad_cursor' }
  | { kind: 'busy' };

/** `GET /api/v1/items?q=`: the items best matching `q`, relevance first, then the newest, with the list's filters. */
export async function searchItems(
  deps: Deps,
  text: string,
  filter: Omit<SearchQuery, 'terms' | 'offset' | 'limit'>,
  cursor: string | undefined,
  limit: number,
): Promise<SearchAnswer> {
  const offset = cursor === undefined ? 0 : decodeSearchCursor(cursor);
  if (offset === null) return { kind: 'bad_cursor' };
  const terms = parseQuery(text);
  if (terms.length === 0) return { kind: 'page', items: [], nextCursor: null, total: 0, capped: false };
  try {
    const found = await deps.store.searchPublications({ ...filter, terms, offset, limit });
    const next = offset + limit;
    return { kind: 'page', items: found.publications, nextCursor: next < found.total ? encodeSearchCursor(next) : null, total: found.total, capped: found.capped };
  } catch (error) {
    if (error instanceof SearchBusy) return { kind: 'busy' };
    throw error;
  }
}

export const siteIdsOf = (site: SiteRecord | undefined): { siteIds?: string[] } => (site ? { siteIds: [site.id] } : {});
