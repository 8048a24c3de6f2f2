import type { Logger } from 'pino';
import type { ChatDeskHooks } from '../../src/app/chatPorts.js';
import type { Deps } from '../../src/app/deps.js';
import type { MediaStore } from '../../src/store/mediaFiles.js';
import type { Download } from '../../src/guardedFetch.js';
import type { BotFailure } from './errors.js';

/** The name submissions, identities and cards from the official Zalo bot carry (its user ids are not the personal account's). */
export const PLATFORM = 'zalo-bot';

/** `missing`: pieces of a long message that did not go out after the first did (logged; not sent again). */
export type BotSendResult = { kind: 'sent'; messageId: string; missing?: number } | BotFailure;

export interface ZaloBotEnv {
  deps: Deps;
  log: Logger;
  media: MediaStore;
  portalBaseUrl: string;
  hooks: ChatDeskHooks;
  /** Where review cards go; null: no cards on Zalo (reviewers decide on Telegram, or by command with a card's tag). */
  reviewChat: string | null;
  download: Download;
  /** Tells the acknowledgements and outcomes not told yet, from the audit trail. */
  acknowledge(): Promise<void>;
  /** One message into a chat, paced and within the send budget; failures are logged by the desk. For notices, which stay owed when not sent. */
  say(chatId: string, text: string): Promise<BotSendResult>;
  /** An answer to a person: with the budget spent it waits for room in the background (never dropped silently). */
  reply(chatId: string, text: string): Promise<void>;
}
