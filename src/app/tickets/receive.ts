import { formatLocal } from '../../core/dates.js';
import { message, type Lang } from '../../core/messages.js';
import { refuse, ok, type Outcome } from '../../core/result.js';
import { dueAfterWorkingDays } from '../../core/tickets/calendar.js';
import type { SenderContact, TicketChannel, TicketKind, TicketRecord } from '../../core/tickets/model.js';
import { yearIn } from '../deps.js';
import type { MailToSend } from '../mail/ports.js';
import type { TicketEnv } from './env.js';
import { statusLink } from './links.js';

/** What a channel knows of a receipt; the rest (code, due date) is decided here. */
export interface Receipt {
  kind: TicketKind;
  channel: TicketChannel;
  /** The channel's own key for this receipt: the same key twice is one ticket. */
  dedupeKey: string;
  /** The receiving site; null: the root (province) site. */
  siteId: string | null;
  subject?: string | null;
  question: string;
  field?: string | null;
  lang?: Lang;
  senderName: string;
  senderEmail?: string | null;
  senderContact?: SenderContact;
  /** Staff who logged a receipt by phone, post or in person. */
  receivedById?: string | null;
  reference?: string | null;
  interactionId?: string | null;
  /** When it arrived (a letter's date may be earlier than its logging); default now. */
  receivedAt?: Date;
}

export type ReceiptRefusal = 'ticket_received_in_future' | 'ticket_question_required' | 'ticket_question_too_long' | 'ticket_name_required' | 'ticket_email_invalid' | 'unknown_site';

export const MAX_QUESTION_CHARS = 10_000;
const EMAIL = /^[^@\s<>]{1,64}@[^@\s<>]{1,255}\.[^@\s<>]{2,}$/;

/**
 * A question or complaint is received: stored once per channel key with its code and answer date
 * (working days from the day of receipt), audited, and the sender told the code and private status link
 * by mail when they gave an address.
 */
export async function receiveTicket(env: TicketEnv, r: Receipt): Promise<Outcome<{ ticket: TicketRecord; created: boolean }, ReceiptRefusal>> {
  const { deps } = env;
  const question = r.question.trim();
  const name = r.senderName.trim().replace(/\s+/g, ' ');
  const email = r.senderEmail?.trim() || null;
  if (question === '') return refuse('ticket_question_required');
  if (question.length > MAX_QUESTION_CHARS) return refuse('ticket_question_too_long');
  if (name === '') return refuse('ticket_name_required');
  if (email !== null && !EMAIL.test(email)) return refuse('ticket_email_invalid');
  const siteId = r.siteId ?? (await deps.store.sites()).find((s) => s.parentId === null)?.id ?? null;
  if (!siteId) return refuse('unknown_site', { site: '(root)' });
  const receivedAt = r.receivedAt ?? deps.clock();
  if (receivedAt.getTime() > deps.clock().getTime() + 60_000) return refuse('ticket_received_in_future');
  const dueAt = dueAfterWorkingDays(receivedAt, env.settings.answerWorkingDays, await env.calendar(), deps.timeZone);
  const lang = r.lang ?? 'vi';
  const taken = await deps.store.takeTicket(
    {
      kind: r.kind, siteId, channel: r.channel, dedupeKey: r.dedupeKey, subject: r.subject?.trim() || null, question, field: r.field?.trim() || null, lang,
      senderName: name.slice(0, 200), senderEmail: email, senderContact: r.senderContact ?? {}, receivedById: r.receivedById ?? null,
      reference: r.reference ?? null, interactionId: r.interactionId ?? null, receivedAt, dueAt, year: yearIn(receivedAt, deps.timeZone),
    },
    { at: deps.clock(), actorId: r.receivedById ?? null, action: 'ticket_received', subjectType: 'ticket', subjectId: '', data: {} },
    // In the ticket's own transaction: a process killed just after it cannot leave the sender without one.
    (t) => (t.senderEmail ? receiptMail(env, t, t.senderEmail) : null),
  );
  return ok(taken);
}

/**
 * A mail to a citizen in their language; one who wrote by e-mail told us none, so they read Vietnamese
 * then English (the subject as well).
 */
export function citizenText(t: Pick<TicketRecord, 'lang' | 'channel'>, key: string, detail: Record<string, string>): { subject: string; text: string } {
  if (t.channel !== 'email') return { subject: message(t.lang, `${key}_subject`, detail), text: message(t.lang, key, detail) };
  const en = { ...detail, kind: detail.kindEn ?? detail.kind ?? '' };
  return { subject: `${message('vi', `${key}_subject`, detail)} / ${message('en', `${key}_subject`, en).replace(/^\[[^\]]*\]\s*/, '')}`, text: `${message('vi', key, detail)}\n\n———\n\n${message('en', key, en)}` };
}

/** The last day to answer, dd/mm/yyyy: a due instant is the first instant after that day. */
export const dueDay = (dueAt: Date, timeZone: string): string => formatLocal(new Date(dueAt.getTime() - 1), timeZone).slice(-10);

export const kindWord = (lang: Lang, t: Pick<TicketRecord, 'kind'>) => message(lang, `ticket_kind_${t.kind}`).toLocaleLowerCase(lang);

function receiptMail(env: TicketEnv, t: TicketRecord, to: string): MailToSend {
  const lang = t.lang;
  const detail = { code: t.code, name: t.senderName, kind: kindWord(lang, t), kindEn: kindWord('en', t), date: formatLocal(t.receivedAt, env.deps.timeZone).slice(-10), due: t.dueAt ? dueDay(t.dueAt, env.deps.timeZone) : '', link: statusLink(env, t.code, lang) };
  return { purpose: `ticket:${t.code}:received`, to, ...citizenText(t, 'ticket_mail_received', detail), inReplyTo: t.channel === 'email' ? t.reference : null };
}
