/**
 * Submitted text is text: it is never read as markup. The only structure the portal draws from it is
 * paragraphs, line breaks and web links, so whatever a sender typed renders inert.
 */
export type Segment = { text: string } | { text: string; href: string };
export type Paragraph = Segment[][];

const URL_PATTERN = /\bhttps?:\/\/[^\s<>"'`]+/giu;
// Punctuation that ends a sentence rather than the address.
const TRAILING = /[.,;:!?)\]}»”’]+$/u;

function segmentsOf(line: string): Segment[] {
  const out: Segment[] = [];
  let last = 0;
  for (const match of line.matchAll(URL_PATTERN)) {
    const raw = match[0];
    const href = raw.replace(TRAILING, '');
    const start = match.index;
    if (start > last) out.push({ text: line.slice(last, start) });
    out.push({ text: href, href });
    last = start + href.length;
  }
  if (last < line.length) out.push({ text: line.slice(last) });
  return out;
}

/** Paragraphs (blank-line separated), each a list of lines, each a list of text and link segments. */
export function paragraphsOf(body: string): Paragraph[] {
  return body
    .replace(/\r\n?/g, '\n')
    .split(/\n\s*\n/)
    .map((p) => p.trim())
    .filter((p) => p !== '')
    .map((p) => p.split('\n').map(segmentsOf));
}

/** Plain text of at most `max` characters, cut at a word boundary. */
export function excerpt(text: string, max: number): string {
  const flat = flatHead(text, max);
  if (flat.length <= max) return flat;
  const cut = flat.slice(0, max - 1);
  const space = cut.lastIndexOf(' ');
  return `${(space > max / 2 ? cut.slice(0, space) : cut).trimEnd()}…`;
}

/**
 * The text's start with its white space folded, longer than `max` when the text is: a card shows 180
 * characters of a body that runs to thousands, and folding the whole body was most of a card's cost.
 */
function flatHead(text: string, max: number): string {
  const fold = (t: string) => t.replace(/\s+/g, ' ').trim();
  for (let window = max * 4; window < text.length; window *= 4) {
    const flat = fold(text.slice(0, window));
    if (flat.length > max) return flat;
  }
  return fold(text);
}
