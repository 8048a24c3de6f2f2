/** The longest name a person or a site may have: a card, a table row and a page title still hold it. */
export const NAME_MAX = 200;

/**
 * A name as people will read it on cards, pages and in the terminal: trimmed; null when it is empty or
 * only invisible characters, longer than NAME_MAX, or holds control characters (a newline or an escape
 * sequence would break a table or take over a terminal) or a direction override (it can disguise text).
 */
export function cleanName(text: string): string | null {
  const name = text.normalize('NFC').trim();
  if (name.length === 0 || name.length > NAME_MAX) return null;
  // U+FFFD: bytes a terminal sent in another charset (a name typed as Nguy\uFFFD), never a real letter.
  if (/[\p{Cc}\u202A-\u202E\u2066-\u2069\uFFFD]/u.test(name)) return null;
  if (name.replace(/[\p{Cf}\p{Z}]/gu, '') === '') return null;
  return name;
}

/**
 * A name another system gave (a Page's name as Graph returns it) as the terminal shows it: control
 * characters and direction overrides, which could rewrite or disguise the line, become “�”; a name too
 * long for a line is clipped. Never refused: it is what the platform calls the account.
 */
export function shownName(text: string): string {
  const visible = text.normalize('NFC').replace(/[\p{Cc}\u202A-\u202E\u2066-\u2069]/gu, '�');
  return visible.length > NAME_MAX ? `${visible.slice(0, NAME_MAX)}…` : visible;
}
