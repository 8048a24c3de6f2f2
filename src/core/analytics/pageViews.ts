import { isLang } from '../messages.js';
import { segment } from '../portal/paths.js';

/** What a page view was of: the reports count views by site, section and article. */
export type ViewedKind = 'home' | 'article' | 'section' | 'site' | 'search';
export interface Viewed {
  kind: ViewedKind;
  /** The article's code, the section's or site's key; '' for home and search. */
  ref: string;
}

const decode = (part: string): string | null => {
  try {
    return decodeURIComponent(part);
  } catch {
    return null;
  }
};

/**
 * The page a path shows, for counting; null for what is not a reader's page view (feeds, files, the API,
 * an article's form posts, addresses that are no page).
 */
export function viewedPage(pathname: string): Viewed | null {
  const [, lang, first, second, ...more] = pathname.split('/');
  if (lang === undefined || !isLang(lang) || more.length > 0) return null;
  if (first === undefined || first === '') return second === undefined ? { kind: 'home', ref: '' } : null;
  if (second === undefined || second === '') return first === segment(lang, 'search') ? { kind: 'search', ref: '' } : null;
  const ref = decode(second);
  if (ref === null || ref.length > 80) return null;
  if (first === segment(lang, 'article')) return { kind: 'article', ref: ref.toUpperCase() };
  if (first === segment(lang, 'category')) return { kind: 'section', ref };
  if (first === segment(lang, 'site')) return { kind: 'site', ref };
  return null;
}

/**
 * The site a viewed page belongs to: an article by its code's prefix (each site has its own; a code is
 * PREFIX-YYYY-NNNNN), a site's own page by its key. Null for the rest (home, sections, search): the host's.
 */
export function ownerOfView(view: { kind: string; ref: string }, sites: readonly { key: string; codePrefix: string }[]): string | null {
  if (view.kind === 'article') {
    const prefix = view.ref.slice(0, view.ref.indexOf('-'));
    return sites.find((s) => s.codePrefix === prefix)?.key ?? null;
  }
  if (view.kind === 'site' && sites.some((s) => s.key === view.ref)) return view.ref;
  return null;
}

/**
 * Whose page a view at the province's host was (ownerOfView of the path's page), so a site without a domain of its
 * own, read only there, has its readers counted. Null: the province's, or no page.
 */
export function ownerOfPage(pathname: string, sites: readonly { key: string; codePrefix: string }[]): string | null {
  const page = viewedPage(pathname);
  return page ? ownerOfView(page, sites) : null;
}

/** A search as the "what people look for" table keeps it: folded case and spaces, no longer than 60 characters; null for nothing searchable. */
export function searchTerm(q: string | null): string | null {
  const term = (q ?? '').normalize('NFC').toLowerCase().replace(/[\p{Cc}\p{Co}]/gu, ' ').replace(/\s+/g, ' ').trim();
  return term === '' || term.length > 60 ? null : term;
}

/** The UTC hour a view is filed under ("2026-12-04T09"). */
export const viewHour = (at: Date): string => at.toISOString().slice(0, 13);
