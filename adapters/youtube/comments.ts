import type { youtube_v3 } from '@googleapis/youtube';
import type { InboundInteraction } from '../../src/core/interactions/model.js';

/**
 * YouTube comments as interactions, pure. A thread is its top-level comment (kind `comment`) and the
 * replies it carries (kind `reply`, under the top-level comment's id); each comment's id is its
 * externalId and the video its mirror.
 */

/** The channel's own words (our replies) are not the public's: the video's channel wrote them. */
const byVideoChannel = (c: youtube_v3.Schema$Comment, videoChannelId: string | null): boolean => {
  const author = c.snippet?.authorChannelId?.value ?? null;
  return author !== null && author === (c.snippet?.channelId ?? videoChannelId);
};

/** The comment as an interaction, or null when it is ours or lacks what a record needs. */
export function commentEvent(c: youtube_v3.Schema$Comment, options: { videoId: string; channelId: string; videoChannelId: string | null; verb?: 'add' | 'edited' }): InboundInteraction | null {
  const s = c.snippet;
  if (!c.id || !s?.publishedAt || byVideoChannel(c, options.videoChannelId)) return null;
  const occurredAt = new Date(s.publishedAt);
  if (Number.isNaN(occurredAt.getTime())) return null;
  const parent = s.parentId ?? null;
  return {
    source: 'youtube',
    kind: parent ? 'reply' : 'comment',
    externalId: c.id,
    verb: options.verb ?? 'add',
    parentExternalId: parent,
    mirrorExternalId: options.videoId,
    channelId: options.channelId,
    authorName: s.authorDisplayName ?? null,
    authorRef: s.authorChannelId?.value ?? null,
    // textOriginal is only guaranteed to the author; textDisplay (asked as plain text) is what everyone reads.
    text: s.textOriginal ?? s.textDisplay ?? '',
    occurredAt,
  };
}

/** Changed after it was posted: YouTube moves updatedAt on an edit (the store compares the text). */
export const wasEdited = (c: youtube_v3.Schema$Comment): boolean => {
  const published = Date.parse(c.snippet?.publishedAt ?? '');
  const updated = Date.parse(c.snippet?.updatedAt ?? '');
  return Number.isFinite(published) && Number.isFinite(updated) && updated > published;
};

/**
 * What one comment reports: its `add`, then an `edited` when YouTube says it changed. Sent in this
 * order, a comment first seen after its edit is one record with the text it has now, and an edit of
 * one already stored shows in its history.
 */
export function eventsOfComment(c: youtube_v3.Schema$Comment, options: { videoId: string; channelId: string; videoChannelId: string | null }): InboundInteraction[] {
  const added = commentEvent(c, options);
  if (!added) return [];
  return wasEdited(c) ? [added, { ...added, verb: 'edited' }] : [added];
}

/** A thread's comments: the top-level one first, then the replies it carries. */
export function eventsOfThread(thread: youtube_v3.Schema$CommentThread, channelId: string): InboundInteraction[] {
  const s = thread.snippet;
  const videoId = s?.videoId;
  if (!s?.topLevelComment || !videoId) return [];
  const options = { videoId, channelId, videoChannelId: s.channelId ?? null };
  return [s.topLevelComment, ...(thread.replies?.comments ?? [])].flatMap((c) => eventsOfComment(c, options));
}

/** The replies a thread carries are a few; the rest must be listed by comments.list (parentId). */
export const missingReplies = (thread: youtube_v3.Schema$CommentThread): boolean => (thread.snippet?.totalReplyCount ?? 0) > (thread.replies?.comments?.length ?? 0);
