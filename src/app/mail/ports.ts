import type { DeliveryResult } from '../../core/delivery.js';

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

export type OutgoingMailState = 'pending' | 'sending' | 'sent' | 'failed';

/** A queued mail as the outbox holds it. */
export interface OutgoingMailRecord {
  id: string;
  purpose: string;
  to: string;
  subject: string;
  text: string;
  html: string | null;
  /** Made when it was queued: every attempt carries the same one. */
  messageId: string;
  inReplyTo: string | null;
  references: string | null;
  attachments: { filename: string; ref: string }[];
  state: OutgoingMailState;
  attempts: number;
  nextAttemptAt: Date;
  lastError: string | null;
  createdAt: Date;
  sentAt: Date | null;
}

/** What an attempt came to, written against the claim that made it. */
export type MailSettlement =
  | { state: 'sent'; at: Date }
  | { state: 'pending'; nextAttemptAt: Date; lastError: string }
  | { state: 'failed'; lastError: string };

/** What a mail read from the mailbox became (IncomingMail.became). */
export type IncomingBecame = 'ticket' | 'ticket-reply' | 'submission' | 'submission-revision' | 'ignored';

export interface IncomingMailRecord {
  /** The mail's Message-ID, or one made from mailbox, UIDVALIDITY and UID when it has none. */
  messageId: string;
  mailbox: string;
  uid: number;
  fromAddress: string;
  subject: string;
  receivedAt: Date;
  became: IncomingBecame;
  /** The ticket or submission it became or landed on. */
  subjectId: string | null;
}

/** Mail kept by the hub: the outbox of mails to send, and what was read from the mailbox. */
export interface MailStore {
  /**
   * Queues a mail for the mail worker; `queued: false` when one with this purpose is queued already.
   * Returns the Message-ID it will carry, for threading later mail to it.
   */
  queueMail(mail: MailToSend, at: Date): Promise<{ queued: boolean; messageId: string }>;
  /**
   * Claims up to `limit` mails that are due (pending and past their time, or left `sending` by a worker
   * whose lease ran out), oldest first. A claimed mail stays `pending` until `startMail`: a worker that dies
   * before it leaves nothing in doubt.
   */
  claimDueMails(now: Date, limit: number, token: string, leaseMs: number): Promise<OutgoingMailRecord[]>;
  /** The mail goes on the wire now: `sending`, and the attempt counted. False when the claim was lost. */
  /** Marks a claimed mail as on the wire, held by the claim until `leaseUntil`. */
  startMail(id: string, token: string, leaseUntil: Date): Promise<boolean>;
  /** The attempt's result; false when the claim was lost meanwhile (nothing written). */
  settleMail(id: string, token: string, settlement: MailSettlement): Promise<boolean>;
  outgoingMail(purpose: string): Promise<OutgoingMailRecord | null>;
  /** Mails we sent (or queued) carrying one of these Message-IDs: a reply names them. */
  outgoingByMessageIds(messageIds: readonly string[]): Promise<OutgoingMailRecord[]>;

  incomingMail(messageId: string): Promise<IncomingMailRecord | null>;
  /** Mails read earlier carrying one of these Message-IDs (a thread's earlier mails). */
  incomingByMessageIds(messageIds: readonly string[]): Promise<IncomingMailRecord[]>;
  /** Records a mail read; false when its Message-ID was taken before (read twice: taken once). */
  recordIncomingMail(mail: IncomingMailRecord): Promise<boolean>;
  /** The last UID taken from this mailbox at this UIDVALIDITY; 0 when none (a new UIDVALIDITY starts over). */
  mailCursor(mailbox: string, uidValidity: number): Promise<number>;
  setMailCursor(mailbox: string, uidValidity: number, uid: number): Promise<void>;
}

/** A mail read from the mailbox, as the hub needs it (adapters/mail/mapping.ts makes it). */
export interface MailIn {
  mailbox: string;
  uidValidity: number;
  uid: number;
  /** Null when the mail carries none. */
  messageId: string | null;
  from: { address: string; name: string } | null;
  to: string[];
  cc: string[];
  /** Where the mail server delivered it (the alias it was sent to, when To and Cc do not say). */
  deliveredTo: string[];
  subject: string;
  /** The text part, or the HTML part turned into text. */
  text: string;
  inReplyTo: string | null;
  references: string[];
  attachments: { filename: string; contentType: string; bytes: Buffer }[];
  /** An auto-reply, a bounce, a list or bulk mail: answering it could start a mail loop. */
  automatic: boolean;
  /** Over the size the reader takes: only its headers were read (no text, no attachments). */
  tooLarge: { bytes: number } | null;
  date: Date | null;
}

/** The portal's mailbox, read by UID after a cursor kept by the hub. */
export interface Mailbox {
  /** The mailbox's name, as records and cursors are keyed. */
  readonly name: string;
  /**
   * Hands the mails after the cursor (asked at the mailbox's current UIDVALIDITY) to `take`, oldest first,
   * one at a time, at most `limit`; returns how many. `take` returning means the mail is taken.
   */
  read(cursor: (uidValidity: number) => Promise<number>, take: (mail: MailIn) => Promise<void>, limit: number): Promise<number>;
}

/** Sends one queued mail; the result sorted by the adapter (adapters/mail/errors.ts), by code. */
export interface MailSender {
  send(mail: OutgoingMailRecord): Promise<DeliveryResult>;
  /** The longest one mail can be on the wire (its timeouts together); default MAIL_LEASE_MS. */
  readonly onWireMs?: number;
}
