/** The longest name a person or a site may have: a card, a table row and a page title still hold it. */
export const NAME_MAX = 200;

/**
 * A name as people will read it on cards, pages and in the terminal: trimmed; null when it is empty or
 * only invisible characters, longer than NAME_MAX, or holds control characters (a newline or an escape
 * sequence would break a table or take over a terminal) or a direction override (it can disguise text).
 */
export function cleanName(text: string): string | null {
  return cleanText(text, NAME_MAX);
}

/** Text a person typed for the file (a reason, a note), held to the same rules as a name, at most `max` characters. */
export function cleanText(text: string, max: number): string | null {
  const said = text.normalize('NFC').trim();
  if (said.length === 0 || said.length > max) return null;
  // U+FFFD: bytes a terminal sent in another charset (a name typed as Nguy\uFFFD), never a real letter.
  if (/[\p{Cc}\u202A-\u202E\u2066-\u2069\uFFFD]/u.test(said)) return null;
  if (said.replace(/[\p{Cf}\p{Z}]/gu, '') === '') return null;
  return said;
}

/** Any text as one terminal line shows it: control characters and direction overrides, which could rewrite or disguise the line, become “�”. */
export function visibleText(text: string): string {
  return text.replace(/[\p{Cc}\u202A-\u202E\u2066-\u2069]/gu, '�');
}

/**
 * A name another system gave (a Page's name as Graph returns it) as the terminal shows it: control
 * characters and direction overrides, which could rewrite or disguise the line, become “�”; a name too
 * long for a line is clipped. Never refused: it is what the platform calls the account.
 */
export function shownName(text: string): string {
  const visible = visibleText(text.normalize('NFC'));
  return visible.length > NAME_MAX ? `${visible.slice(0, NAME_MAX)}…` : visible;
}
