import { createHash } from 'node:crypto';
import type { TicketForm } from './portalPaths.js';

/**
 * The portal's "Hỏi đáp" (question) and "Liên hệ" (complaint or request) forms, pure: their fields,
 * what they accept, and the one key a post has however often it is sent.
 */

/** Lĩnh vực a citizen may pick; stored as the key, shown by its name (`tportal_field_<key>`). */
export const TICKET_FIELDS = ['dat-dai', 'xay-dung', 'moi-truong', 'dau-tu', 'thue-tai-chinh', 'lao-dong', 'giao-duc', 'y-te', 'nong-nghiep', 'thu-tuc', 'khac'] as const;
export type TicketField = (typeof TICKET_FIELDS)[number];
export const isTicketField = (v: string): v is TicketField => (TICKET_FIELDS as readonly string[]).includes(v);

export const TICKET_FORM_LIMITS = { name: 100, email: 254, phone: 20, address: 300, subject: 200, question: 10_000 } as const;
/**
 * Whole body. A full question is 10 000 characters, up to 3 bytes each in UTF-8 as a browser sends
 * multipart: 64 KiB holds that and every other field with room to spare.
 */
export const TICKET_FORM_BODY_MAX = 64 * 1024;

export const TICKET_FORM_FIELDS = { token: 'token', honeypot: 'website', name: 'name', email: 'email', phone: 'phone', address: 'address', field: 'field', subject: 'subject', question: 'question' } as const;

/** The signed token's subject (formToken.ts): a `:` no article code holds, so neither form takes another's token. */
export const formTokenSubject = (form: TicketForm) => `TICKETS:${form.toUpperCase()}`;

/** What was typed, normalised, so a refused form is drawn again with it. */
export interface TicketFormInput {
  name: string;
  email: string;
  phone: string;
  address: string;
  field: string;
  subject: string;
  question: string;
  token: string;
}

export type TicketFormRefusal =
  | 'ticket_name_required'
  | 'tportal_name_too_long'
  | 'ticket_email_invalid'
  | 'tportal_phone_invalid'
  | 'tportal_address_too_long'
  | 'tportal_field_unknown'
  | 'tportal_subject_required'
  | 'tportal_subject_too_long'
  | 'ticket_question_required'
  | 'ticket_question_too_long';

const lengthOf = (text: string) => [...text].length;
const tidy = (text: string) => text.normalize('NFC').replace(/\r\n?/g, '\n');
const line = (text: string) => tidy(text).replace(/\s+/g, ' ').trim();

export function readTicketForm(get: (field: string) => string | null, form: TicketForm): { input: TicketFormInput; honeypot: boolean } {
  const f = TICKET_FORM_FIELDS;
  return {
    input: {
      name: line(get(f.name) ?? ''),
      email: line(get(f.email) ?? ''),
      phone: line(get(f.phone) ?? ''),
      // The question form has no address: one sent to it anyway is not kept.
      address: form === 'contact' ? line(get(f.address) ?? '') : '',
      field: line(get(f.field) ?? ''),
      subject: line(get(f.subject) ?? ''),
      question: tidy(get(f.question) ?? '').trim(),
      token: (get(f.token) ?? '').trim(),
    },
    honeypot: (get(f.honeypot) ?? '') !== '',
  };
}

const EMAIL = /^[^@\s<>]{1,64}@[^@\s<>]{1,255}\.[^@\s<>]{2,}$/;
/** As people write numbers: digits with spaces, dots, dashes, brackets, a leading +; 8 to 15 digits. */
const PHONE = /^\+?[\d\s.()-]+$/;

export function checkTicketForm(input: TicketFormInput): { ok: true } | { ok: false; reason: TicketFormRefusal; detail: Record<string, string> } {
  const L = TICKET_FORM_LIMITS;
  const no = (reason: TicketFormRefusal, max?: number): { ok: false; reason: TicketFormRefusal; detail: Record<string, string> } => ({ ok: false, reason, detail: max === undefined ? {} : { max: String(max) } });
  if (input.name === '') return no('ticket_name_required');
  if (lengthOf(input.name) > L.name) return no('tportal_name_too_long', L.name);
  if (input.email !== '' && (input.email.length > L.email || !EMAIL.test(input.email))) return no('ticket_email_invalid');
  const digits = input.phone.replace(/\D/g, '').length;
  if (input.phone !== '' && (input.phone.length > L.phone || !PHONE.test(input.phone) || digits < 8 || digits > 15)) return no('tportal_phone_invalid');
  if (lengthOf(input.address) > L.address) return no('tportal_address_too_long', L.address);
  if (input.field !== '' && !isTicketField(input.field)) return no('tportal_field_unknown');
  if (input.subject === '') return no('tportal_subject_required');
  if (lengthOf(input.subject) > L.subject) return no('tportal_subject_too_long', L.subject);
  if (input.question === '') return no('ticket_question_required');
  if (lengthOf(input.question) > L.question) return no('ticket_question_too_long');
  return { ok: true };
}

/**
 * The receipt's key: the token the page was served with and what was written. A double click or a
 * page sent again is one ticket; the same page edited and sent again is another.
 */
export function formDedupeKey(form: TicketForm, input: TicketFormInput): string {
  const { token, ...content } = input;
  const hash = createHash('sha256').update(JSON.stringify([form, token, content])).digest('base64url').slice(0, 32);
  return `portal-form:${hash}`;
}
