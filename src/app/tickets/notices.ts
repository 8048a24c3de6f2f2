import { formatLocal } from '../../core/dates.js';
import { message } from '../../core/messages.js';
import type { TicketRecord } from '../../core/tickets/model.js';
import type { TicketEnv } from './env.js';
import { answerLink, statusLink } from './links.js';
import { dueDay, kindWord } from './receive.js';

/** Channels whose sender staff answer by phone or letter: the desk records that it was done. */
const STAFF_REPLY = new Set(['phone', 'post', 'in-person', 'document-system']);

/**
 * Tells the sender of an answer, an out-of-scope refusal or a moved answer date, by the channel it came
 * from: by mail when they gave an address; back on the platform for an online comment or message; else
 * their status page shows it and staff reply by phone or letter. Returns how the answer went.
 */
export async function tellSender(env: TicketEnv, t: TicketRecord, what: 'answer' | 'decline' | 'moveDue', actorId: string): Promise<string | null> {
  const { deps } = env;
  const at = deps.clock();
  const lang = t.lang;
  const detail = {
    code: t.code,
    name: t.senderName,
    kind: kindWord(lang, t),
    date: formatLocal(t.receivedAt, deps.timeZone).slice(-10),
    answer: t.answerText ?? '',
    reason: what === 'decline' ? (t.declinedReason ?? '') : (t.dueMoves[t.dueMoves.length - 1]?.reason ?? ''),
    due: t.dueAt ? dueDay(t.dueAt, deps.timeZone) : '',
    link: statusLink(env, t.code, lang),
  };
  const key = what === 'answer' ? 'ticket_mail_answer' : what === 'decline' ? 'ticket_mail_declined' : 'ticket_mail_due_moved';
  let via: string | null = null;
  if (t.senderEmail) {
    const purpose = what === 'moveDue' ? `ticket:${t.code}:due:${t.dueMoves.length}` : `ticket:${t.code}:${what}`;
    await deps.store.queueMail({ purpose, to: t.senderEmail, subject: message(lang, `${key}_subject`, detail), text: message(lang, key, detail), inReplyTo: t.channel === 'email' ? t.reference : null }, at);
    via = 'email';
  }
  if (what === 'answer' && t.channel === 'interaction' && t.interactionId) {
    // Back where the citizen wrote, once, through the interactions outbox (a portal comment has no platform: its status page shows it).
    const record = await deps.store.interactionById(t.interactionId);
    const channelId = record?.channelId || null;
    if (record && channelId && record.answerText === null) {
      const decided = await deps.store.decideInteraction(
        record.id,
        { state: record.state, fromState: record.state, actorId, at, answerText: t.answerText ?? '' },
        { action: 'reply', channelId, text: t.answerText ?? '' },
        { at, actorId, action: 'interaction_answered', subjectType: 'interaction', subjectId: record.id, data: { source: record.source, ticket: t.code } },
      );
      if (decided) via = via ? `${via}+${record.source}` : record.source;
    }
  }
  if (what === 'answer' && !via) via = STAFF_REPLY.has(t.channel) ? 'staff' : 'status-page';
  return via;
}

/** The assignee hears of the assignment in chat; one not reached there gets a mail with a signed answer link. */
export async function tellAssignee(env: TicketEnv, t: TicketRecord): Promise<void> {
  const { deps } = env;
  if (!t.assigneeId || !t.dueAt) return;
  const person = await deps.store.personById(t.assigneeId);
  if (!person) return;
  const unit = t.unitSiteId ? await deps.store.siteById(t.unitSiteId) : null;
  const expiresMs = deps.clock().getTime() + env.settings.linkDays * 86_400_000;
  const link = answerLink(env, t.code, person.id, expiresMs);
  const detail = {
    code: t.code,
    name: person.displayName,
    unit: unit ? (person.lang === 'en' ? unit.nameEn : unit.nameVi) : '',
    kind: kindWord(person.lang, t),
    due: dueDay(t.dueAt, deps.timeZone),
    question: t.question,
    link,
    expires: formatLocal(new Date(expiresMs), deps.timeZone),
  };
  const reached = env.notifier ? await env.notifier.toPerson(person.id, message(person.lang, 'ticket_assigned_chat', detail)) : false;
  if (reached || !person.email) return;
  await deps.store.queueMail({ purpose: `ticket:${t.code}:assigned:${t.version}`, to: person.email, subject: message(person.lang, 'ticket_mail_assigned_subject', detail), text: message(person.lang, 'ticket_mail_assigned', detail) }, deps.clock());
}
