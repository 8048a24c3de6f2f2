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
 * A house number and its street as people write them — "số 12 đường Lê Lợi", "nhà 45 Trần Hưng Đạo", "hẻm 12/3
 * Nguyễn Trãi" — and not a number citing a law ("Điều 12 Luật Đất đai", "Quyết định số 1234/QĐ-UBND").
 */
const NUMBER = String.raw`\d{1,4}[A-Za-z]?(?:\/\d{1,4}[A-Za-z]?)*`;
const STREET_WORD = '(?:đường|phố|ngõ|ngách|hẻm|kiệt)';
const STREET = new RegExp(
  String.raw`(?:[Ss]ố\s+${NUMBER}|(?<=(?:[Nn]hà|[Ởở]|[Hh]ẻm|[Nn]gõ|[Kk]iệt|[Đđ]ường|[Pp]hố)\s+)${NUMBER}|${NUMBER}(?=\s+${STREET_WORD}\s))\s+(?:${STREET_WORD}\s+)?(?:\p{Lu}\p{L}*|\d+)(?:\s+(?:\p{Lu}\p{L}*|\d+))*`,
  'gu',
);
/** Honorifics Vietnamese put before a person's given name: "ông Bình", "chị Hồng". */
const HONORIFIC = '(?:ông|bà|anh|chị|cô|chú|bác|em|cháu|tôi là|tên tôi là)';

/**
 * What the sender told the desk about themselves, blanked wherever it appears: their full name (the public
 * reads the reduced one), their given name after an honorific, their address and each of its parts, their
 * e-mail and ID number; then any contact data at all, and anything shaped like a street address.
 */
export function withoutSenderData(text: string, sender: { name: string; email?: string | null; phone?: string; address?: string; idNumber?: string }): string {
  let out = text;
  const addressParts = (sender.address ?? '').split(/[,;\n]/).map((p) => p.trim());
  for (const known of [sender.name, sender.email ?? undefined, sender.address, sender.idNumber, ...addressParts]) {
    const value = known?.trim();
    if (value && value.length >= 4) out = out.replace(new RegExp(escape(value), 'giu'), BLANK);
  }
  const given = sender.name.trim().split(/\s+/u).at(-1);
  if (given) out = out.replace(new RegExp(`(${HONORIFIC})\\s+${escape(given)}(?![\\p{L}])`, 'giu'), `$1 ${BLANK}`);
  return withoutContactData(out).replace(STREET, BLANK);
}
