import { randomUUID } from 'node:crypto';
import type { MailStore } from '../app/mail/ports.js';
import type { AuditTrail } from './audit.js';
import type { Db } from './client.js';
import { isUniqueViolation } from './errors.js';

/** The mail outbox and what was read from the mailbox, over Prisma. */
export function mailStore(db: Db, _trail: AuditTrail): MailStore {
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
  };
}
