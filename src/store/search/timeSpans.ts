/**
 * How a PostgreSQL search walks the archive, newest first (src/store/search/postgres.ts). A GIN index
 * keeps no time order: asked for words alone it returns every match, and each costs a heap page read
 * to learn its date — a word in a third of a million items costs seconds. Each publication's document
 * therefore carries its month and year as lexemes ('~m202611', '~y2026', UTC; migration
 * 20261201223000), and the walk asks one span at a time with the span's lexemes: the index then
 * returns only that span's matches. The span sizes follow the matches seen so far: the newest month
 * first (a common word fills the window there); then as far back as the matches seen so far say the
 * rest of the window lies — as month lexemes up to three months, within one year by its lexeme beyond;
 * and once the rest of the archive likely holds few matches, the rest in one query
 * without time lexemes (each lexeme list the index reads has a cost of its own). The index reads the
 * shortest list a query needs and steps through the others: when a word (or filter) of the query is
 * rarer than a span's time lexemes, every span costs that word's whole list, so the rest is asked at
 * once — its matches number at most that list.
 */
export interface Span {
  /** Alternatives (OR) added to the words; none for the rest of the archive. */
  lexemes: string[];
  /** At or after. */
  from: Date;
  /** Before. */
  to: Date;
}

export interface Walk {
  /** The oldest time the search may reach (the archive's first publication or the query's start). */
  start: Date;
  /** Where the walk began (the archive's newest publication or the query's end): before it. */
  end: Date;
  /** Where the next span ends: the previous span's start. */
  cursor: Date;
  /** Matches found so far, and how many more are wanted. */
  found: number;
  wanted: number;
  /**
   * From the database's statistics, when it has them: about how many documents hold the query's
   * rarest required word or filter, and about how many hold a time lexeme (undefined: not known).
   */
  lists?: { rarest: number; of: (lexeme: string) => number | undefined };
}

/** Months asked as month lexemes at most; longer spans go by year. */
export const MONTHS_AT_MOST = 3;
/** Matches seen before a span is sized by their density. */
const SAMPLE = 20;
/** A span is sized for this many times the matches still wanted, so one more usually suffices. */
const MARGIN = 1.2;

const monthIndex = (d: Date) => d.getUTCFullYear() * 12 + d.getUTCMonth();
const startOfMonth = (index: number) => new Date(Date.UTC(Math.floor(index / 12), index % 12, 1));
const later = (a: Date, b: Date) => (a.getTime() >= b.getTime() ? a : b);
export const monthLexeme = (index: number) => `~m${Math.floor(index / 12) * 100 + (index % 12) + 1}`;
export const yearLexeme = (year: number) => `~y${year}`;

/** The next span to ask, or null when the walk has reached its start. */
export function nextSpan(walk: Walk): Span | null {
  const next = spanByDensity(walk);
  if (!next || next.fills || !walk.lists) return next?.span ?? null;
  // A span that will not fill the window has others after it, each reading the rarest list again.
  const { rarest, of } = walk.lists;
  const timeList = next.span.lexemes.reduce((sum, lexeme) => sum + (of(lexeme) ?? 0), 0);
  return rarest <= timeList ? { lexemes: [], from: walk.start, to: walk.cursor } : next.span;
}

/** The span the matches seen so far call for, and whether it is sized to fill the window (or is the rest). */
function spanByDensity(walk: Walk): { span: Span; fills: boolean } | null {
  const { start, end, cursor, found, wanted } = walk;
  if (cursor.getTime() <= start.getTime() || wanted <= 0) return null;
  const newest = monthIndex(new Date(cursor.getTime() - 1));
  // The lexemes narrow what the index reads; `from` narrows the rows (the time index's bitmap ANDed in).
  const months = (count: number, from = start): Span => {
    const oldest = Math.max(monthIndex(start), newest - count + 1);
    return { lexemes: Array.from({ length: newest - oldest + 1 }, (_, i) => monthLexeme(newest - i)), from: later(from, startOfMonth(oldest)), to: cursor };
  };
  const walked = end.getTime() - cursor.getTime();
  if (walked === 0) return { span: months(1), fills: false };
  // Too few matches to size a span by (the newest month may be a day old): a month or two more first.
  const monthsWalked = monthIndex(new Date(end.getTime() - 1)) - newest;
  if (found < SAMPLE && monthsWalked < MONTHS_AT_MOST) return { span: months(monthsWalked), fills: false };
  // Matches per millisecond so far; none seen counts as one, so the span still grows.
  const density = Math.max(found, 1) / walked;
  const left = cursor.getTime() - start.getTime();
  if (density * left <= 2 * wanted) return { span: { lexemes: [], from: start, to: cursor }, fills: true };
  // At least as far back as already walked, so spans at least double: an empty past (a word only
  // recent) is crossed in a handful of spans, never one creeping step each.
  const needed = Math.max((MARGIN * wanted) / density, walked);
  const from = later(start, new Date(cursor.getTime() - Math.ceil(needed)));
  const monthsNeeded = newest - monthIndex(from) + 1;
  if (monthsNeeded <= MONTHS_AT_MOST) return { span: months(monthsNeeded, from), fills: true };
  // Longer: by the year's lexeme, ending at the year's start, so a span never asks two years' lists.
  const year = Math.floor(newest / 12);
  const yearStart = new Date(Date.UTC(year, 0, 1));
  return { span: { lexemes: [yearLexeme(year)], from: later(from, yearStart), to: cursor }, fills: from.getTime() >= yearStart.getTime() };
}
