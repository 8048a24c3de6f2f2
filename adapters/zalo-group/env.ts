import type { Logger } from 'pino';
import type { SendMessageQuote } from 'zca-js';
import type { Deps } from '../../src/app/deps.js';
import type { ItemRecord, SubmissionRecord } from '../../src/app/ports.js';
import type { MediaStore } from '../../src/store/mediaFiles.js';
import type { Download } from '../../src/guardedFetch.js';
import type { SendResult } from './gateway.js';

/** The name submissions, identities and cards from Zalo groups carry. */
export const PLATFORM = 'zalo';

/** What the rest of the hub hears from the Zalo desk (the Telegram desk shows cards; admins get alerts). */
export interface ZaloDeskHooks {
  submitted(submission: SubmissionRecord): void;
  withdrawn(submission: SubmissionRecord): void;
  decided(item: ItemRecord): void;
  alert(text: string): void;
}

export interface ZaloDeskEnv {
  deps: Deps;
  log: Logger;
  media: MediaStore;
  portalBaseUrl: string;
  hooks: ZaloDeskHooks;
  /** Where the reviewers' cards go; null: reviewers on Zalo use /duyet and /tralai only. */
  reviewGroup: string | null;
  /** Downloads of pictures and files: only from Zalo's file hosts (ZALO_MEDIA_HOSTS). */
  download: Download;
  /** Tells the acknowledgements (and outcomes) not told yet, from the audit trail. */
  acknowledge(): Promise<void>;
  /** A message into a thread, paced, optionally quoting one; failures are logged by the desk. */
  say(threadId: string, text: string, quote?: SendMessageQuote | null, isGroup?: boolean): Promise<SendResult>;
}
