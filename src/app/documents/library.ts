import { localDay } from '../../core/dates.js';
import { DOCUMENT_TYPE_KEYS, nameKey, numberKey, type DocumentType } from '../../core/documents/record.js';
import { documentTimeliness, type DeadlineTable, type Timeliness } from '../../core/documents/timeliness.js';
import { cleanText, NAME_MAX } from '../../core/names.js';
import { readQuery } from '../../core/searchQuery.js';
import type { WorkingCalendar } from '../../core/tickets/calendar.js';
import type { Deps } from '../deps.js';
import type { SiteRecord } from '../ports.js';
import { SEARCH_WINDOW } from '../searchPorts.js';
import type { DocumentFilter, DocumentRow } from './ports.js';

export const LIBRARY_PAGE = 20;
/** The parameters the library reads, page and API alike; the page cache keys on these. */
export const LIBRARY_PARAMS = ['number', 'type', 'agency', 'signer', 'field', 'year', 'q', 'site', 'page'] as const;
export type LibraryParam = (typeof LIBRARY_PARAMS)[number];

/** What a reader asked for, as typed (for the form to show again); empty ones left out. */
export type LibraryAsk = Partial<Record<LibraryParam, string>>;

export interface LibraryRequest {
  ask: LibraryAsk;
  /** Checked and folded, without paging. */
  filter: Omit<DocumentFilter, 'offset' | 'limit' | 'itemIds'>;
  q: string | null;
  page: number;
}

/**
 * The reader's parameters checked: a request, or the first parameter that is not valid (the API says 400 naming
 * it). `site` is a site's key among `sites`; `hosted` (a site's own host) limits the library to that site.
 */
export function libraryRequest(get: (name: string) => string | undefined, sites: readonly SiteRecord[], hosted: SiteRecord | null): { ok: true; value: LibraryRequest } | { ok: false; param: LibraryParam } {
  const ask: LibraryAsk = {};
  for (const name of LIBRARY_PARAMS) {
    const raw = get(name);
    if (raw === undefined || raw.trim() === '') continue;
    const v = cleanText(raw, NAME_MAX);
    if (v === null) return { ok: false, param: name };
    ask[name] = v;
  }
  const filter: LibraryRequest['filter'] = {};
  if (ask.number !== undefined) {
    // "123/QĐ-UBND" finds that number; "123" or "123/QĐ" every number starting so (a trailing * says the same).
    const key = numberKey(ask.number.replace(/\*$/, ''));
    if (key === '' || !/^[\p{L}\p{N}][\p{L}\p{N}/.\-]*$/u.test(key)) return { ok: false, param: 'number' };
    Object.assign(filter, { numberKey: key, numberPrefix: true });
  }
  if (ask.type !== undefined) {
    if (!(DOCUMENT_TYPE_KEYS as string[]).includes(ask.type)) return { ok: false, param: 'type' };
    filter.docType = ask.type as DocumentType;
  }
  if (ask.agency !== undefined) filter.agencyKey = nameKey(ask.agency);
  if (ask.signer !== undefined) filter.signerKey = nameKey(ask.signer);
  if (ask.field !== undefined) filter.fieldKey = nameKey(ask.field);
  if (ask.year !== undefined) {
    if (!/^\d{4}$/.test(ask.year) || Number(ask.year) < 1900 || Number(ask.year) > 2999) return { ok: false, param: 'year' };
    filter.year = Number(ask.year);
  }
  if (ask.site !== undefined) {
    const site = sites.find((s) => s.key === ask.site);
    if (!site || (hosted && site.id !== hosted.id)) return { ok: false, param: 'site' };
    filter.siteIds = [site.id];
  } else if (hosted) filter.siteIds = [hosted.id];
  let page = 1;
  if (ask.page !== undefined) {
    if (!/^\d{1,5}$/.test(ask.page) || Number(ask.page) < 1) return { ok: false, param: 'page' };
    page = Number(ask.page);
  }
  // Words only: a box holding a lone quote or a dash (no word to look for) filters nothing, as an empty box does.
  const q = ask.q !== undefined && readQuery(ask.q).terms.length > 0 ? ask.q : null;
  return { ok: true, value: { ask, filter, q, page } };
}

export interface LibraryEntry extends DocumentRow {
  timeliness: Timeliness;
}

export interface LibraryView {
  entries: LibraryEntry[];
  total: number;
  page: number;
  pages: number;
}

/** A live document with how soon it went up after its issue date, in working days (src/core/documents/timeliness.ts). */
export function withTimeliness(row: DocumentRow, cal: WorkingCalendar, timeZone: string, deadlines?: DeadlineTable): LibraryEntry {
  return { ...row, timeliness: documentTimeliness(row.docType, row.issuedOn, localDay(row.publishedAt, timeZone), cal, deadlines) };
}

/**
 * One page of the library. A word of the text is asked of the search index first (the newest SEARCH_WINDOW
 * matches, with the site filter), then the record table filters those: no table scan either way.
 */
export async function libraryView(deps: Deps, request: LibraryRequest, calendar: () => Promise<WorkingCalendar>): Promise<LibraryView> {
  let itemIds: string[] | undefined;
  if (request.q !== null) {
    const { terms } = readQuery(request.q);
    const hits = await deps.store.searchPublications({ terms, ...(request.filter.siteIds ? { siteIds: request.filter.siteIds } : {}), offset: 0, limit: SEARCH_WINDOW });
    itemIds = hits.publications.map((p) => p.itemId);
  }
  const ask = (page: number) => deps.store.documentLibrary({ ...request.filter, ...(itemIds ? { itemIds } : {}), offset: (page - 1) * LIBRARY_PAGE, limit: LIBRARY_PAGE });
  let page = request.page;
  let found = await ask(page);
  const pages = Math.max(1, Math.ceil(found.total / LIBRARY_PAGE));
  // A page past the end (an old link) shows the last one, as the other lists do.
  if (page > pages) found = await ask((page = pages));
  const cal = await calendar();
  return { entries: found.rows.map((r) => withTimeliness(r, cal, deps.timeZone, deps.documentDeadlines)), total: found.total, page, pages };
}
