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

/** Every word of the query appears in the text, folded. */
export function matches(text: string, query: string): boolean {
  const haystack = fold(text);
  return fold(query)
    .split(' ')
    .filter((w) => w !== '')
    .every((w) => haystack.includes(w));
}
