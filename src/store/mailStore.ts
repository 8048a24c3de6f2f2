import { randomUUID } from 'node:crypto';
import type { IncomingBecame, IncomingMailRecord, MailStore, OutgoingMailRecord, OutgoingMailState } from '../app/mail/ports.js';
import type { AuditTrail } from './audit.js';
import type { Db } from './client.js';
import { isUniqueViolation } from './errors.js';
import type { IncomingMail, OutgoingMail } from './generated/sqlite/client.js';

const OUT_STATES: readonly string[] = ['pending', 'sending', 'sent', 'failed'];
const BECAME: readonly string[] = ['ticket', 'ticket-reply', 'submission', 'submission-revision', 'ignored'];

function toOutgoing(row: OutgoingMail): OutgoingMailRecord {
  if (!OUT_STATES.includes(row.state)) throw new Error(`database holds an unknown mail state: ${row.state}`);
  return {
    id: row.id, purpose: row.purpose, to: row.toAddress, subject: row.subject, text: row.text, html: row.html, messageId: row.messageId, inReplyTo: row.inReplyTo,
    references: row.references, attachments: JSON.parse(row.attachments) as OutgoingMailRecord['attachments'], state: row.state as OutgoingMailState,
    attempts: row.attempts, nextAttemptAt: row.nextAttemptAt, lastError: row.lastError, createdAt: row.createdAt, sentAt: row.sentAt,
  };
}

function toIncoming(row: IncomingMail): IncomingMailRecord {
  if (!BECAME.includes(row.became)) throw new Error(`database holds an unknown incoming mail: ${row.became}`);
  const { id: _id, ...rest } = row;
  return { ...rest, became: row.became as IncomingBecame };
}

/** The cursor row of a mailbox at one UIDVALIDITY: a new UIDVALIDITY is a new key, read from its start. */
const cursorKey = (mailbox: string, uidValidity: number) => `mail:imap:${mailbox}:${uidValidity}`;

/** The mail outbox and what was read from the mailbox, over Prisma. */
export function mailStore(db: Db, _trail: AuditTrail): MailStore {
  // Due: pending and past its time with no live claim, or on the wire under a lease that ran out (the worker died).
  const due = (now: Date) => ({
    OR: [
      { state: 'pending', nextAttemptAt: { lte: now }, OR: [{ leaseUntil: null }, { leaseUntil: { lt: now } }] },
      { state: 'sending', leaseUntil: { lt: now } },
    ],
  });
  return {
    async queueMail(mail, at) {
      const messageId = `<${randomUUID()}@portal-hub>`;
      try {
        await db.outgoingMail.create({
          data: {
            id: randomUUID(), purpose: mail.purpose, toAddress: mail.to, subject: mail.subject, text: mail.text, html: mail.html ?? null,
            messageId, inReplyTo: mail.inReplyTo ?? null, references: mail.references ?? null, attachments: JSON.stringify(mail.attachments ?? []),
            state: 'pending', nextAttemptAt: at, createdAt: at,
          },
        });
        return { queued: true, messageId };
      } catch (error) {
        if (!isUniqueViolation(error)) throw error;
        const existing = await db.outgoingMail.findUniqueOrThrow({ where: { purpose: mail.purpose } });
        return { queued: false, messageId: existing.messageId };
      }
    },

    async claimDueMails(now, limit, token, leaseMs) {
      const rows = await db.outgoingMail.findMany({ where: due(now), orderBy: [{ nextAttemptAt: 'asc' }, { createdAt: 'asc' }], take: limit, select: { id: true } });
      if (rows.length === 0) return [];
      const ids = rows.map((r) => r.id);
      // One conditional update for the lot: of two workers, each row goes to the one whose update matched it.
      await db.outgoingMail.updateMany({ where: { id: { in: ids }, ...due(now) }, data: { claimToken: token, leaseUntil: new Date(now.getTime() + leaseMs) } });
      const mine = await db.outgoingMail.findMany({ where: { id: { in: ids }, claimToken: token }, orderBy: [{ nextAttemptAt: 'asc' }, { createdAt: 'asc' }] });
      return mine.map(toOutgoing);
    },
    async startMail(id, token, leaseUntil) {
      return (await db.outgoingMail.updateMany({ where: { id, claimToken: token, state: { in: ['pending', 'sending'] } }, data: { state: 'sending', attempts: { increment: 1 }, leaseUntil } })).count === 1;
    },
    async settleMail(id, token, s) {
      const data =
        s.state === 'sent'
          ? { state: 'sent', sentAt: s.at, lastError: null }
          : s.state === 'pending'
            ? { state: 'pending', nextAttemptAt: s.nextAttemptAt, lastError: s.lastError }
            : { state: 'failed', lastError: s.lastError };
      return (await db.outgoingMail.updateMany({ where: { id, claimToken: token, state: { in: ['pending', 'sending'] } }, data: { ...data, claimToken: null, leaseUntil: null } })).count === 1;
    },
    async outgoingMail(purpose) {
      const row = await db.outgoingMail.findUnique({ where: { purpose } });
      return row && toOutgoing(row);
    },
    async outgoingByMessageIds(messageIds) {
      if (messageIds.length === 0) return [];
      return (await db.outgoingMail.findMany({ where: { messageId: { in: [...messageIds] } }, orderBy: { createdAt: 'asc' } })).map(toOutgoing);
    },

    async incomingMail(messageId) {
      const row = await db.incomingMail.findUnique({ where: { messageId } });
      return row && toIncoming(row);
    },
    async incomingByMessageIds(messageIds) {
      if (messageIds.length === 0) return [];
      return (await db.incomingMail.findMany({ where: { messageId: { in: [...messageIds] } }, orderBy: { receivedAt: 'asc' } })).map(toIncoming);
    },
    async recordIncomingMail(mail) {
      try {
        await db.incomingMail.create({ data: { id: randomUUID(), ...mail } });
        return true;
      } catch (error) {
        if (!isUniqueViolation(error)) throw error;
        return false;
      }
    },
    async mailCursor(mailbox, uidValidity) {
      return (await db.chatCursor.findUnique({ where: { key: cursorKey(mailbox, uidValidity) } }))?.seq ?? 0;
    },
    async setMailCursor(mailbox, uidValidity, uid) {
      const key = cursorKey(mailbox, uidValidity);
      // Only forward: a slower reader finishing late never moves it back.
      await db.chatCursor.upsert({ where: { key }, create: { key, seq: uid }, update: {} }).catch((error: unknown) => {
        if (!isUniqueViolation(error)) throw error;
      });
      await db.chatCursor.updateMany({ where: { key, seq: { lt: uid } }, data: { seq: uid } });
    },
  };
}
