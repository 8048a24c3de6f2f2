/**
 * What of a sender the public may read (notes/regulation.md §3): never contact data; the name reduced as the
 * operator configures. Pure.
 */

export const PUBLIC_NAME_MODES = ['initials', 'given', 'full', 'none'] as const;
export type PublicNameMode = (typeof PUBLIC_NAME_MODES)[number];
export const isPublicNameMode = (v: string): v is PublicNameMode => (PUBLIC_NAME_MODES as readonly string[]).includes(v);

/**
 * `Nguyễn Văn An` → initials `N.V.A.`, given `An`, full as typed, none → null (the page says "a citizen").
 * Vietnamese names put the given name last.
 */
export function publicNameOf(name: string, mode: PublicNameMode): string | null {
  const words = name.trim().split(/\s+/u).filter(Boolean);
  if (!words.length || mode === 'none') return null;
  if (mode === 'full') return words.join(' ');
  if (mode === 'given') return words[words.length - 1]!;
  return words.map((w) => `${[...w][0]!.toLocaleUpperCase('vi')}.`).join('');
}

const EMAIL = /[\p{L}\p{N}._%+-]+@[\p{L}\p{N}.-]+\.[\p{L}]{2,}/gu;
/** Vietnamese phone numbers as people write them: 0912 345 678, +84 912.345.678, (0271) 3879 123 — 9 to 11 digits. */
const PHONE = /(?:\+\s?84|\(?0)(?:[\s.()-]{0,2}\d){8,10}(?!\d)/g;
/** CCCD (12 digits), CMND (9 digits), tax and account numbers: long digit runs. */
const ID_NUMBER = /\b\d{9,}\b/g;
const BLANK = '[…]';

/** A text with e-mail addresses, phone numbers and identity numbers blanked, for publishing. */
export function withoutContactData(text: string): string {
  return text.replace(EMAIL, BLANK).replace(PHONE, BLANK).replace(ID_NUMBER, BLANK);
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * What the sender told the desk about themselves, blanked wherever it appears (their full name too: the
 * public reads the reduced one), and then any contact data at all.
 */
export function withoutSenderData(text: string, sender: { name: string; email?: string | null; phone?: string; address?: string; idNumber?: string }): string {
  let out = text;
  for (const known of [sender.name, sender.email ?? undefined, sender.address, sender.idNumber]) {
    const value = known?.trim();
    if (value && value.length >= 4) out = out.replace(new RegExp(escape(value), 'giu'), BLANK);
  }
  return withoutContactData(out);
}
