import { message } from '../../core/messages.js';
import { limitText, sizeAgainstLimit } from '../../core/fileSize.js';
import { receiveTicket } from '../tickets/receive.js';
import type { MailEnv } from './env.js';
import { followUp, takeNewsItem } from './news.js';
import type { IncomingBecame, Mailbox, MailIn } from './ports.js';
import { bothLanguages, bothSubjects, threadOf, withoutQuote } from './texts.js';
import { submissionOfMail, ticketOfMail } from './threads.js';

/** Mails taken per run: a backlog is worked off over a few runs, each short. */
const PER_RUN = 50;

/** The key a mail is taken once by: its Message-ID, or where it lies when it has none. */
export const mailKey = (mail: MailIn): string => mail.messageId ?? `<uid-${mail.uid}.${mail.uidValidity}@${mail.mailbox}.portal-hub.invalid>`;

/**
 * Reads the portal's mailbox and takes each new mail once; returns how many were new. The cursor (last UID taken, per UIDVALIDITY)
 * moves only after a mail is taken, and what a mail becomes is keyed by its Message-ID, so a crash at any
 * point makes the next run read the mail again and find its ticket or submission instead of making another.
 */
export async function readMailbox(env: MailEnv, mailbox: Mailbox): Promise<number> {
  const store = env.tickets.deps.store;
  let taken = 0;
  await mailbox.read(
    (uidValidity) => store.mailCursor(mailbox.name, uidValidity),
    async (mail) => {
      const key = mailKey(mail);
      if (!(await store.incomingMail(key))) {
        const { became, subjectId } = await route(env, mail, key);
        // Two readers at once both get here; what they made is one (keyed by Message-ID), and one records it.
        if (await store.recordIncomingMail({ messageId: key, mailbox: mail.mailbox, uid: mail.uid, fromAddress: mail.from?.address ?? '', subject: mail.subject.slice(0, 500), receivedAt: env.tickets.deps.clock(), became, subjectId })) {
          env.log.info({ key, uid: mail.uid, became, subjectId }, 'mail taken');
          taken += 1;
        }
      }
      await store.setMailCursor(mail.mailbox, mail.uidValidity, mail.uid);
    },
    PER_RUN,
  );
  return taken;
}

const addressedTo = (mail: MailIn, address: string) => [...mail.to, ...mail.cc, ...mail.deliveredTo].includes(address);

/**
 * What a mail becomes, in this order: robots' mail (auto-replies, bounces, lists) and our own are recorded
 * and never answered (no mail loops); a mail too large to read gets a reply saying so; a reply about a
 * ticket lands on it; a sender's follow-up adds to their news item; a mail to the submission address is a
 * news item; anything else is a question.
 */
async function route(env: MailEnv, mail: MailIn, key: string): Promise<{ became: IncomingBecame; subjectId: string | null }> {
  const { deps } = env.tickets;
  const from = mail.from;
  if (!from || mail.automatic || env.ownAddresses.includes(from.address)) {
    env.log.info({ key, from: from?.address ?? null, automatic: mail.automatic }, 'mail not answered: sent by a program, by nobody or by the hub itself');
    return { became: 'ignored', subjectId: null };
  }
  if (mail.tooLarge) {
    await deps.store.queueMail(
      { purpose: `mail:${key}:too-large`, to: from.address, subject: `${bothSubjects('mail_too_large_subject', {})}: ${mail.subject}`.slice(0, 200), text: bothLanguages('mail_too_large', { ...sizeAgainstLimit(mail.tooLarge.bytes, env.media.maxBytes * 4), fileLimit: limitText(env.media.maxBytes) }), ...threadOf(mail) },
      deps.clock(),
    );
    return { became: 'ignored', subjectId: null };
  }
  const ticket = await ticketOfMail(env, mail);
  if (ticket) {
    const files = mail.attachments.map((a) => a.filename).join(', ');
    const text = [withoutQuote(mail.text) || mail.subject, files ? message('vi', 'mail_ticket_files_not_kept', { files }) : ''].filter((t) => t !== '').join('\n\n');
    await deps.store.addTicketMessage({ ticketId: ticket.id, direction: 'in', channel: 'email', dedupeKey: `mail:${key}`, text, at: deps.clock() });
    return { became: 'ticket-reply', subjectId: ticket.id };
  }
  const submission = await submissionOfMail(env, mail);
  if (submission) return followUp(env, mail, from, key, submission);
  if (env.submissionsAddress && addressedTo(mail, env.submissionsAddress)) return takeNewsItem(env, mail, from, key);
  const files = mail.attachments.map((a) => a.filename).join(', ');
  const received = await receiveTicket(env.tickets, {
    kind: 'question',
    channel: 'email',
    dedupeKey: `mail:${key}`,
    senderName: from.name || from.address.split('@')[0] || from.address,
    senderEmail: from.address,
    subject: mail.subject || null,
    question: [mail.text || mail.subject, files ? message('vi', 'mail_ticket_files_not_kept', { files }) : ''].filter((t) => t !== '').join('\n\n'),
    reference: mail.messageId,
    siteId: null,
  });
  if (!received.ok) {
    env.log.warn({ key, from: from.address, why: received.reason }, 'mail not taken as a question');
    return { became: 'ignored', subjectId: null };
  }
  return { became: 'ticket', subjectId: received.value.ticket.id };
}
