import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import type { WebhookSource } from '../../src/app/interactions/webhooks.js';
import type { InboundInteraction } from '../../src/core/interactions/model.js';

/**
 * Meta's Page webhook: the signature of the raw body, and what a verified body says about comments.
 * Shapes from Meta's "Webhooks for Pages" (field `feed`, item `comment`) and recorded payloads;
 * tests/fixtures/facebook holds them.
 */

const SIGNATURE = /^sha256=([0-9a-f]{64})$/i;

/** Whether `header` is `sha256=<hex HMAC-SHA256(appSecret, rawBody)>`, compared in constant time. */
export function verifyHubSignature(rawBody: Buffer, header: string | undefined | null, appSecret: string): boolean {
  const given = SIGNATURE.exec(header?.trim() ?? '');
  if (!given) return false;
  const expected = createHmac('sha256', appSecret).update(rawBody).digest();
  return timingSafeEqual(expected, Buffer.from(given[1]!.toLowerCase(), 'hex'));
}

/** Whether a header can be a signature at all: a body without one is refused before it is read. */
export const looksSigned = (header: string | undefined | null): boolean => SIGNATURE.test(header?.trim() ?? '');

/** Equal strings in constant time (the verify token): both are hashed first, so their lengths tell nothing. */
export function sameSecret(given: string, expected: string): boolean {
  const digest = (s: string) => createHash('sha256').update(s, 'utf8').digest();
  return timingSafeEqual(digest(given), digest(expected));
}

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: unknown): string | null => (typeof v === 'string' && v !== '' ? v : typeof v === 'number' ? String(v) : null);
const VERBS = new Set(['add', 'edited', 'remove']);

/**
 * One change of a Page's feed as an interaction, or null when it is none of ours: not a comment, a
 * verb we do not keep (`hide`, `unhide`), or written by the Page itself (our own replies come back
 * through the same feed; `pageId` is the entry's id, the Page the change happened on).
 */
export function commentChange(pageId: string, value: unknown, entryTime: number | null = null): InboundInteraction | null {
  if (!isObject(value) || value.item !== 'comment' || typeof value.verb !== 'string' || !VERBS.has(value.verb)) return null;
  const commentId = str(value.comment_id);
  const postId = str(value.post_id);
  if (!commentId || !postId) return null;
  const from = isObject(value.from) ? value.from : {};
  const authorRef = str(from.id);
  if (authorRef !== null && authorRef === pageId) return null;
  const parentId = str(value.parent_id);
  // A top-level comment's parent is the post; a reply's is the comment it answers.
  const isReply = parentId !== null && parentId !== postId;
  // Epoch seconds; the entry's own time (seconds here, milliseconds in some Messenger entries) stands in where a change has none.
  const seconds = [Number(value.created_time), Number(entryTime)].filter((n) => Number.isFinite(n) && n > 0).map((n) => (n > 1e11 ? n / 1000 : n))[0] ?? 0;
  return {
    source: 'facebook',
    kind: isReply ? 'reply' : 'comment',
    externalId: commentId,
    verb: value.verb as InboundInteraction['verb'],
    parentExternalId: parentId ?? postId,
    mirrorExternalId: postId,
    // The Page it happened on: an event of a Page the hub is not connected to is no concern of ours.
    channelAccount: pageId,
    authorName: str(from.name),
    authorRef,
    // A removal carries no message: the record keeps the text it had.
    text: typeof value.message === 'string' ? value.message : '',
    occurredAt: new Date(seconds * 1000),
  };
}

/** A verified body from Meta: `object: page`, entries of changes; anything else holds no interactions. */
export function facebookEvents(payload: unknown): InboundInteraction[] {
  if (!isObject(payload) || payload.object !== 'page' || !Array.isArray(payload.entry)) return [];
  const out: InboundInteraction[] = [];
  for (const entry of payload.entry) {
    if (!isObject(entry) || !Array.isArray(entry.changes)) continue;
    const pageId = str(entry.id) ?? '';
    for (const change of entry.changes) {
      if (!isObject(change) || change.field !== 'feed') continue;
      const event = commentChange(pageId, change.value, typeof entry.time === 'number' ? entry.time : null);
      if (event) out.push(event);
    }
  }
  return out;
}

/** The Page webhook as a source of the durable inbox. */
export const facebookWebhookSource: WebhookSource = { prefix: 'webhook:facebook:', events: facebookEvents };
