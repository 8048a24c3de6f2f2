/**
 * Interactions, pure: what the public sends back, the states a moderator moves it through, and what
 * of it the public may see. No I/O, no clock: times come in as values.
 */

export const INTERACTION_SOURCES = ['portal', 'facebook', 'youtube', 'zalo-oa'] as const;
export type InteractionSource = (typeof INTERACTION_SOURCES)[number];
export const isInteractionSource = (value: string): value is InteractionSource => (INTERACTION_SOURCES as readonly string[]).includes(value);

/** `reaction`: a follower's reaction to a message (Zalo OA), kept on record, never a card. `shares` is a count a platform reports for a mirrored post, refreshed on a schedule. */
export const INTERACTION_KINDS = ['comment', 'reply', 'message', 'reaction', 'rating', 'shares'] as const;
export type InteractionKind = (typeof INTERACTION_KINDS)[number];

/** `ticket`: turned into a question or complaint (completed by the tickets issue). */
export const INTERACTION_STATES = ['new', 'published', 'answered', 'hidden', 'ticket'] as const;
export type InteractionState = (typeof INTERACTION_STATES)[number];

/** The four aspects the rules name for ratings. */
export const RATING_ASPECTS = ['content', 'interface', 'quality', 'support'] as const;
export type RatingAspect = (typeof RATING_ASPECTS)[number];
export type RatingScores = Partial<Record<RatingAspect, number>>;

/** What a source reports: one event about one interaction on its platform. */
export interface InboundInteraction {
  source: InteractionSource;
  kind: InteractionKind;
  /** The platform's own id of the interaction; with the source it makes the record unique. */
  externalId: string;
  /** `edited` and `remove` arrive after (or, out of order, before) the `add`. */
  verb: 'add' | 'edited' | 'remove';
  parentExternalId?: string | null;
  /** The post, video or article it sits under; finds the item and channel. */
  mirrorExternalId?: string | null;
  /** The item's tracking code, where the source knows it (the portal form under an article). */
  itemCode?: string | null;
  /** The channel it came through, where the source knows it (a Zalo OA follower's message). */
  channelId?: string | null;
  /**
   * The platform account it reached (a Zalo OA's id, a Page's id), where the source knows no
   * channel: the hub's channel of that platform and account is looked up when it is stored.
   */
  channelAccount?: string | null;
  authorName: string | null;
  authorRef: string | null;
  text: string;
  rating?: RatingScores | null;
  count?: number | null;
  occurredAt: Date;
}

export interface HistoryEntry {
  verb: 'edited' | 'remove';
  at: string;
  text: string;
}

export interface InteractionRecord {
  id: string;
  sourceKey: string;
  source: InteractionSource;
  kind: InteractionKind;
  externalId: string;
  parentExternalId: string | null;
  mirrorExternalId: string | null;
  channelId: string | null;
  itemId: string | null;
  code: string | null;
  siteId: string | null;
  authorName: string | null;
  authorRef: string | null;
  text: string;
  publicText: string | null;
  rating: RatingScores | null;
  ratingMean: number | null;
  count: number | null;
  occurredAt: Date;
  receivedAt: Date;
  editedAt: Date | null;
  removedAt: Date | null;
  history: HistoryEntry[];
  state: InteractionState;
  reason: string | null;
  decidedById: string | null;
  decidedAt: Date | null;
  answerText: string | null;
  answeredById: string | null;
  answeredAt: Date | null;
  announcedAt: Date | null;
}

export const sourceKeyOf = (source: InteractionSource, externalId: string): string => `${source}:${externalId}`;

/** Scores outside 1–5 are no scores; a rating with none is no rating. */
export function cleanRating(scores: Record<string, unknown> | null | undefined): RatingScores | null {
  if (!scores) return null;
  const out: RatingScores = {};
  for (const aspect of RATING_ASPECTS) {
    const v = Number(scores[aspect]);
    if (Number.isInteger(v) && v >= 1 && v <= 5) out[aspect] = v;
  }
  return Object.keys(out).length ? out : null;
}

export function ratingMean(scores: RatingScores | null): number | null {
  const values = Object.values(scores ?? {}).filter((v): v is number => typeof v === 'number');
  return values.length ? values.reduce((a, b) => a + b, 0) / values.length : null;
}

/** What a moderator may do. `answer` carries the text posted back where the interaction came from. */
export type ModerationCommand =
  | { type: 'publish' }
  | { type: 'answer'; text: string }
  | { type: 'hide'; reason: string }
  | { type: 'toTicket' };

export type ModerationRefusal = 'interaction_hidden' | 'interaction_ticket' | 'reason_required' | 'answer_required' | 'answer_too_long' | 'nothing_to_publish' | 'already_answered';

/** Replies longer than this are refused before any platform sees them (YouTube and Zalo cap near it). */
export const MAX_ANSWER_CHARS = 2_000;

/** The state a command leads to, or why not. Hiding is final for people; the record stays. */
export function moderate(current: Pick<InteractionRecord, 'state' | 'text' | 'kind' | 'answerText'>, command: ModerationCommand): { ok: true; state: InteractionState } | { ok: false; reason: ModerationRefusal } {
  if (current.state === 'hidden') return { ok: false, reason: 'interaction_hidden' };
  if (current.state === 'ticket') return { ok: false, reason: 'interaction_ticket' };
  switch (command.type) {
    case 'publish':
      if (current.text.trim() === '' && current.kind !== 'rating') return { ok: false, reason: 'nothing_to_publish' };
      return { ok: true, state: current.state === 'answered' ? 'answered' : 'published' };
    case 'answer': {
      const text = command.text.trim();
      if (text === '') return { ok: false, reason: 'answer_required' };
      if (text.length > MAX_ANSWER_CHARS) return { ok: false, reason: 'answer_too_long' };
      if (current.answerText !== null) return { ok: false, reason: 'already_answered' };
      return { ok: true, state: 'answered' };
    }
    case 'hide':
      if (command.reason.trim() === '') return { ok: false, reason: 'reason_required' };
      return { ok: true, state: 'hidden' };
    case 'toTicket':
      return { ok: true, state: 'ticket' };
  }
}

/** What a platform event does to a record already stored (duplicates and replays change nothing). */
export function applyPlatformChange(record: Pick<InteractionRecord, 'text' | 'removedAt' | 'history'>, event: Pick<InboundInteraction, 'verb' | 'text' | 'occurredAt'>, at: Date): { text: string; editedAt?: Date; removedAt?: Date; history: HistoryEntry[] } | null {
  if (event.verb === 'add') return null;
  if (event.verb === 'remove') {
    if (record.removedAt) return null;
    return { text: record.text, removedAt: at, history: [...record.history, { verb: 'remove', at: at.toISOString(), text: record.text }] };
  }
  if (event.text === record.text) return null;
  return { text: event.text, editedAt: at, history: [...record.history, { verb: 'edited', at: at.toISOString(), text: record.text }] };
}

/**
 * Answering a comment lets the pair out: the comment is public on its platform already, or was written for
 * the portal. A private message (to the Zalo OA) is answered privately; a moderator publishes it on purpose.
 */
export const answerPublishes = (r: Pick<InteractionRecord, 'kind'>): boolean => r.kind !== 'message';

/**
 * Direction overrides and invisible marks let a name or a comment read differently from what it holds
 * (an override reverses what follows it); what people read is shown without them. Joiners inside emoji stay.
 */
export const withoutControls = (text: string): string => text.replace(/[\u200B\u200E\u200F\u202A-\u202E\u2066-\u2069\uFEFF]/g, '');

/** How the author is named in public: private messages are named by channel only (a follower's name is theirs). */
export function publicAuthor(r: Pick<InteractionRecord, 'source' | 'kind' | 'authorName'>): string | null {
  if (r.kind === 'message') return null;
  const name = withoutControls(r.authorName ?? '').trim();
  return name === '' ? null : name.slice(0, 80);
}

/** Roles that moderate a site's interactions: its desk, not its collaborators or technical team. */
export const MODERATOR_ROLES: readonly string[] = ['editor', 'secretary', 'deputy', 'head', 'admin'];
