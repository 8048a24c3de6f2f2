import type { SearchQuery } from '../../app/searchPorts.js';

/**
 * The query as each database's own syntax. Terms hold only letters and digits (src/core/searchQuery.ts),
 * and filter values go in as hex, so nothing a person types can become an operator of either language.
 */
const hex = (value: string) => Buffer.from(value, 'utf8').toString('hex');

/** The filter tokens, as the migration writes them: [prefix][hex of UTF-8]; alternatives within one filter. */
function filterTokens(q: SearchQuery): string[][] {
  const groups: string[][] = [];
  if (q.siteIds) groups.push(q.siteIds.map((id) => `s${hex(id)}`));
  if (q.lang) groups.push([`l${hex(q.lang)}`]);
  if (q.category !== undefined) groups.push([`c${hex(q.category)}`]);
  return groups;
}

/** An FTS5 MATCH expression: `body : ("phat trien" AND "nga"*) AND tags : ("s…" OR "s…")`. */
export function fts5Match(q: SearchQuery): string {
  const body = q.terms.map((t) => `"${t.words.join(' ')}"${t.prefix ? '*' : ''}`).join(' AND ');
  const tags = filterTokens(q).map((alts) => `(${alts.map((a) => `"${a}"`).join(' OR ')})`);
  return tags.length ? `body : (${body}) AND tags : (${tags.join(' AND ')})` : `body : (${body})`;
}

/** A tsquery (cast from text, so lexemes are taken as written): `'phat' <-> 'trien' & 'nga':* & '~s…'`. */
export function tsQuery(q: SearchQuery): string {
  const body = q.terms.map((t) => {
    const words = t.words.map((w, i) => `'${w}'${t.prefix && i === t.words.length - 1 ? ':*' : ''}`);
    return words.length > 1 ? `(${words.join(' <-> ')})` : (words[0] ?? '');
  });
  const tags = filterTokens(q).map((alts) => `(${alts.map((a) => `'~${a}'`).join(' | ')})`);
  return [...body, ...tags].join(' & ');
}

/** SQLite's docids: whole seconds since 1970 times 2^20 (migration 20261201223000_publication_search). */
export const docidAt = (d: Date, roundUp: boolean): bigint => BigInt(roundUp ? Math.ceil(d.getTime() / 1000) : Math.floor(d.getTime() / 1000)) * 1048576n;
