import type { SearchQuery } from '../../app/searchPorts.js';
import { LANGS, type Lang } from '../../core/messages.js';

/**
 * The query as each database's own syntax. Terms hold only letters and digits (src/core/searchQuery.ts),
 * and filter values go in as hex, so nothing a person types can become an operator of either language.
 */
const hex = (value: string) => Buffer.from(value, 'utf8').toString('hex');

/** The language every item not tagged with another is in (the migration tags only the others). */
const UNTAGGED_LANG: Lang = 'vi';

/** The filter tokens, as the migration writes them: [prefix][hex of UTF-8]; alternatives within one filter. */
function filterTokens(q: SearchQuery, untaggedLang: Lang | null): { all: string[][]; none: string[] } {
  const groups: string[][] = [];
  if (q.siteIds) groups.push(q.siteIds.map((id) => `s${hex(id)}`));
  if (q.lang && q.lang !== untaggedLang) groups.push([`l${hex(q.lang)}`]);
  if (q.category !== undefined) groups.push([`c${hex(q.category)}`]);
  // The untagged language is asked for as "none of the others".
  const none = q.lang !== undefined && q.lang === untaggedLang ? LANGS.filter((l) => l !== untaggedLang).map((l) => `l${hex(l)}`) : [];
  return { all: groups, none };
}

const ftsTerm = (words: string[], prefix: boolean) => `"${words.join(' ')}"${prefix ? '*' : ''}`;
const ftsTerms = (q: SearchQuery) => q.terms.map((t) => ftsTerm(t.words, t.prefix)).join(' AND ');
const anyOf = (alts: string[]) => `(${alts.map((a) => `"${a}"`).join(' OR ')})`;

/**
 * An FTS5 MATCH expression over PublicationSearch (`body`) or PublicationTitleSearch (`title`), filters
 * included: `body : ("phat trien" AND "nga"*) AND tags : ("s…" OR "s…") NOT tags : ("l…")`.
 */
export function fts5Match(q: SearchQuery, column: 'body' | 'title' = 'body'): string {
  const { all, none } = filterTokens(q, UNTAGGED_LANG);
  const text = `${column} : (${ftsTerms(q)})`;
  const kept = all.length ? `${text} AND tags : (${all.map(anyOf).join(' AND ')})` : text;
  return none.length ? `(${kept}) NOT tags : ${anyOf(none)}` : kept;
}

/** The terms and filters over PublicationTitleSearch: which candidates match in the title. */
export const fts5TitleMatch = (q: SearchQuery): string => fts5Match(q, 'title');

/** Every word of a query of several terms as one phrase, in the order typed; null for a single term. */
export function fts5WholePhrase(q: SearchQuery): string | null {
  if (q.terms.length < 2) return null;
  const last = q.terms[q.terms.length - 1];
  return fts5Match({ ...q, terms: [{ words: q.terms.flatMap((t) => t.words), prefix: last?.prefix ?? false }] });
}

/** One term as tsquery: words side by side (<->), the last a prefix (:*) if asked, all in `weight` if given. */
function tsTerm(words: string[], prefix: boolean, weight = ''): string {
  const lexemes = words.map((w, i) => {
    const marks = `${prefix && i === words.length - 1 ? '*' : ''}${weight}`;
    return `'${w}'${marks ? `:${marks}` : ''}`;
  });
  return lexemes.length > 1 ? `(${lexemes.join(' <-> ')})` : (lexemes[0] ?? '');
}

/** Every term in the title (weight A, migration 20261201223000_publication_search): the first tier. */
export const tsTitleQuery = (q: SearchQuery): string => q.terms.map((t) => tsTerm(t.words, t.prefix, 'A')).join(' & ');

/** Every word as typed, side by side (the second tier); a single term is its own phrase. */
export function tsPhraseQuery(q: SearchQuery): string {
  const last = q.terms[q.terms.length - 1];
  return tsTerm(q.terms.flatMap((t) => t.words), last?.prefix ?? false);
}

/** A tsquery (cast from text, so lexemes are taken as written): `'phat' <-> 'trien' & 'nga':* & '~s…' & !'~l…'`. */
export function tsQuery(q: SearchQuery): string {
  const body = q.terms.map((t) => tsTerm(t.words, t.prefix));
  // Vietnamese, most of the archive, is asked as "no other language": the index then reads the short
  // lists of the other languages rather than one nearly as long as the archive (~10 ms a span at 1M).
  const { all, none } = filterTokens(q, UNTAGGED_LANG);
  const tags = all.map((alts) => `(${alts.map((a) => `'~${a}'`).join(' | ')})`);
  return [...body, ...tags, ...none.map((n) => `!'~${n}'`)].join(' & ');
}

/**
 * What every match must hold, as groups of alternatives: each whole word (a prefix stands for many
 * lexemes and is left out) and each filter. The list the index reads for a group is the sum of its
 * alternatives' lists.
 */
export function requiredLexemes(q: SearchQuery): string[][] {
  const words = q.terms.flatMap((t) => t.words.filter((_, i) => !(t.prefix && i === t.words.length - 1)).map((w) => [w]));
  return [...words, ...filterTokens(q, UNTAGGED_LANG).all.map((alts) => alts.map((a) => `~${a}`))];
}

/** SQLite's docids: whole seconds since 1970 times 2^20 (migration 20261201223000_publication_search). */
export const docidAt = (d: Date, roundUp: boolean): bigint => BigInt(roundUp ? Math.ceil(d.getTime() / 1000) : Math.floor(d.getTime() / 1000)) * 1048576n;
