import type { Logger } from 'pino';
import type { SendMessageQuote } from 'zca-js';
import type { Deps } from '../../src/app/deps.js';
import type { ChatDeskHooks } from '../../src/app/chatPorts.js';
import type { MediaStore } from '../../src/store/mediaFiles.js';
import type { Download } from '../../src/guardedFetch.js';
import type { SendBudgetGate } from '../../src/app/sendBudget.js';
import type { SendResult } from './gateway.js';

/** The name submissions, identities and cards from Zalo groups carry. */
export const PLATFORM = 'zalo';

/** What the rest of the hub hears from the Zalo desk. */
export type ZaloDeskHooks = ChatDeskHooks;

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
  /**
   * A message into a thread, paced, optionally quoting one; failures are logged by the desk. With the
   * send budget spent it waits for room, answering QUEUED_FOR_BUDGET at once; `ifFree`: it is not sent
   * then (retryLater), for what a later run sends again (review cards, by the sweep).
   */
  say(threadId: string, text: string, quote?: SendMessageQuote | null, isGroup?: boolean, options?: { ifFree?: boolean }): Promise<SendResult>;
  /**
   * A notice read from the audit trail (acknowledgement, outcome): goes before replies waiting, and is
   * answered retryLater at once when the send budget is spent (it stays owed, told at a later run).
   */
  tell(threadId: string, text: string, quote?: SendMessageQuote | null): Promise<SendResult>;
  /** The account's hourly and daily send budget (`zalo status` shows it; tight: notices are merged). */
  budget: SendBudgetGate;
}
