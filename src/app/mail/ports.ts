/** A mail to send; `purpose` names what it is about, so queueing it twice sends it once. */
export interface MailToSend {
  /** e.g. `ticket:HD-2026-00042:received`, `consultation:<id>:summary`. */
  purpose: string;
  to: string;
  subject: string;
  text: string;
  html?: string | null;
  /** Threading: the Message-ID this answers, and the thread's chain. */
  inReplyTo?: string | null;
  references?: string | null;
  /** Stored files (media refs, src/core/mediaRef.ts) to attach, with the name the reader sees. */
  attachments?: { filename: string; ref: string }[];
}

/** Mail kept by the hub: the outbox of mails to send, and what was read from the mailbox (the mail work adds the rest). */
export interface MailStore {
  /**
   * Queues a mail for the mail worker; `queued: false` when one with this purpose is queued already.
   * Returns the Message-ID it will carry, for threading later mail to it.
   */
  queueMail(mail: MailToSend, at: Date): Promise<{ queued: boolean; messageId: string }>;
}
