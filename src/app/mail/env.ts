import type { MediaStore } from '../../store/mediaFiles.js';
import type { SubmissionRecord } from '../ports.js';
import type { TicketEnv } from '../tickets/env.js';

/** The chat desk, told at once of news items that came by mail (without it, its sweep finds them within a minute). */
export interface MailDeskHooks {
  submitted(submission: SubmissionRecord): void;
  /** A follow-up mail made the next revision: the old card is out of date. */
  revised(before: SubmissionRecord, after: SubmissionRecord): void;
  /** A sender's mail about an item already in review or published: for the editors to consider. */
  toEditors(code: string, name: string, text: string, kind: 'change' | 'correction'): void;
}

/** What the mail use cases need besides the ticket environment (whose `deps` holds the store and clock). */
export interface MailEnv {
  tickets: TicketEnv;
  /** Where attachments are kept: the same storage and limits as chat intake. */
  media: MediaStore;
  /** MAIL_SUBMISSIONS_ADDRESS, lower-cased: mail to it is a news item. */
  submissionsAddress: string | null;
  /** The hub's own addresses: mail from them is never answered. */
  ownAddresses: readonly string[];
  /** Something a person must act on reaches the admins' chat. */
  alert: (text: string) => void;
  log: { info: (obj: object, msg: string) => void; warn: (obj: object, msg: string) => void; error: (obj: object, msg: string) => void };
  desk?: MailDeskHooks;
  random?: () => number;
}
