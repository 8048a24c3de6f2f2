/** Folds Vietnamese text for matching: case, diacritics and đ do not matter ("Đồng Nai" ~ "dong nai"). */
export function fold(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
}

// The databases match words with LIKE, where `%` and `_` are patterns (and `\` escapes on PostgreSQL),
// and Prisma's `contains` neither escapes them nor lets us name an escape character. So stored search
// text and query words alike carry them as private-use stand-ins: the query never holds a pattern.
// Private-use characters typed by a person are dropped first, so nothing else turns into a stand-in.
const STAND_INS: Record<string, string> = { '%': '\uE025', _: '\uE05F', '\\': '\uE05C' };

/** Folded text as stored for search and as searched for: LIKE's special characters only as literals. */
export function searchable(text: string): string {
  return fold(text.replace(/[\uE000-\uF8FF]/g, '')).replace(/[%_\\]/g, (ch) => STAND_INS[ch] ?? ch);
}

/** Every word of the query appears in the text, folded. */
export function matches(text: string, query: string): boolean {
  const haystack = fold(text);
  return fold(query)
    .split(' ')
    .filter((w) => w !== '')
    .every((w) => haystack.includes(w));
}
