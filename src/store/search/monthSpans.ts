/**
 * The months a PostgreSQL search walks, newest first (src/store/search/postgres.ts). Each span is asked
 * of the GIN index with its month lexemes ('~m202611', UTC, as migration 20261201223000 writes them), so
 * the index returns only that span's matches instead of every match in the archive. Spans double (one
 * month, then two, four…): a common word fills the window in the newest month; a rare one reaches the
 * rest of the archive in a handful of queries.
 */
export interface MonthSpan {
  /** Month lexemes of the span, newest first; empty for the last span, which is bounded by time alone. */
  lexemes: string[];
  /** At or after. */
  from: Date;
  /** Before. */
  to: Date;
}

/** Once a span would be this long, the rest is one span without month lexemes (they are few by then). */
export const LONGEST_SPAN_MONTHS = 16;

const monthIndex = (d: Date) => d.getUTCFullYear() * 12 + d.getUTCMonth();
const startOf = (index: number) => new Date(Date.UTC(Math.floor(index / 12), index % 12, 1));
export const monthLexeme = (index: number) => `~m${Math.floor(index / 12) * 100 + (index % 12) + 1}`;

/** The spans covering [from, to), newest first; none when the range is empty. */
export function monthSpans(from: Date, to: Date): MonthSpan[] {
  if (to.getTime() <= from.getTime()) return [];
  const oldest = monthIndex(from);
  let newest = monthIndex(new Date(to.getTime() - 1));
  const spans: MonthSpan[] = [];
  for (let length = 1; newest >= oldest; length *= 2) {
    if (length >= LONGEST_SPAN_MONTHS) {
      spans.push({ lexemes: [], from, to: spans.at(-1)?.from ?? to });
      break;
    }
    const last = Math.max(oldest, newest - length + 1);
    const months = Array.from({ length: newest - last + 1 }, (_, i) => newest - i);
    spans.push({ lexemes: months.map(monthLexeme), from: new Date(Math.max(from.getTime(), startOf(last).getTime())), to: spans.at(-1)?.from ?? to });
    newest = last - 1;
  }
  return spans;
}
