import { randomUUID } from 'node:crypto';
import type { MailToSend } from '../app/mail/ports.js';
import type { Tx } from './client.js';

/**
 * Queues a mail inside another write's transaction (the step that owes it): both are kept or neither.
 * A purpose queued already is left as it is.
 */
export async function queueMailIn(tx: Tx, mail: MailToSend, at: Date): Promise<void> {
  if (await tx.outgoingMail.findUnique({ where: { purpose: mail.purpose }, select: { id: true } })) return;
  await tx.outgoingMail.create({
    data: {
      id: randomUUID(), purpose: mail.purpose, toAddress: mail.to, subject: mail.subject, text: mail.text, html: mail.html ?? null,
      messageId: `<${randomUUID()}@portal-hub>`, inReplyTo: mail.inReplyTo ?? null, references: mail.references ?? null, attachments: JSON.stringify(mail.attachments ?? []),
      state: 'pending', nextAttemptAt: at, createdAt: at,
    },
  });
}
