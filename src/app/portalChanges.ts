import { mergeTouches, publicationTags, TAG, touchOf, type Touch } from '../core/portal/changes.js';
import type { Deps } from './deps.js';

/** More rows than this since the last look (a bulk import, a long pause): drop everything rather than read them all. */
export const CHANGE_ROWS_BOUND = 500;
/** More publications or interactions than this to look up: the same. */
const LOOKUP_BOUND = 100;

/** What moved after a seq: the head now and the tags to drop (or all). */
export interface PortalChange {
  seq: number;
  drop: 'all' | string[];
}

type Store = Pick<Deps['store'], 'changeStamp' | 'auditRowsBetween' | 'publicationsByCodes' | 'interactionById'>;

const parsed = (data: string): Record<string, unknown> => {
  try {
    const value: unknown = JSON.parse(data);
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
  } catch {
    return {};
  }
};

/** Where the touched publications and interactions are shown, read from the database. */
async function resolve(store: Store, touch: Extract<Touch, { kind: 'some' }>): Promise<'all' | string[]> {
  if (touch.publications.length + touch.interactions.length > LOOKUP_BOUND) return 'all';
  const tags = new Set(touch.tags);
  const codes = new Set(touch.publications);
  for (const id of touch.interactions) {
    const record = await store.interactionById(id);
    if (record?.code) tags.add(TAG.item(record.code));
  }
  const found = touch.publications.length ? await store.publicationsByCodes([...codes]) : [];
  for (const p of found) for (const t of publicationTags(p)) tags.add(t);
  // A take-down of an item never published, or a code gone: its own page (a 404 is not kept anyway).
  for (const code of codes) tags.add(TAG.item(code));
  return [...tags];
}

/**
 * The page cache's view of the audit trail: the head (one row) and, when it moved, the rows since,
 * each mapped to what it touches (src/core/portal/changes.ts). A write nobody outside sees drops
 * nothing; a publication drops its article, its lists, feeds, search and sitemap pages.
 */
export async function portalChangesAfter(store: Store, afterSeq: number | null, bound = CHANGE_ROWS_BOUND): Promise<PortalChange> {
  const seq = await store.changeStamp();
  if (afterSeq === null) return { seq, drop: 'all' };
  if (seq === afterSeq) return { seq, drop: [] };
  // Going back (a restored backup) or too far ahead: nothing kept can be trusted.
  if (seq < afterSeq || seq - afterSeq > bound) return { seq, drop: 'all' };
  const rows = await store.auditRowsBetween(afterSeq, seq, bound);
  // Every seq up to the head is written with it; a gap is a trail this reading does not understand.
  if (rows.length !== seq - afterSeq) return { seq, drop: 'all' };
  const touch = mergeTouches(rows.map((r) => touchOf({ action: r.action, subjectType: r.subjectType, subjectId: r.subjectId, data: parsed(r.data) })));
  if (touch.kind === 'all') return { seq, drop: 'all' };
  return { seq, drop: await resolve(store, touch) };
}
