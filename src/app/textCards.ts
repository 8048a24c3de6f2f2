import { mediaWarning } from '../core/mediaRef.js';
import type { Deps } from './deps.js';
import type { CardRecord, ItemRecord, QueueCursor, QueuePage } from './ports.js';

/**
 * Review cards as plain text, for chat platforms without buttons (both Zalo desks): every item waiting
 * at a step has one current card in the review chat; a decision or an edit makes it stale, and the
 * next sweep closes it and posts the new one.
 */

const EXCERPT = 400;
/** Items a sweep reads at once: the open cards of a page come in one query. */
const SWEEP_PAGE = 200;

/** What a text card shows of the item: its summary (or body) cut short, how many files, and a warning for files the portal cannot show. */
export function cardParts(item: ItemRecord): { excerpt: string; files: number; warning: string | null } {
  const text = (item.revision.summary || item.revision.body).trim();
  return {
    excerpt: text.length > EXCERPT ? `${text.slice(0, EXCERPT)}…` : text,
    files: item.revision.mediaRefs.length,
    warning: mediaWarning('vi', item.revision.mediaRefs.map((ref) => ({ ref }))),
  };
}

/** Whether a card still shows the item as it stands (same step, same revision). */
export const isCurrentCard = (card: CardRecord, item: ItemRecord) => card.step === item.step && card.revisionHash === item.revision.contentHash;

/**
 * Posts the missing cards into `chatId` and closes the stale ones; returns how many it posted. `post`
 * sends one card and answers its message id, or null when it was not sent: the sweep then stops (the
 * next one tries again), so a failing chat or a spent budget costs one try, not one per item.
 */
export async function sweepTextCards(deps: Deps, platform: string, chatId: string, post: (item: ItemRecord) => Promise<string | null>): Promise<number> {
  const { store, clock } = deps;
  let posted = 0;
  // A page of the queue at a time, with its open cards in one read: a backlog of thousands is neither held nor read row by row.
  for (let after: QueueCursor | null = null, first = true; first || after; first = false) {
    const page: QueuePage<ItemRecord> = await store.itemsInReviewPage(after, SWEEP_PAGE);
    after = page.next;
    const cards = (await store.openCardsOf(platform, page.rows.map((i) => i.id))).filter((c) => c.kind === 'card');
    for (const item of page.rows) {
      const open = cards.filter((c) => c.subjectId === item.id);
      for (const stale of open.filter((c) => !isCurrentCard(c, item))) await store.closeCard(stale.id, clock());
      if (open.some((c) => isCurrentCard(c, item))) continue;
      const messageId = await post(item);
      if (messageId === null) return posted;
      await store.addCard(
        { id: `${platform}:${chatId}:${messageId}`, platform, chatId, messageId, kind: 'card', subjectType: 'item', subjectId: item.id, code: item.code, step: item.step, revisionHash: item.revision.contentHash, action: null, personId: null, previewId: null },
        clock(),
      );
      posted += 1;
    }
  }
  return posted;
}
