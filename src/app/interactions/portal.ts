import { randomUUID } from 'node:crypto';
import type { InteractionRecord, InteractionSource } from '../../core/interactions/model.js';
import { portalInteractions, type FormSubmission } from '../../core/interactions/portalForm.js';
import type { Deps } from '../deps.js';
import type { PublicationRecord } from '../portalPorts.js';
import { receiveInteraction } from './moderation.js';
import type { RatingSummary } from './ports.js';

/** The newest this many show under an article; the interactions page has the rest (the article stays as quick with 500). */
export const ARTICLE_CONVERSATION = 20;
export const INTERACTIONS_PAGE = 20;

export interface Conversation {
  /** Published comments and their answers, oldest first (a conversation reads down). */
  shown: InteractionRecord[];
  /** More than these were published: the page links to the rest. */
  more: boolean;
  rating: RatingSummary;
  shares: { source: InteractionSource; count: number }[];
}

export async function articleConversation(deps: Deps, itemId: string): Promise<Conversation> {
  const [page, rating, shares] = await Promise.all([deps.store.recentPublic({ limit: ARTICLE_CONVERSATION, itemId }), deps.store.ratingOfItem(itemId), deps.store.sharesOfItem(itemId)]);
  // The newest by arrival; shown in the order they were written.
  const shown = [...page.rows].sort((a, b) => a.occurredAt.getTime() - b.occurredAt.getTime() || a.receivedAt.getTime() - b.receivedAt.getTime());
  return { shown, more: page.next !== null, rating, shares: shares.filter((s) => s.count > 0) };
}

export interface PublicInteraction {
  record: InteractionRecord;
  /** The article it sits under, when it does and is still published. */
  publication: PublicationRecord | null;
}

/**
 * Published interactions, newest first, a page at a time: across sites, from one source, or under
 * one article (`code`; null `item` when no such article is live).
 */
export async function publicInteractions(deps: Deps, q: { limit: number; before?: string | null; source?: InteractionSource | null; code?: string | null }): Promise<{ rows: PublicInteraction[]; next: string | null; item: PublicationRecord | null }> {
  let item: PublicationRecord | null = null;
  if (q.code) {
    item = await deps.store.publicationByCode(q.code.toUpperCase());
    if (!item || item.takenDownAt) return { rows: [], next: null, item: null };
  }
  const page = await deps.store.recentPublic({ limit: q.limit, before: q.before ?? null, source: q.source ?? null, itemId: item?.itemId ?? null });
  const codes = [...new Set(page.rows.flatMap((r) => (r.code ? [r.code] : [])))];
  const publications = new Map((codes.length ? await deps.store.publicationsByCodes(codes) : []).filter((p) => !p.takenDownAt).map((p) => [p.code, p]));
  // What was said under an article taken down goes with it; the rows stay on record.
  const live = page.rows.filter((record) => record.code === null || publications.has(record.code));
  return { rows: live.map((record) => ({ record, publication: (record.code && publications.get(record.code)) || null })), next: page.next, item };
}

/** A citizen's post under a live article, stored as the portal's interaction with an id of its own. */
export async function takePortalFeedback(deps: Deps, code: string, submission: FormSubmission): Promise<InteractionRecord> {
  const taken: InteractionRecord[] = [];
  for (const event of portalInteractions(submission, code, { comment: randomUUID(), rating: randomUUID() }, deps.clock())) taken.push((await receiveInteraction(deps, event)).record);
  const [first] = taken;
  if (!first) throw new Error('a checked form holds a comment or a rating');
  return first;
}
