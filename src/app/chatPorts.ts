import type { TextPart } from '../core/chatIntake.js';
import type { SubmitterOutcome } from '../core/outcomes.js';
import type { AuditEntry, ItemRecord, SubmissionRecord } from './ports.js';

/** What the rest of the hub hears from a chat desk other than Telegram's (the Telegram desk shows cards; admins get alerts). */
export interface ChatDeskHooks {
  submitted(submission: SubmissionRecord): void;
  withdrawn(submission: SubmissionRecord): void;
  /** The sender took a part back (a recalled photo): the cards showing the submission as it was are replaced. */
  revised?(before: SubmissionRecord, after: SubmissionRecord): void;
  decided(item: ItemRecord): void;
  alert(text: string): void;
}

/** What a sender is to be told: an outcome of their submission, at its place in the audit trail. */
export interface SubmitterNotice {
  seq: number;
  outcome: SubmitterOutcome;
  /** The item's code, or the submission's while it has no item. */
  code: string;
  note: string | null;
  submission: SubmissionRecord;
}

/**
 * active: listening; disconnected: trying again by itself; heldOff: another session took the account
 * twice, so it waits for an admin's `zalo resume`; needsLogin: a person must sign in again.
 */
export type ChatAccountState = 'active' | 'disconnected' | 'heldOff' | 'needsLogin';
const CHAT_ACCOUNT_STATES: readonly string[] = ['active', 'disconnected', 'heldOff', 'needsLogin'] satisfies readonly ChatAccountState[];
export const isChatAccountState = (state: string): state is ChatAccountState => CHAT_ACCOUNT_STATES.includes(state);

/** A personal chat account the hub signs in as; `credentials` is sealed and unsealed only by its adapter. */
export interface ChatAccountRecord {
  key: string;
  platform: string;
  accountId: string | null;
  credentials: string;
  state: ChatAccountState;
  lastError: string | null;
  updatedAt: Date;
}

/** What chat desks other than Telegram's keep: their sign-in, their place in the decisions, recalls. */
export interface ChatStore {
  /** Outcomes for submissions from `channel` after audit row `afterSeq`; `lastSeq` is the last row read, whatever it was. */
  outcomesAfter(channel: string, afterSeq: number, limit: number): Promise<{ notices: SubmitterNotice[]; lastSeq: number }>;
  auditHeadSeq(): Promise<number>;
  chatCursor(key: string): Promise<number | null>;
  setChatCursor(key: string, seq: number): Promise<void>;
  /** Forgets the cursors whose key starts with `prefix` and whose seq is at most `upTo`. */
  dropChatCursors(prefix: string, upTo: number): Promise<void>;

  chatAccount(key: string): Promise<ChatAccountRecord | null>;
  saveChatAccount(account: Omit<ChatAccountRecord, 'state' | 'lastError'>, audit: AuditEntry): Promise<void>;
  setChatAccountState(key: string, state: ChatAccountState, lastError: string | null, at: Date): Promise<void>;

  /** The submission a chat message belongs to (any of its messages). */
  submissionByMessage(channel: string, chatId: string, messageId: string): Promise<SubmissionRecord | null>;
  /** Moves a submission from `received` to `withdrawn`; false when it had already moved on. */
  withdrawSubmission(id: string, audit: AuditEntry): Promise<boolean>;

  /**
   * The sender's answer or edit: the next revision, back in `received`, only if the submission is
   * still at `fromRevision` and waiting for intake or for information; null when it moved on.
   */
  reviseSubmission(id: string, fromRevision: number, change: SubmissionChange, audit: AuditEntry): Promise<SubmissionRecord | null>;
  /**
   * A recalled message taken out of the submission (its text part, its files, its id), in the state it
   * is in (received, needsInfo or accepted), only if it is still at `fromRevision`; null when it moved on.
   */
  removeSubmissionPart(id: string, fromRevision: number, change: SubmissionPartRemoval, audit: AuditEntry): Promise<SubmissionRecord | null>;
  /** Remembers a message the bot sent about the submission (receipt, outcome), so a reply to it finds it. */
  addSubmissionNotice(id: string, messageId: string): Promise<void>;
  /** The submissions a bot message speaks of (a merged receipt may speak of several). */
  submissionsByNotice(channel: string, chatId: string, messageId: string): Promise<SubmissionRecord[]>;

  /** What a chat account's send log holds at `since` or later (sends and budget alerts), oldest first. */
  chatSendLog(accountKey: string, since: Date): Promise<ChatSendEntry[]>;
  /** Adds to the send log, and forgets the account's entries older than `forgetBefore` (the log stays a day long). */
  addChatSendLog(accountKey: string, entry: ChatSendEntry, forgetBefore: Date): Promise<void>;

  /** The chat id the configuration knows a chat by, when the chat continues another (an upgraded group). */
  chatAliasOf(platform: string, chatId: string): Promise<string | null>;
  /** Records that `chatId` continues `aliasOf`; false when it was already known. */
  addChatAlias(platform: string, chatId: string, aliasOf: string, audit: AuditEntry): Promise<boolean>;
}

/** A message a chat account sent (`sent`), or an alert that its budget was tight (`alert:hour`, `alert:day`). */
export interface ChatSendEntry {
  kind: string;
  at: Date;
}

/** A new revision of a submission: its text, files and the message that brought the change. */
export interface SubmissionChange {
  rawText: string;
  textParts: TextPart[];
  attachments: SubmissionRecord['attachments'];
  /** Added to the submission's messages (an answer); an edit of a known message adds nothing. */
  messageId: string | null;
}

/** What is left of a submission once a recalled message is taken out. */
export interface SubmissionPartRemoval {
  messageId: string;
  rawText: string;
  textParts: TextPart[];
  attachments: SubmissionRecord['attachments'];
}
