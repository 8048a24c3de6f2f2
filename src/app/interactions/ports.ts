import type { InboundInteraction, InteractionRecord, InteractionSource, InteractionState, RatingScores } from '../../core/interactions/model.js';
import type { AuditEntry } from '../ports.js';

/** Where an interaction sits: the mirrored item and channel it was found under. */
export interface MirrorPlace {
  itemId: string;
  code: string;
  siteId: string;
  channelId: string;
  externalId: string;
}

export type InteractionChange = 'created' | 'edited' | 'removed' | 'none';

/** A moderator's decision as the store writes it (the rules in core decided it). */
export interface InteractionDecision {
  state: InteractionState;
  /** Checked in the write: a decision made on a stale view changes nothing. */
  fromState: InteractionState;
  reason?: string | null;
  publicText?: string | null;
  answerText?: string | null;
  actorId: string;
  at: Date;
}

/** A call owed to a platform about an interaction: post the reply, hide the comment. */
export type PlatformActionKind = 'reply' | 'hide';
export type PlatformActionState = 'pending' | 'inFlight' | 'done' | 'rejected' | 'unknown';

export interface PlatformActionRecord {
  id: string;
  interactionId: string;
  action: PlatformActionKind;
  channelId: string;
  text: string | null;
  state: PlatformActionState;
  attempts: number;
  nextAttemptAt: Date;
  callStartedAt: Date | null;
  externalId: string | null;
  lastError: string | null;
  createdAt: Date;
  doneAt: Date | null;
}

export interface PublicPage<T> {
  rows: T[];
  /** For the next page (older rows), or null at the end. */
  next: string | null;
}

export interface RatingSummary {
  count: number;
  mean: number | null;
  byAspect: Partial<Record<keyof RatingScores, { count: number; mean: number }>>;
}

export interface InteractionStore {
  /**
   * Stores a new interaction, or applies a platform's edit or removal to the one stored (with its audit
   * row), in one transaction. The same event twice is one record and `none` the second time.
   */
  takeInteraction(event: InboundInteraction, place: Omit<MirrorPlace, 'externalId'> | null, initial: { state: InteractionState; publicText: string | null }, at: Date): Promise<{ record: InteractionRecord; change: InteractionChange }>;
  interactionById(id: string): Promise<InteractionRecord | null>;
  /** Writes the decision, the platform call it implies and the audit row at once; null when the state moved meanwhile. */
  decideInteraction(id: string, decision: InteractionDecision, action: { action: PlatformActionKind; channelId: string; text: string | null } | null, audit: AuditEntry): Promise<InteractionRecord | null>;

  /** The mirrored post (delivered) with this id on a platform, if the hub made it. */
  mirrorPlace(platform: string, externalId: string): Promise<MirrorPlace | null>;
  /** Posts delivered to a channel since `since`, newest first: what pollers read. */
  recentMirrors(channelId: string, since: Date, limit: number): Promise<MirrorPlace[]>;

  /** New, or edited since a card went out, with no card yet; oldest first. */
  unannounced(limit: number): Promise<InteractionRecord[]>;
  /** Marks them announced, but not one edited since `readAt` (when the card's text was read): that one is owed a card again. */
  markAnnounced(ids: readonly string[], at: Date, readAt?: Date): Promise<void>;
  /** Waiting for a moderator (new, or published without an answer where one is owed), oldest first. */
  awaitingModeration(limit: number): Promise<InteractionRecord[]>;

  /** Published interactions of one item, oldest first (a conversation reads down). */
  publicOfItem(itemId: string, limit: number): Promise<InteractionRecord[]>;
  ratingOfItem(itemId: string): Promise<RatingSummary>;
  /** Published interactions across sites (or under one item), newest first, a page at a time. */
  recentPublic(options: { limit: number; before?: string | null; siteId?: string | null; source?: string | null; itemId?: string | null }): Promise<PublicPage<InteractionRecord>>;

  /** Platform calls due now (pending, or in flight with a lapsed lease), oldest first. */
  dueActions(now: Date, limit: number): Promise<PlatformActionRecord[]>;
  claimAction(id: string, token: string, now: Date, leaseMs: number): Promise<boolean>;
  /** Recorded before a call that may post; false when the claim is lost. */
  markActionStarted(id: string, token: string, at: Date): Promise<boolean>;
  settleAction(id: string, token: string, settlement: { state: PlatformActionState; nextAttemptAt?: Date; externalId?: string | null; lastError?: string | null; at: Date }, audit: AuditEntry | null): Promise<boolean>;
  actionsOf(interactionId: string): Promise<PlatformActionRecord[]>;

  /** The share count a platform reports for a mirrored post; one row per post, updated in place. */
  recordShares(source: InteractionSource, place: MirrorPlace, count: number, at: Date): Promise<void>;
  /** Share counts of an item's mirrors, by source. */
  sharesOfItem(itemId: string): Promise<{ source: InteractionSource; count: number }[]>;

  /** Small state of pollers (a page token, the last comment seen, share counts). */
  cursor(key: string): Promise<string | null>;
  setCursor(key: string, value: string, at: Date): Promise<void>;
}
