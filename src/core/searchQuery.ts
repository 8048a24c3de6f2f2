import { fold } from './search.js';
import { STOP_WORDS } from './searchStopWords.js';

/**
 * The search box's language, the same for every engine behind the search port:
 * - words match whole syllables, folded (case, diacritics and đ do not matter; NFC or NFD alike);
 * - `"quoted words"` match as a phrase, in that order, next to each other;
 * - a trailing `*` makes a word a prefix (`ngâ*` finds ngân, ngày…), at least PREFIX_MIN letters;
 * - every word or phrase must appear (AND); Vietnamese stop words are dropped unless nothing else is left.
 * Anything else (FTS operators, brackets, NUL, private-use characters, endless input) is only a separator:
 * a query never fails, it becomes terms or nothing.
 */
export interface SearchTerm {
  /** Folded words, one or more (more: a phrase). Letters and digits only. */
  words: string[];
  /** The last word is a prefix. */
  prefix: boolean;
}

export const MAX_QUERY_CHARS = 500;
export const MAX_TERMS = 8;
export const MAX_PHRASE_WORDS = 8;
export const MAX_WORD_CHARS = 40;
/** Shorter prefixes would merge most of the index's lists; the FTS5 index keeps 3-letter prefixes ready. */
export const PREFIX_MIN = 3;

// Controls, format characters (zero-width joiners…), private-use code points and lone surrogates.
const JUNK = /[\p{Cc}\p{Cf}\p{Co}\p{Cs}]/gu;
const WORD = /([\p{L}\p{N}\p{M}]+)(\*?)/gu;
const QUOTES = /["“”„«»]/;

interface Raw {
  words: { typed: string; folded: string[] }[];
  phrase: boolean;
  prefix: boolean;
}

function wordsOf(segment: string): { typed: string; folded: string[]; star: boolean }[] {
  const out: { typed: string; folded: string[]; star: boolean }[] = [];
  for (const m of segment.matchAll(WORD)) {
    const typed = (m[1] ?? '').toLowerCase();
    // Folding can split a word (a letter that folds to punctuation): the parts stay together as a phrase.
    const folded = fold(typed).split(/[^\p{L}\p{N}]+/u).filter((w) => w !== '').map((w) => w.slice(0, MAX_WORD_CHARS));
    if (folded.length) out.push({ typed, folded, star: m[2] === '*' });
  }
  return out;
}

/** The terms of what a person typed; empty when nothing searchable was typed. */
export const parseQuery = (input: string): SearchTerm[] => readQuery(input).terms;

/** The terms, and those past MAX_TERMS that were left out (the page says so rather than dropping them silently). */
export function readQuery(input: string): { terms: SearchTerm[]; leftOut: SearchTerm[] } {
  const text = input.slice(0, MAX_QUERY_CHARS * 2).replace(JUNK, ' ').normalize('NFC').slice(0, MAX_QUERY_CHARS);
  const raws: Raw[] = [];
  text.split(QUOTES).forEach((segment, i) => {
    // Odd segments sit between quotes: a phrase (an unclosed quote runs to the end).
    if (i % 2 === 1) {
      const words = wordsOf(segment);
      if (words.length === 0) return;
      const last = words[words.length - 1];
      raws.push({ words: words.slice(0, MAX_PHRASE_WORDS), phrase: true, prefix: words.length <= MAX_PHRASE_WORDS && (last?.star ?? false) });
      return;
    }
    // Words joined without a space (COVID-19, 1.5, Đắk-Lắk) stay together, as the text has them.
    for (const chunk of segment.split(/[\s,;]+/)) {
      const joined = wordsOf(chunk);
      const last = joined[joined.length - 1];
      if (!last) continue;
      raws.push({ words: joined, phrase: joined.length > 1, prefix: last.star });
    }
  });
  const meaningful = raws.filter((r) => r.phrase || r.prefix || !STOP_WORDS.has(r.words[0]?.typed ?? ''));
  const kept = meaningful.length > 0 ? meaningful : raws;
  const terms: SearchTerm[] = [];
  const leftOut: SearchTerm[] = [];
  const seen = new Set<string>();
  for (const r of kept) {
    const words = r.words.flatMap((w) => w.folded).slice(0, MAX_PHRASE_WORDS);
    const lastWord = words[words.length - 1] ?? '';
    const prefix = r.prefix && lastWord.length >= PREFIX_MIN;
    const key = `${words.join(' ')}${prefix ? '*' : ''}`;
    if (words.length === 0 || seen.has(key)) continue;
    seen.add(key);
    (terms.length < MAX_TERMS ? terms : leftOut).push({ words, prefix });
  }
  return { terms, leftOut };
}

/** The terms as a person could type them again (for the page heading and logs). */
export const queryText = (terms: SearchTerm[]): string =>
  terms.map((t) => `${t.words.length > 1 ? `"${t.words.join(' ')}"` : (t.words[0] ?? '')}${t.prefix ? '*' : ''}`).join(' ');
