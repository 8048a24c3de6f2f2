import { formatLocal } from '../../core/dates.js';
import { message } from '../../core/messages.js';
import type { TicketRecord } from '../../core/tickets/model.js';
import type { MailToSend } from '../mail/ports.js';
import type { PersonRecord, SiteRecord } from '../ports.js';
import type { TicketEnv } from './env.js';
import { answerLink, statusLink } from './links.js';
import { citizenText, dueDay, kindWord } from './receive.js';
import { withoutSenderData } from '../../core/tickets/privacy.js';

/** Channels whose sender staff answer by phone or letter: the desk records that it was done. */
const STAFF_REPLY = new Set(['phone', 'post', 'in-person', 'document-system']);

export type SenderNotice = 'answer' | 'decline' | 'moveDue';

/**
 * The mail telling the sender of an answer, an out-of-scope refusal or a moved answer date, when they gave
 * an address; built from the ticket as the step leaves it, so it is queued with the step itself.
 */
export function senderMail(env: TicketEnv, t: TicketRecord, what: SenderNotice): MailToSend | null {
  if (!t.senderEmail) return null;
  const lang = t.lang;
  const detail = {
    code: t.code,
    name: t.senderName,
    kind: kindWord(lang, t),
    kindEn: kindWord('en', t),
    date: formatLocal(t.receivedAt, env.deps.timeZone).slice(-10),
    answer: t.answerText ?? '',
    reason: what === 'decline' ? (t.declinedReason ?? '') : (t.dueMoves[t.dueMoves.length - 1]?.reason ?? ''),
    due: t.dueAt ? dueDay(t.dueAt, env.deps.timeZone) : '',
    link: statusLink(env, t.code, lang),
  };
  const key = what === 'answer' ? 'ticket_mail_answer' : what === 'decline' ? 'ticket_mail_declined' : 'ticket_mail_due_moved';
  const purpose = what === 'moveDue' ? `ticket:${t.code}:due:${t.dueMoves.length}` : `ticket:${t.code}:${what}`;
  return { purpose, to: t.senderEmail, ...citizenText(t, key, detail), inReplyTo: t.channel === 'email' ? t.reference : null };
}

/**
 * How an answer reaches its sender: by mail when they gave an address; back on the platform for an
 * online comment or message; else their status page shows it, and staff answer phone and post receipts.
 */
export function answerRoute(t: Pick<TicketRecord, 'senderEmail' | 'channel'>, platform: string | null): string {
  const via = [...(t.senderEmail ? ['email'] : []), ...(platform ? [platform] : [])];
  if (via.length) return via.join('+');
  return STAFF_REPLY.has(t.channel) ? 'staff' : 'status-page';
}

/**
 * An answer to a comment or message turned into a question goes back where it was written, once,
 * through the interactions outbox (a portal comment has no platform: its status page shows it).
 */
/** The platform an interaction-born ticket's answer goes back to, if it can (a comment under a mirrored post). */
export async function replyPlatform(env: TicketEnv, t: Pick<TicketRecord, 'channel' | 'interactionId'>): Promise<string | null> {
  if (t.channel !== 'interaction' || !t.interactionId) return null;
  const record = await env.deps.store.interactionById(t.interactionId);
  return record?.channelId && record.answerText === null ? record.source : null;
}

export async function answerOnPlatform(env: TicketEnv, t: TicketRecord, actorId: string): Promise<void> {
  const { deps } = env;
  if (t.channel !== 'interaction' || !t.interactionId || !t.answerText) return;
  const record = await deps.store.interactionById(t.interactionId);
  const channelId = record?.channelId || null;
  if (!record || !channelId || record.answerText !== null) return;
  const at = deps.clock();
  await deps.store.decideInteraction(
    record.id,
    { state: record.state, fromState: record.state, actorId, at, answerText: t.answerText },
    { action: 'reply', channelId, text: t.answerText },
    { at, actorId, action: 'interaction_answered', subjectType: 'interaction', subjectId: record.id, data: { source: record.source, ticket: t.code } },
  );
}

export interface AssigneeNotice {
  /** What to tell them in chat (the desk's notifier), with their link. */
  chatText: string;
  /** The mail for an assignee with an address the chat may not reach. */
  mail: MailToSend | null;
}

/** What the assignee is told: the ticket, the unit, the due date and a signed link to answer without an account. */
export function assigneeNotice(env: TicketEnv, t: TicketRecord, person: PersonRecord, unit: SiteRecord | null): AssigneeNotice {
  const expiresMs = env.deps.clock().getTime() + env.settings.linkDays * 86_400_000;
  const detail = {
    code: t.code,
    name: person.displayName,
    unit: unit ? (person.lang === 'en' ? unit.nameEn : unit.nameVi) : '',
    kind: kindWord(person.lang, t),
    due: t.dueAt ? dueDay(t.dueAt, env.deps.timeZone) : '',
    // The assignee answers the question; the sender's contact data stays with the desk.
    question: withoutSenderData(t.question, { name: t.senderName, email: t.senderEmail, ...t.senderContact }),
    link: answerLink(env, t.code, person.id, expiresMs),
    expires: formatLocal(new Date(expiresMs), env.deps.timeZone),
  };
  const mail = person.email ? { purpose: `ticket:${t.code}:assigned:${t.version}`, to: person.email, subject: message(person.lang, 'ticket_mail_assigned_subject', detail), text: message(person.lang, 'ticket_mail_assigned', detail) } : null;
  return { chatText: message(person.lang, 'ticket_assigned_chat', detail), mail };
}
