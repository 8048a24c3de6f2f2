import { message } from '../../core/messages.js';

/** A mail body for a reader whose language the hub does not know: Vietnamese first, then English. */
export function bothLanguages(key: string, detail: Record<string, string> = {}, extra: { vi: string[]; en: string[] } = { vi: [], en: [] }): string {
  const vi = [message('vi', key, detail), ...extra.vi].join('\n\n');
  const en = [message('en', key, detail), ...extra.en].join('\n\n');
  return `${vi}\n\n${message('vi', 'mail_english_follows')}\n\n${en}\n`;
}

/** A subject in both languages: short enough for a mail client's list. */
export const bothSubjects = (key: string, detail: Record<string, string>): string => `${message('vi', key, detail)} / ${message('en', key, detail).replace(/^\[[^\]]+\]\s*/, '')}`;

/** The thread a reply continues: the references it had, and the mail it answers. */
export function threadOf(mail: { messageId: string | null; references: readonly string[] }): { inReplyTo: string | null; references: string | null } {
  if (!mail.messageId) return { inReplyTo: null, references: null };
  const chain = [...mail.references.filter((r) => r !== mail.messageId), mail.messageId].slice(-10);
  return { inReplyTo: mail.messageId, references: chain.join(' ') };
}

const QUOTE_HEAD = /^(On .+wrote:|Vào .+đã viết:|Le .+a écrit :|-{2,} ?(Original Message|Forwarded message|Thư gốc) ?-{2,}|From: .+)$/i;

/** The new part of a reply: the quoted mail it answers (">" lines, and everything after "On … wrote:") left out. */
export function withoutQuote(text: string): string {
  const kept: string[] = [];
  for (const line of text.split('\n')) {
    if (QUOTE_HEAD.test(line.trim())) break;
    if (/^\s*>/.test(line)) continue;
    kept.push(line);
  }
  const result = kept.join('\n').trim();
  return result === '' ? text.trim() : result;
}
