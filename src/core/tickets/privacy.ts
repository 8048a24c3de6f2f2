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
/** Vietnamese phone numbers as people write them: 0912 345 678, +84 912.345.678, (028) 3822 1234. */
const PHONE = /(?:\+?84|\(?0)\d{1,3}\)?[\s.-]?\d{3}[\s.-]?\d{3,4}\b/g;
/** CCCD (12 digits), CMND (9 digits), tax and account numbers: long digit runs. */
const ID_NUMBER = /\b\d{9,}\b/g;

/** A text with e-mail addresses, phone numbers and identity numbers blanked, for publishing. */
export function withoutContactData(text: string): string {
  return text.replace(EMAIL, '[…]').replace(PHONE, '[…]').replace(ID_NUMBER, '[…]');
}
