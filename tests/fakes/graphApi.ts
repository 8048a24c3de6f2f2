import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createHmac } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { Readable } from 'node:stream';

/** What the fake does to the next matching call instead of (or after) answering it. */
export type GraphFault =
  | { kind: 'status'; status: number; error?: { code: number; error_subcode?: number; message?: string; is_transient?: boolean }; usage?: object }
  /** Does the work, then drops the connection: "it posted, but the answer was lost". */
  | { kind: 'loseResponse' }
  /** Never answers. */
  | { kind: 'hang' }
  /** Does the work, then never answers (until releaseHung). */
  | { kind: 'postThenHang' }
  /** Takes this many bytes of an upload, then the connection breaks. */
  | { kind: 'breakUpload'; afterBytes: number };

export interface FakeVideo {
  id: string;
  pageId: string;
  title: string;
  description: string;
  bytes: number;
  deleted: boolean;
  edits: number;
  /** When Graph made it, in ms (created_time). */
  createdAt: number;
}

export interface FakePost {
  id: string;
  pageId: string;
  message: string;
  link: string | null;
  photos: string[];
  deleted: boolean;
  edits: number;
  createdAt: number;
}

/** A comment under a post, or a reply under a comment (`parentId`), as Graph keeps it. */
export interface FakeComment {
  id: string;
  postId: string;
  /** The comment it answers; null for a comment on the post itself. */
  parentId: string | null;
  from: { id: string; name: string };
  message: string;
  createdAt: number;
  hidden: boolean;
  deleted: boolean;
}

export type CommentVerb = 'add' | 'edited' | 'remove';

/** Meta writes its payloads with every non-ASCII character escaped (`\u00e1`, lowercase hex), and signs those bytes. */
export function metaJson(body: unknown): string {
  return JSON.stringify(body).replace(/[\u007f-\uffff]/g, (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

interface Rule {
  match: (method: string, path: string) => boolean;
  fault: GraphFault;
  times: number;
}

/** A local stand-in for the Graph API of Pages (any numeric id): feed posts, unpublished photos, edits, deletions, and faults on demand. */
export class FakeGraph {
  readonly posts: FakePost[] = [];
  readonly photos = new Map<string, { bytes: number; type: string; published: boolean }>();
  readonly videos: FakeVideo[] = [];
  /** Resumable upload sessions: bytes received so far, and the handle once complete. */
  readonly uploads = new Map<string, { length: number; received: number; handle: string | null }>();
  /** The user token the Resumable Upload API takes (an `Authorization: OAuth` header). */
  userToken = 'user-token';
  readonly calls: { method: string; path: string; status: number }[] = [];
  /** Comments and replies on the Page's posts: the public's and the Page's own. */
  readonly comments: FakeComment[] = [];
  /** Share counts by post id (Graph leaves `shares` out while nobody shared). */
  readonly shares = new Map<string, number>();
  /** The Page's name, as its own comments show it. */
  pageName = 'Cổng thông tin điện tử tỉnh';
  /** What debug_token says the Page token was granted. */
  scopes = ['pages_show_list', 'pages_manage_posts', 'pages_read_engagement', 'pages_manage_engagement'];
  /** Calls whose client went away before the answer (a worker killed mid-call). */
  abandoned = 0;
  private rules: Rule[] = [];
  private server: Server | null = null;
  private next = 1;
  private hanging: ServerResponse[] = [];
  latencyMs = 0;
  /** Sent as X-Business-Use-Case-Usage on every answer, when set. */
  usage: object | null = null;
  /** The clock posts are dated by (tests pass the desk's). */
  now: () => number = Date.now;

  /** Other posts on the Page (a busy Page's backlog), dated now. */
  seedPosts(count: number): void {
    for (let i = 0; i < count; i += 1) {
      const id = `${this.pageId}_${1000 + this.next++}`;
      this.posts.push({ id, pageId: this.pageId, message: `Bài khác ${id}`, link: null, photos: [], deleted: false, edits: 0, createdAt: this.now() });
    }
  }

  /** Someone comments on a post, or replies under a comment (`parentId`); dated by the fake's clock. */
  comment(postId: string, from: { id: string; name: string }, message: string, parentId: string | null = null): FakeComment {
    const made: FakeComment = { id: `${postId.split('_').at(-1)}_${3000 + this.next++}`, postId, parentId, from, message, createdAt: this.now(), hidden: false, deleted: false };
    this.comments.push(made);
    return made;
  }

  /** The Page's own replies under a comment (its thread), live ones. */
  repliesOf(commentId: string): FakeComment[] {
    return this.comments.filter((c) => c.parentId === commentId && c.from.id === this.pageId && !c.deleted);
  }

  /** The change notification Meta sends for a comment (Webhooks for Pages, field `feed`). */
  commentWebhook(c: FakeComment, verb: CommentVerb): object {
    const seconds = Math.floor(this.now() / 1000);
    const value = {
      from: c.from,
      post: { status_type: 'shared_story', is_published: true, updated_time: new Date(this.now()).toISOString().replace(/\.\d{3}Z$/, '+0000'), promotion_status: 'inactive', id: c.postId },
      ...(verb === 'remove' ? {} : { message: c.message }),
      post_id: c.postId,
      comment_id: c.id,
      created_time: verb === 'add' ? Math.floor(c.createdAt / 1000) : seconds,
      item: 'comment',
      parent_id: c.parentId ?? c.postId,
      verb,
    };
    return { entry: [{ id: this.pageId, time: seconds, changes: [{ value, field: 'feed' }] }], object: 'page' };
  }

  /**
   * POSTs a notification to a webhook the way Meta does: the body written as Meta writes it, signed
   * `X-Hub-Signature-256: sha256=<hex HMAC-SHA256(appSecret, body)>` — or signed with another secret
   * (`wrong`), or not at all (`none`). `via` delivers it in-process (a Hono app's `request`) instead of over HTTP.
   */
  async sendWebhook(url: string, body: object | string | Buffer, options: { signature?: 'good' | 'wrong' | 'none'; via?: (url: string, init: RequestInit) => Response | Promise<Response> } = {}): Promise<{ status: number; text: string }> {
    const raw = Buffer.isBuffer(body) ? body : Buffer.from(typeof body === 'string' ? body : metaJson(body), 'utf8');
    const signature = options.signature ?? 'good';
    const secret = signature === 'wrong' ? `${this.appSecret}-not` : this.appSecret;
    const headers: Record<string, string> = { 'Content-Type': 'application/json', 'User-Agent': 'facebookexternalua' };
    if (signature !== 'none') headers['X-Hub-Signature-256'] = `sha256=${createHmac('sha256', secret).update(raw).digest('hex')}`;
    const init: RequestInit = { method: 'POST', headers, body: raw };
    const response = await (options.via ? options.via(url, init) : fetch(url, init));
    return { status: response.status, text: await response.text() };
  }

  get hungCount(): number {
    return this.hanging.filter((r) => !r.destroyed).length;
  }

  /** Hung calls end: their connections drop, as when Graph finally gives up. */
  releaseHung(): void {
    for (const res of this.hanging.splice(0)) res.destroy();
  }

  /** The Meta app's secret: signs the webhooks this stand-in sends (X-Hub-Signature-256). */
  readonly appSecret = 'fake-meta-app-secret-0123456789abcdef';
  /** What the operator typed in the webhook settings; echoed back on verification. */
  readonly verifyToken = 'fake-verify-token-for-portal-hub';

  constructor(readonly pageId: string, public token: string, readonly version = 'v24.0') {}

  get url(): string {
    const address = this.server?.address() as AddressInfo | null;
    if (!address) throw new Error('fake Graph not started');
    return `http://127.0.0.1:${address.port}`;
  }

  /** Live (not deleted) posts on the Page. */
  get live(): FakePost[] {
    return this.posts.filter((p) => !p.deleted);
  }

  /** The next `times` calls matching `method path` (path without the version; `*` for any) meet `fault`. */
  inject(method: string, path: string, fault: GraphFault, times = 1): void {
    this.rules.push({ match: (m, p) => (method === '*' || m === method) && (path === '*' || p === path), fault, times });
  }

  private arrivals: { method: string; path: string; resolve: () => void }[] = [];

  /** Resolves when the next `method path` call has arrived (before it is answered). */
  nextCall(method: string, path: string): Promise<void> {
    return new Promise((resolve) => this.arrivals.push({ method, path, resolve }));
  }

  /** Graph recovers: no more injected faults. */
  clearFaults(): void {
    this.rules = [];
  }

  async start(): Promise<void> {
    this.server = createServer((req, res) => {
      res.on('close', () => {
        if (!res.writableFinished) this.abandoned += 1;
      });
      this.handle(req, res).catch(() => {
        // A client that died mid-upload leaves a body that cannot be read: nothing was done.
        if (!res.headersSent && !res.destroyed) this.send(res, 400, { error: { code: 100, message: 'unreadable request' } });
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
  }

  async stop(): Promise<void> {
    for (const res of this.hanging) res.destroy();
    this.server?.closeAllConnections();
    await new Promise((resolve) => this.server?.close(resolve));
  }

  private send(res: ServerResponse, status: number, body: object, headers: Record<string, string> = {}): void {
    const usage: Record<string, string> = this.usage ? { 'X-Business-Use-Case-Usage': JSON.stringify(this.usage) } : {};
    res.writeHead(status, { 'Content-Type': 'application/json', ...usage, ...headers });
    res.end(JSON.stringify(body));
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://fake');
    const method = req.method ?? 'GET';
    const [, version, ...rest] = url.pathname.split('/');
    const path = rest.join('/');
    const params = new URLSearchParams(url.search);
    const files = new Map<string, Blob>();
    if (path.startsWith('upload:')) return this.handleUpload(req, res, method, path);
    if (method === 'POST') {
      const request = new Request(`http://fake${url.pathname}`, { method, headers: req.headers as Record<string, string>, body: Readable.toWeb(req) as ReadableStream, duplex: 'half' } as RequestInit);
      const form = await request.formData();
      for (const [k, v] of form.entries()) {
        if (typeof v === 'string') params.set(k, v);
        else files.set(k, v);
      }
    }
    for (const a of this.arrivals.filter((x) => x.method === method && x.path === path)) a.resolve();
    this.arrivals = this.arrivals.filter((x) => !(x.method === method && x.path === path));
    if (this.latencyMs) await new Promise((r) => setTimeout(r, this.latencyMs));
    const record = (status: number) => this.calls.push({ method, path, status });

    const rule = this.rules.find((r) => r.times > 0 && r.match(method, path));
    if (rule) rule.times -= 1;
    const fault = rule?.fault;
    if (fault?.kind === 'hang') {
      record(0);
      this.hanging.push(res);
      return;
    }
    if (fault?.kind === 'status') {
      record(fault.status);
      const headers: Record<string, string> = fault.usage ? { 'X-Business-Use-Case-Usage': JSON.stringify(fault.usage) } : {};
      this.send(res, fault.status, fault.error ? { error: { type: 'OAuthException', message: 'injected', ...fault.error } } : { message: 'Internal Server Error' }, headers);
      return;
    }
    if (version !== this.version) return this.send(res, 400, { error: { code: 2635, message: `unsupported version ${version}` } });
    const expected = path.endsWith('/uploads') ? this.userToken : this.token;
    if (params.get('access_token') !== expected) {
      record(400);
      return this.send(res, 400, { error: { code: 190, error_subcode: 463, type: 'OAuthException', message: 'Error validating access token' } });
    }
    const answer = this.route(method, path, params, files);
    record(answer.status);
    if (fault?.kind === 'loseResponse') {
      req.socket.destroy();
      return;
    }
    if (fault?.kind === 'postThenHang') {
      this.hanging.push(res);
      return;
    }
    this.send(res, answer.status, answer.body);
  }

  /** `POST upload:<session>` with `file_offset` and raw bytes; `GET upload:<session>` says where it stands. */
  private async handleUpload(req: IncomingMessage, res: ServerResponse, method: string, path: string): Promise<void> {
    const session = this.uploads.get(path);
    if (req.headers.authorization !== `OAuth ${this.userToken}`) return this.send(res, 400, { error: { code: 190, message: 'Invalid OAuth access token' } });
    if (!session) return this.send(res, 400, { error: { code: 100, message: 'no such upload session' } });
    if (method === 'GET') return this.send(res, 200, { id: path, file_offset: session.received });
    const offset = Number(req.headers.file_offset ?? -1);
    if (offset !== session.received) return this.send(res, 400, { error: { code: 100, message: `file_offset must be ${session.received}` } });
    const rule = this.rules.find((r) => r.times > 0 && r.match(method, 'upload:*'));
    const breakAfter = rule?.fault.kind === 'breakUpload' ? rule.fault.afterBytes : null;
    if (rule) rule.times -= 1;
    for await (const chunk of req) {
      const bytes = (chunk as Buffer).length;
      if (breakAfter !== null && session.received - offset + bytes >= breakAfter) {
        session.received = offset + breakAfter;
        this.calls.push({ method, path, status: 0 });
        req.socket.destroy();
        return;
      }
      session.received += bytes;
    }
    this.calls.push({ method, path, status: 200 });
    if (session.received < session.length) return this.send(res, 200, { file_offset: session.received });
    session.handle = `handle-${path.slice('upload:'.length)}`;
    return this.send(res, 200, { h: session.handle });
  }

  /**
   * A list edge as Graph pages it: newest first, `limit` (at most 100) per page, `since` in unix
   * seconds, `after` a cursor; `paging.next` only while there is more.
   */
  private page<T extends { id: string; createdAt: number }>(path: string, all: T[], params: URLSearchParams, shape: (o: T) => object, order: 'newest' | 'oldest' = 'newest'): { status: number; body: object } {
    const since = params.has('since') ? Number(params.get('since')) * 1000 : -Infinity;
    const kept = all.filter((o) => o.createdAt >= since);
    const newest = order === 'newest' ? kept.reverse() : kept;
    const limit = Math.min(100, Number(params.get('limit') ?? 25));
    const after = params.get('after');
    const start = after ? newest.findIndex((o) => o.id === Buffer.from(after, 'base64url').toString()) + 1 : 0;
    const slice = newest.slice(start, start + limit);
    const data = slice.map((o) => ({ ...shape(o), created_time: new Date(o.createdAt).toISOString().replace(/\.\d{3}Z$/, '+0000') }));
    const cursor = (o: T | undefined) => Buffer.from(o?.id ?? '').toString('base64url');
    const more = start + limit < newest.length;
    const next = new URLSearchParams({ ...Object.fromEntries(params), after: cursor(slice.at(-1)) });
    return { status: 200, body: { data, paging: { cursors: { before: cursor(slice[0]), after: cursor(slice.at(-1)) }, ...(more ? { next: `${this.url}/${this.version}/${path}?${next.toString()}` } : {}) } } };
  }

  private route(method: string, path: string, params: URLSearchParams, files: Map<string, Blob>): { status: number; body: object } {
    const missing = { status: 400, body: { error: { code: 100, error_subcode: 33, message: 'Unsupported request - object does not exist' } } };
    // The Page itself, and a token's own description (Graph answers debug_token for a Page token asked with itself).
    if (method === 'GET' && path === this.pageId) return { status: 200, body: { id: this.pageId, name: this.pageName } };
    if (method === 'GET' && path === 'debug_token') {
      const valid = params.get('input_token') === this.token;
      return { status: 200, body: { data: { type: 'PAGE', is_valid: valid, profile_id: this.pageId, scopes: valid ? this.scopes : [] } } };
    }
    const [page, edge] = path.split('/');
    if (method === 'POST' && edge === 'uploads') {
      const id = `upload:s${this.next++}`;
      this.uploads.set(id, { length: Number(params.get('file_length')), received: 0, handle: null });
      return { status: 200, body: { id } };
    }
    if (method === 'POST' && edge === 'videos' && /^\d+$/.test(page ?? '')) {
      const handle = params.get('fbuploader_video_file_chunk');
      const upload = [...this.uploads.values()].find((u) => u.handle === handle);
      if (!upload) return { status: 400, body: { error: { code: 100, message: 'Invalid file handle' } } };
      const id = String(7_000_000 + this.next++);
      this.videos.push({ id, pageId: page ?? '', title: params.get('title') ?? '', description: params.get('description') ?? '', bytes: upload.length, deleted: false, edits: 0, createdAt: this.now() });
      return { status: 200, body: { id } };
    }
    if (method === 'GET' && edge === 'videos' && /^\d+$/.test(page ?? '')) {
      return this.page(path, this.videos.filter((v) => v.pageId === page && !v.deleted), params, (v) => ({ id: v.id, description: v.description }));
    }
    const video = this.videos.find((v) => v.id === path && !v.deleted);
    if (method === 'POST' && video) {
      video.title = params.get('title') ?? video.title;
      video.description = params.get('description') ?? video.description;
      video.edits += 1;
      return { status: 200, body: { success: true } };
    }
    if (method === 'DELETE' && video) {
      video.deleted = true;
      return { status: 200, body: { success: true } };
    }
    if (method === 'POST' && edge === 'photos' && /^\d+$/.test(page ?? '')) {
      const source = files.get('source');
      if (!source) return { status: 400, body: { error: { code: 100, message: 'source required' } } };
      const id = String(9_000_000 + this.next++);
      this.photos.set(id, { bytes: source.size, type: source.type, published: params.get('published') !== 'false' });
      return { status: 200, body: { id } };
    }
    if (method === 'POST' && edge === 'feed' && /^\d+$/.test(page ?? '')) {
      const message = params.get('message') ?? '';
      const photos = [...params.entries()].filter(([k]) => k.startsWith('attached_media[')).map(([, v]) => String((JSON.parse(v) as { media_fbid: string }).media_fbid));
      if (photos.some((p) => !this.photos.has(p))) return { status: 400, body: { error: { code: 100, message: 'Invalid media_fbid' } } };
      const id = `${page}_${1000 + this.next++}`;
      this.posts.push({ id, pageId: page ?? '', message, link: params.get('link'), photos, deleted: false, edits: 0, createdAt: this.now() });
      return { status: 200, body: { id } };
    }
    if (method === 'GET' && edge === 'feed' && /^\d+$/.test(page ?? '')) {
      return this.page(path, this.live.filter((p) => p.pageId === page), params, (p) => ({ id: p.id, message: p.message }));
    }
    const commented = this.commentRoute(method, path, params);
    if (commented) return commented;
    const post = this.posts.find((p) => p.id === path && !p.deleted);
    if (method === 'GET' && post) {
      const count = this.shares.get(post.id) ?? 0;
      return { status: 200, body: { id: post.id, ...(count > 0 ? { shares: { count } } : {}) } };
    }
    if (method === 'POST' && post) {
      post.message = params.get('message') ?? post.message;
      post.edits += 1;
      return { status: 200, body: { success: true } };
    }
    if (method === 'DELETE' && post) {
      post.deleted = true;
      return { status: 200, body: { success: true } };
    }
    return missing;
  }

  /**
   * Comments: `GET /{post-id}/comments` (top level; `filter=stream` every comment and reply, each
   * reply with its `parent`), `GET /{comment-id}/comments` (its replies), in Graph's default
   * chronological order or `order=reverse_chronological`; `POST /{comment-id}/comments` replies as
   * the Page (under the thread's first comment: threads are one level deep); `POST /{comment-id}`
   * with `is_hidden`.
   */
  private commentRoute(method: string, path: string, params: URLSearchParams): { status: number; body: object } | null {
    const [id, edge] = path.split('/');
    const post = this.posts.find((p) => p.id === id && !p.deleted);
    const comment = this.comments.find((c) => c.id === id && !c.deleted);
    const shape = (c: FakeComment) => ({ id: c.id, from: c.from, message: c.message, ...(c.parentId ? { parent: { id: c.parentId } } : {}), ...((params.get('fields') ?? '').includes('is_hidden') ? { is_hidden: c.hidden } : {}) });
    const order = params.get('order') === 'reverse_chronological' ? 'newest' : 'oldest';
    if (method === 'GET' && edge === 'comments' && post) {
      const live = this.comments.filter((c) => c.postId === post.id && !c.deleted && (params.get('filter') === 'stream' || c.parentId === null));
      return this.page(path, live, params, shape, order);
    }
    if (method === 'GET' && edge === 'comments' && comment) {
      return this.page(path, this.comments.filter((c) => c.parentId === comment.id && !c.deleted), params, shape, order);
    }
    if (method === 'POST' && edge === 'comments' && comment) {
      const message = params.get('message') ?? '';
      if (!message.trim()) return { status: 400, body: { error: { code: 100, message: 'message required' } } };
      const made = this.comment(comment.postId, { id: this.pageId, name: this.pageName }, message, comment.parentId ?? comment.id);
      return { status: 200, body: { id: made.id } };
    }
    if (method === 'POST' && edge === undefined && comment && params.has('is_hidden')) {
      comment.hidden = params.get('is_hidden') === 'true';
      return { status: 200, body: { success: true } };
    }
    return null;
  }
}
