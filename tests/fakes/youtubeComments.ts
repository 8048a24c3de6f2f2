import type { IncomingMessage, ServerResponse } from 'node:http';

/** The channel the stand-in's videos belong to (channels.list mine=true answers it too). */
export const FAKE_CHANNEL_ID = 'UCfake';
const CHANNEL_NAME = 'Cổng thông tin điện tử tỉnh';
/** YouTube puts a few replies in a thread; the rest are listed by comments.list (parentId). */
export const REPLIES_IN_THREAD = 5;

export interface FakeYoutubeComment {
  id: string;
  videoId: string;
  parentId: string | null;
  authorName: string;
  authorChannelId: string;
  text: string;
  publishedAt: number;
  updatedAt: number;
  moderationStatus: 'published' | 'rejected';
  seq: number;
}

export type CommentFault =
  /** The next reply is posted, but its answer is lost (the connection drops). */
  | { kind: 'loseReplyAnswer' }
  /** The next moderation is refused: the channel does not own the video (403 forbidden). */
  | { kind: 'notOwner' };

/** What the stand-in needs from the server it lives in. */
export interface CommentHost {
  now: () => number;
  videoExists: (id: string) => boolean;
  body: (req: IncomingMessage) => Promise<Buffer>;
  json: (res: ServerResponse, status: number, body: object) => void;
  apiError: (res: ServerResponse, status: number, reason: string, message?: string) => void;
  takeFault: <K extends CommentFault['kind']>(kind: K) => Extract<CommentFault, { kind: K }> | null;
}

/**
 * Comments of the YouTube stand-in: viewers write and edit them (the test's hand), the API lists
 * threads (commentThreads.list, pages with nextPageToken) and replies (comments.list by parentId),
 * posts the channel's replies (comments.insert) and hides (comments.setModerationStatus).
 */
export class FakeYoutubeComments {
  readonly all: FakeYoutubeComment[] = [];
  /** Quota-relevant calls answered, by method: list calls cost 1 unit, insert and moderation 50. */
  readonly calls = { threads: 0, list: 0, insert: 0, moderate: 0 };
  /** Videos whose comments are turned off (commentThreads.list answers 403 commentsDisabled). */
  readonly disabled = new Set<string>();
  private next = 1;

  constructor(private readonly host: CommentHost) {}

  get units(): number {
    return this.calls.threads + this.calls.list + 50 * (this.calls.insert + this.calls.moderate);
  }

  /** A viewer comments under a video; returns the comment id. */
  comment(videoId: string, by: { author: string; text: string; channelId?: string }): string {
    return this.add(videoId, null, by);
  }

  /** A viewer replies in a thread. */
  reply(parentId: string, by: { author: string; text: string; channelId?: string }): string {
    const parent = this.find(parentId);
    if (!parent) throw new Error(`no comment ${parentId}`);
    return this.add(parent.videoId, parentId, by);
  }

  /** The author edits their comment: new text, updatedAt moves. */
  edit(id: string, text: string): void {
    const c = this.find(id);
    if (!c) throw new Error(`no comment ${id}`);
    Object.assign(c, { text, updatedAt: this.host.now() });
  }

  find(id: string): FakeYoutubeComment | undefined {
    return this.all.find((c) => c.id === id);
  }

  /** The channel's own replies in a thread. */
  channelReplies(parentId: string): FakeYoutubeComment[] {
    return this.all.filter((c) => c.parentId === parentId && c.authorChannelId === FAKE_CHANNEL_ID);
  }

  private add(videoId: string, parentId: string | null, by: { author: string; text: string; channelId?: string }): string {
    const n = this.next++;
    const id = parentId ? `${parentId}.r${n}` : `Ugz${String(n).padStart(6, '0')}`;
    const at = this.host.now();
    this.all.push({ id, videoId, parentId, authorName: by.author, authorChannelId: by.channelId ?? `UCviewer${n}`, text: by.text, publishedAt: at, updatedAt: at, moderationStatus: 'published', seq: n });
    return id;
  }

  private resource(c: FakeYoutubeComment): object {
    const ours = c.authorChannelId === FAKE_CHANNEL_ID;
    return {
      kind: 'youtube#comment',
      id: c.id,
      snippet: {
        channelId: FAKE_CHANNEL_ID,
        videoId: c.videoId,
        ...(c.parentId ? { parentId: c.parentId } : {}),
        authorDisplayName: c.authorName,
        authorChannelId: { value: c.authorChannelId },
        textDisplay: c.text,
        // As on YouTube: the raw text is only sure to come back to its author.
        ...(ours ? { textOriginal: c.text } : {}),
        publishedAt: new Date(c.publishedAt).toISOString(),
        updatedAt: new Date(c.updatedAt).toISOString(),
      },
    };
  }

  private visibleReplies(parentId: string): FakeYoutubeComment[] {
    return this.all.filter((c) => c.parentId === parentId && c.moderationStatus === 'published').sort((a, b) => a.seq - b.seq);
  }

  private page<T>(list: T[], url: URL, prefix: string): { items: T[]; more: { nextPageToken?: string } } {
    const start = Number(url.searchParams.get('pageToken')?.slice(prefix.length) ?? 0);
    const size = Math.min(100, Number(url.searchParams.get('maxResults') ?? 20));
    return { items: list.slice(start, start + size), more: start + size < list.length ? { nextPageToken: `${prefix}${start + size}` } : {} };
  }

  /** Answers the comment endpoints; false for any other request. */
  async handle(req: IncomingMessage, res: ServerResponse, method: string, url: URL): Promise<boolean> {
    const { host } = this;
    const path = url.pathname;
    const fail = (status: number, reason: string, message?: string) => {
      host.apiError(res, status, reason, message);
      return true;
    };
    if (method === 'GET' && path === '/youtube/v3/commentThreads') {
      this.calls.threads += 1;
      const videoId = url.searchParams.get('videoId') ?? '';
      if (!host.videoExists(videoId)) return fail(404, 'videoNotFound');
      if (this.disabled.has(videoId)) return fail(403, 'commentsDisabled');
      const parts = url.searchParams.getAll('part').join(',').split(',');
      const threads = this.all.filter((c) => c.videoId === videoId && c.parentId === null && c.moderationStatus === 'published').sort((a, b) => b.publishedAt - a.publishedAt || b.seq - a.seq);
      const { items, more } = this.page(threads, url, 't');
      host.json(res, 200, {
        kind: 'youtube#commentThreadListResponse',
        ...more,
        pageInfo: { totalResults: threads.length, resultsPerPage: items.length },
        items: items.map((c) => {
          const replies = this.visibleReplies(c.id);
          return {
            kind: 'youtube#commentThread',
            id: c.id,
            snippet: { channelId: FAKE_CHANNEL_ID, videoId, topLevelComment: this.resource(c), canReply: true, totalReplyCount: replies.length, isPublic: true },
            ...(parts.includes('replies') && replies.length ? { replies: { comments: replies.slice(0, REPLIES_IN_THREAD).map((r) => this.resource(r)) } } : {}),
          };
        }),
      });
      return true;
    }
    if (method === 'GET' && path === '/youtube/v3/comments') {
      this.calls.list += 1;
      const parentId = url.searchParams.get('parentId') ?? '';
      if (!this.find(parentId)) return fail(404, 'commentNotFound');
      const { items, more } = this.page(this.visibleReplies(parentId), url, 'c');
      host.json(res, 200, { kind: 'youtube#commentListResponse', ...more, items: items.map((c) => this.resource(c)) });
      return true;
    }
    if (method === 'POST' && path === '/youtube/v3/comments') {
      this.calls.insert += 1;
      const body = JSON.parse((await host.body(req)).toString() || '{}') as { snippet?: { parentId?: string; textOriginal?: string } };
      const parent = this.find(body.snippet?.parentId ?? '');
      if (!parent || parent.parentId !== null) return fail(404, 'commentNotFound', 'The parent comment was not found.');
      if (!body.snippet?.textOriginal) return fail(400, 'commentTextRequired');
      const id = this.add(parent.videoId, parent.id, { author: CHANNEL_NAME, text: body.snippet.textOriginal, channelId: FAKE_CHANNEL_ID });
      if (host.takeFault('loseReplyAnswer')) {
        req.socket.destroy();
        return true;
      }
      host.json(res, 200, this.resource(this.find(id)!));
      return true;
    }
    if (method === 'POST' && path === '/youtube/v3/comments/setModerationStatus') {
      this.calls.moderate += 1;
      await host.body(req);
      const ids = url.searchParams.getAll('id').join(',').split(',');
      if (host.takeFault('notOwner')) return fail(403, 'forbidden', 'The comment could not be updated due to insufficient permissions.');
      const found = ids.map((id) => this.find(id));
      if (found.some((c) => !c)) return fail(404, 'commentNotFound');
      const status = url.searchParams.get('moderationStatus');
      if (status !== 'rejected' && status !== 'published') return fail(400, 'invalidModerationStatus');
      for (const c of found) c!.moderationStatus = status;
      res.writeHead(204);
      res.end();
      return true;
    }
    return false;
  }
}
