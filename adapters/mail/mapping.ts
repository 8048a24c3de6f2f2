import { simpleParser, type AddressObject, type ParsedMail } from 'mailparser';
import type { MailIn } from '../../src/app/mail/ports.js';

/** Where a mail lies in the mailbox. */
export interface MailPlace {
  mailbox: string;
  uidValidity: number;
  uid: number;
}

const addressesOf = (field: AddressObject | AddressObject[] | undefined): string[] =>
  (Array.isArray(field) ? field : field ? [field] : []).flatMap((a) => a.value.flatMap((v) => [v.address ?? '', ...(v.group ?? []).map((g) => g.address ?? '')])).filter((a) => a !== '').map((a) => a.toLowerCase());

/** The unparsed values of a header, unfolded, in order. */
function rawHeader(parsed: ParsedMail, key: string): string[] {
  return parsed.headerLines.filter((h) => h.key === key).map((h) => h.line.slice(h.line.indexOf(':') + 1).replace(/\r?\n[ \t]+/g, ' ').trim());
}

const ENTITIES: Readonly<Record<string, string>> = { nbsp: ' ', amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

/** An HTML body as plain lines: mailparser's own conversion leaves `text` empty when the mail also carries a text attachment. */
export function htmlText(html: string): string {
  return html
    .replace(/<(script|style|head)\b[\s\S]*?<\/\1>/gi, '')
    .replace(/<br\s*\/?>|<\/(p|div|li|tr|h[1-6])>/gi, '\n')
    .replace(/<[^>]*>/g, '')
    .replace(/&(#x[0-9a-f]+|#\d+|\w+);/gi, (whole, name: string) =>
      name[0] === '#' ? String.fromCodePoint(name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : Number(name.slice(1))) : (ENTITIES[name.toLowerCase()] ?? whole),
    )
    .replace(/[ \t]+\n/g, '\n')
    .replace(/\n{3,}/g, '\n\n');
}

/** The text part; else the HTML part turned into text. */
function textOf(parsed: ParsedMail): string {
  const text = (parsed.text ?? '').replace(/\r\n/g, '\n').replace(/\u00a0/g, ' ').trim();
  if (text !== '' || typeof parsed.html !== 'string') return text;
  return htmlText(parsed.html).trim();
}

const MESSAGE_ID = /<[^<>\s]+>/g;

/**
 * Mail a program sent on its own: answering it risks a loop between two robots (RFC 3834).
 * Auto-Submitted other than `no`; a null sender (`Return-Path: <>`, bounces); a delivery report;
 * mailer-daemon or postmaster; Precedence bulk, list, junk or auto_reply; the X-Autoreply family.
 */
function isAutomatic(parsed: ParsedMail, fromAddress: string): boolean {
  if (rawHeader(parsed, 'auto-submitted').some((v) => !/^no\b/i.test(v))) return true;
  if (rawHeader(parsed, 'return-path').some((v) => /^<\s*>$/.test(v))) return true;
  if (rawHeader(parsed, 'content-type').some((v) => /^multipart\/report\b/i.test(v))) return true;
  if (/^(mailer-daemon|postmaster)@/i.test(fromAddress)) return true;
  if (rawHeader(parsed, 'precedence').some((v) => /^(bulk|list|junk|auto_reply)\b/i.test(v))) return true;
  return ['x-autoreply', 'x-autorespond'].some((k) => rawHeader(parsed, k).length > 0);
}

/** A raw message (RFC 5322 bytes) as the hub reads it; `tooLarge`: only its headers were fetched. */
export async function mailFromSource(raw: Buffer, place: MailPlace, tooLarge: { bytes: number } | null = null): Promise<MailIn> {
  const parsed = await simpleParser(raw, { skipTextToHtml: true, skipImageLinks: true });
  const sender = parsed.from?.value[0];
  const fromAddress = (sender?.address ?? '').toLowerCase();
  const references = rawHeader(parsed, 'references').flatMap((v) => v.match(MESSAGE_ID) ?? []);
  const inReplyTo = rawHeader(parsed, 'in-reply-to').flatMap((v) => v.match(MESSAGE_ID) ?? [])[0] ?? null;
  const messageId = rawHeader(parsed, 'message-id').flatMap((v) => v.match(MESSAGE_ID) ?? [])[0] ?? null;
  // Postfix writes the alias a mail was sent to as X-Original-To, and the mailbox it reached as Delivered-To.
  const deliveredTo = [...rawHeader(parsed, 'delivered-to'), ...rawHeader(parsed, 'x-original-to')].map((v) => v.replace(/^<|>$/g, '').toLowerCase());
  return {
    ...place,
    messageId,
    from: fromAddress ? { address: fromAddress, name: (sender?.name ?? '').trim() } : null,
    to: addressesOf(parsed.to),
    cc: addressesOf(parsed.cc),
    deliveredTo,
    subject: (parsed.subject ?? '').trim(),
    text: textOf(parsed),
    inReplyTo,
    references,
    attachments: tooLarge ? [] : parsed.attachments.map((a, i) => ({ filename: a.filename?.trim() || `attachment-${i + 1}`, contentType: a.contentType, bytes: a.content })),
    automatic: isAutomatic(parsed, fromAddress),
    tooLarge,
    date: parsed.date ?? null,
  };
}
