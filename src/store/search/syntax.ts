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

const ftsTerm = (words: string[], prefix: boolean) => `"${words.join(' ')}"${prefix ? '*' : ''}`;

/** An FTS5 MATCH expression over one column: `body : ("phat trien" AND "nga"*) AND tags : ("s…" OR "s…")`. */
export function fts5Match(q: SearchQuery, column: 'body' | 'title' = 'body'): string {
  const text = q.terms.map((t) => ftsTerm(t.words, t.prefix)).join(' AND ');
  const tags = filterTokens(q).map((alts) => `(${alts.map((a) => `"${a}"`).join(' OR ')})`);
  return tags.length ? `${column} : (${text}) AND tags : (${tags.join(' AND ')})` : `${column} : (${text})`;
}

/** Every word of a query of several terms as one phrase, in the order typed; null for a single term. */
export function fts5WholePhrase(q: SearchQuery): string | null {
  if (q.terms.length < 2) return null;
  const last = q.terms[q.terms.length - 1];
  return fts5Match({ ...q, terms: [{ words: q.terms.flatMap((t) => t.words), prefix: last?.prefix ?? false }] });
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
