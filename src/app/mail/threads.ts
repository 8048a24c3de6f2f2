import { findTicketCode, type TicketRecord } from '../../core/tickets/model.js';
import type { SubmissionRecord } from '../ports.js';
import type { MailEnv } from './env.js';
import type { MailIn } from './ports.js';

/** Every Message-ID a reply names: what it answers and the thread before it. */
const namedIds = (mail: MailIn): string[] => [...new Set([...(mail.inReplyTo ? [mail.inReplyTo] : []), ...mail.references])];

/** What the thread's earlier mails were about: ours by their purpose, the sender's by what they became. */
async function threadSubjects(env: MailEnv, mail: MailIn): Promise<{ tickets: string[]; ticketIds: string[]; submissionIds: string[] }> {
  const ids = namedIds(mail);
  const store = env.tickets.deps.store;
  const [ours, theirs] = await Promise.all([store.outgoingByMessageIds(ids), store.incomingByMessageIds(ids)]);
  const tickets: string[] = [];
  const submissionIds: string[] = [];
  for (const m of ours) {
    const [kind, subject] = m.purpose.split(':');
    if (kind === 'ticket' && subject) tickets.push(subject);
    if (kind === 'submission' && subject) submissionIds.push(subject);
  }
  const ticketIds = theirs.filter((m) => (m.became === 'ticket' || m.became === 'ticket-reply') && m.subjectId).map((m) => m.subjectId!);
  for (const m of theirs) if ((m.became === 'submission' || m.became === 'submission-revision') && m.subjectId) submissionIds.push(m.subjectId);
  return { tickets, ticketIds, submissionIds };
}

/** The ticket a mail is about: a HD-/PA- code in its subject, or a thread with a mail about that ticket. */
export async function ticketOfMail(env: MailEnv, mail: MailIn): Promise<TicketRecord | null> {
  const store = env.tickets.deps.store;
  const code = findTicketCode(mail.subject);
  const byCode = code ? await store.ticketByCode(code) : null;
  if (byCode) return byCode;
  const thread = await threadSubjects(env, mail);
  for (const c of thread.tickets) {
    const t = await store.ticketByCode(c);
    if (t) return t;
  }
  for (const id of thread.ticketIds) {
    const t = await store.ticketById(id);
    if (t) return t;
  }
  return null;
}

const ITEM_CODE = /\b([A-Z]{1,6})-(\d{4})-(\d{5,})\b/g;

/**
 * The sender's own submission a mail follows up: a thread with a mail about it, or its tracking code in the
 * subject. Only its sender's address can add to it: anyone else's mail naming the code is a mail of its own.
 */
export async function submissionOfMail(env: MailEnv, mail: MailIn): Promise<SubmissionRecord | null> {
  if (!mail.from) return null;
  const store = env.tickets.deps.store;
  const candidates: SubmissionRecord[] = [];
  for (const id of (await threadSubjects(env, mail)).submissionIds) {
    const s = await store.submissionById(id);
    if (s) candidates.push(s);
  }
  for (const m of mail.subject.toUpperCase().matchAll(ITEM_CODE)) {
    if (m[1] === 'HD' || m[1] === 'PA') continue;
    const s = await store.submissionByCode(m[0]);
    if (s) candidates.push(s);
  }
  return candidates.find((s) => s.channel === 'email' && s.senderPlatformId === mail.from!.address) ?? null;
}
