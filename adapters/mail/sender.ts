import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import addressparser from 'nodemailer/lib/addressparser';
import MailComposer from 'nodemailer/lib/mail-composer';
import SMTPConnection from 'nodemailer/lib/smtp-connection';
import type { MailSender, OutgoingMailRecord } from '../../src/app/mail/ports.js';
import type { DeliveryResult } from '../../src/core/delivery.js';
import { storedMedia } from '../../src/core/mediaRef.js';
import { sortSmtpError, type SmtpStage } from './errors.js';

export interface SmtpTarget {
  host: string;
  port: number;
  secure: boolean;
  user: string | null;
  pass: string | null;
}

/** `smtp://user:pass@host:port` (STARTTLS when the server offers it) or `smtps://…` (TLS from the start). */
export function smtpTarget(url: string): SmtpTarget {
  const u = new URL(url);
  const secure = u.protocol === 'smtps:';
  return {
    host: u.hostname,
    port: u.port ? Number(u.port) : secure ? 465 : 587,
    secure,
    user: u.username ? decodeURIComponent(u.username) : null,
    pass: u.password ? decodeURIComponent(u.password) : null,
  };
}

/** The bare addresses of an address line (`Cổng TTĐT <hoidap@…>` → `hoidap@…`), lower-cased. */
export const addressesIn = (line: string): string[] => addressparser(line, { flatten: true }).map((a) => a.address.toLowerCase()).filter((a) => a !== '');

export interface SenderOptions {
  /** MAIL_FROM: `Cổng TTĐT <hoidap@…>`. */
  from: string;
  /** Where stored files (media refs) lie. */
  mediaDir: string;
  /** How long a silent server is waited for, per step; the send job's lease is longer. */
  timeoutMs?: number;
}

/** One step of the conversation: its callback, or the connection's 'error' event (a connect that fails reports only there). */
function step<T>(connection: SMTPConnection, run: (done: (error: unknown, value?: T) => void) => void): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const failed = (error: unknown) => reject(error);
    connection.once('error', failed);
    run((error, value) => {
      connection.removeListener('error', failed);
      if (error) reject(error);
      else resolve(value as T);
    });
  });
}

/** Each mail on its own connection: a few mails a minute, and no connection left half-used after an error. */
export function smtpSender(url: string, options: SenderOptions): MailSender {
  const target = smtpTarget(url);
  const envelopeFrom = addressesIn(options.from)[0] ?? options.from;
  const timeout = options.timeoutMs ?? 60_000;
  return {
    // Connect, greeting, login and the hand-over each wait at most `timeout`; then some slack.
    onWireMs: 4 * timeout + 30_000,
    async send(mail) {
      const files = await attachmentsOf(mail, options.mediaDir);
      if (!files.ok) return { kind: 'rejected', reason: files.reason };
      const raw = await compose(mail, options.from, files.attachments);
      const connection = new SMTPConnection({ host: target.host, port: target.port, secure: target.secure, connectionTimeout: timeout, greetingTimeout: timeout, socketTimeout: timeout, logger: false });
      // Each step listens for errors itself; one after the last step, with no listener, would end the process.
      connection.on('error', () => undefined);
      let stage: SmtpStage = 'connect';
      try {
        await step<void>(connection, (done) => connection.connect((error) => done(error)));
        if (target.user !== null) await step<void>(connection, (done) => connection.login({ user: target.user!, pass: target.pass ?? '' }, (error) => done(error)));
        stage = 'send';
        await step(connection, (done) => connection.send({ from: envelopeFrom, to: [mail.to] }, raw, (error, info) => done(error, info)));
        connection.quit();
        return { kind: 'delivered', externalId: mail.messageId, url: null } satisfies DeliveryResult;
      } catch (error) {
        connection.close();
        return sortSmtpError(error, stage);
      }
    },
  };
}

async function attachmentsOf(mail: OutgoingMailRecord, mediaDir: string): Promise<{ ok: true; attachments: { filename: string; content: Buffer }[] } | { ok: false; reason: string }> {
  const out = [];
  for (const a of mail.attachments) {
    // Only a stored file's ref names a path under the media folder; anything else is not ours to read.
    const stored = storedMedia(a.ref);
    if (!stored) return { ok: false, reason: `attachment ${a.filename} is not a stored file (${a.ref})` };
    try {
      out.push({ filename: a.filename, content: await readFile(join(mediaDir, stored.ref)) });
    } catch {
      return { ok: false, reason: `attachment ${a.filename} is missing from media storage (${a.ref})` };
    }
  }
  return { ok: true, attachments: out };
}

function compose(mail: OutgoingMailRecord, from: string, attachments: { filename: string; content: Buffer }[]): Promise<Buffer> {
  return new MailComposer({
    from,
    to: mail.to,
    subject: mail.subject,
    text: mail.text,
    ...(mail.html ? { html: mail.html } : {}),
    // The one made when it was queued: a resend after an unknown outcome is the same mail to the reader's client.
    messageId: mail.messageId,
    ...(mail.inReplyTo ? { inReplyTo: mail.inReplyTo } : {}),
    ...(mail.references ? { references: mail.references } : {}),
    attachments,
    // A robot's mail, so that auto-responders do not answer it (RFC 3834): no loops.
    headers: { 'Auto-Submitted': mail.inReplyTo ? 'auto-replied' : 'auto-generated' },
  })
    .compile()
    .build();
}
