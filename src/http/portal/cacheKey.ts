/**
 * The page cache's key for a request: the path and only the query parameters its page reads, in a
 * fixed order. A link shared on Facebook arrives as `/vi/?fbclid=…` with a new value per click; keyed
 * as it came, every click drew the page again and kept one more copy. Tracking parameters are never
 * part of a key nor seen by a renderer; on a page that reads none, any other parameter is ignored too.
 */

/** Parameters added by ad, mail and social platforms to links: they never choose what a page shows. */
const TRACKING = /^(utm_[a-z0-9_]*|fbclid|gclid|gclsrc|dclid|gbraid|wbraid|msclkid|yclid|twclid|ttclid|igshid|li_fat_id|zarsrc|zaloshare|_hsenc|_hsmi|__hstc|__hssc|__hsfp|hsctatracking|mc_cid|mc_eid|_ga|_gl|mkt_tok|oly_anon_id|oly_enc_id|vero_id|vero_conv|rb_clickid|s_cid|ref_src|ref_url|spm|scid)$/i;

export const isTracking = (name: string): boolean => TRACKING.test(name);

/**
 * The parameters a path's page reads, in the order they go into the key; `'any'` for a page that
 * reads whatever it is given (then only tracking parameters are left out); null: not this rule's path.
 */
export type ReadsOf = (pathname: string) => readonly string[] | 'any' | null;

/**
 * The query as the page reads it: each read parameter's first non-empty value (a page reads
 * `get(name)`, the first, and treats empty as absent), nothing else.
 */
export function canonicalQuery(query: URLSearchParams, reads: readonly string[] | 'any'): URLSearchParams {
  const kept = new URLSearchParams();
  if (reads === 'any') {
    for (const [name, value] of query) if (!isTracking(name)) kept.append(name, value);
    return kept;
  }
  for (const name of reads) {
    const value = query.get(name);
    if (value !== null && value !== '') kept.set(name, value);
  }
  return kept;
}

/** Path and canonical query of a request, as one parsed URL object would give them. */
export interface PageAddress {
  pathname: string;
  query: URLSearchParams;
  /** `pathname` plus `?query` when there is one: the cache key. */
  key: string;
}

const BASE = 'http://x';

/** Reads a request's path and query (as sent, or a full URL) into its canonical address; the first rule that knows the path decides. */
export function pageAddress(url: string | URL, rules: readonly ReadsOf[]): PageAddress {
  const parsed = typeof url === 'string' ? new URL(url, BASE) : url;
  const pathname = parsed.pathname;
  let reads: readonly string[] | 'any' = 'any';
  for (const rule of rules) {
    const r = rule(pathname);
    if (r !== null) {
      reads = r;
      break;
    }
  }
  const query = canonicalQuery(parsed.searchParams, reads);
  const search = query.toString();
  return { pathname, query, key: search ? `${pathname}?${search}` : pathname };
}
