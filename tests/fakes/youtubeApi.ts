import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { FAKE_CHANNEL_ID, FakeYoutubeComments, type CommentFault } from './youtubeComments.js';

export interface FakeYoutubeVideo {
  id: string;
  title: string;
  description: string;
  privacy: string;
  bytes: number;
  deleted: boolean;
  edits: number;
  thumbnail: boolean;
  playlists: string[];
  /** When it entered the uploads playlist, in ms (snippet.publishedAt). */
  createdAt: number;
}

export type YoutubeFault =
  /** The upload's connection breaks after this many bytes of the next chunk. */
  | { kind: 'breakChunk'; afterBytes: number }
  /** The video is made, but the answer to the last chunk is lost. */
  | { kind: 'loseFinalAnswer' }
  /** The next upload start is refused for quota. */
  | { kind: 'quotaExceeded' }
  | CommentFault;

interface Session {
  length: number;
  received: number;
  snippet: { title?: string; description?: string };
  privacy: string;
  videoId: string | null;
}

/** A local stand-in for the YouTube Data API and Google's token endpoint: resumable uploads, thumbnails, playlists, comments. */
export class FakeYoutube {
  readonly videos: FakeYoutubeVideo[] = [];
  readonly tokenRequests: { refreshToken: string; ok: boolean }[] = [];
  readonly requests: { method: string; path: string; status: number }[] = [];
  private sessions = new Map<string, Session>();
  private issued = new Set<string>();
  private faults: YoutubeFault[] = [];
  private server: Server | null = null;
  private next = 1;
  refreshToken = 'refresh-1';
  /** The scopes Google names with each access token it issues (space-separated, as Google sends them). */
  scope = 'https://www.googleapis.com/auth/youtube.upload https://www.googleapis.com/auth/youtube';
  /** The clock videos are dated by (tests pass the desk's). */
  now: () => number = Date.now;
  /** Upload chunks get no answer while set, until release(). */
  hangChunks = false;
  /** The final chunk makes the video but gets no answer, nor does any later call on the upload, until release(). */
  hangAfterMade = false;
  private hung: ServerResponse[] = [];
  /** Viewers' comments under the videos, and the channel's replies (tests/fakes/youtubeComments.ts). */
  readonly comments = new FakeYoutubeComments({
    now: () => this.now(),
    videoExists: (id) => this.live.some((v) => v.id === id),
    body: (req) => this.body(req),
    json: (res, status, body) => this.json(res, status, body),
    apiError: (res, status, reason, message) => this.apiError(res, status, reason, message),
    takeFault: (kind) => this.takeFault(kind),
  });

  /** Other videos on the channel (a busy channel's backlog), dated now. */
  seedVideos(count: number): void {
    for (let i = 0; i < count; i += 1) this.videos.push({ id: `other${this.next++}`, title: 'Video khác', description: 'Khác.', privacy: 'public', bytes: 1, deleted: false, edits: 0, thumbnail: false, playlists: [], createdAt: this.now() });
  }

  get hungCount(): number {
    return this.hung.length;
  }

  /** Hung chunks end: their connections drop. */
  release(): void {
    this.hangChunks = false;
    this.hangAfterMade = false;
    for (const res of this.hung.splice(0)) res.destroy();
  }

  get url(): string {
    const address = this.server?.address() as AddressInfo | null;
    if (!address) throw new Error('fake YouTube not started');
    return `http://127.0.0.1:${address.port}/`;
  }

  get live(): FakeYoutubeVideo[] {
    return this.videos.filter((v) => !v.deleted);
  }

  inject(fault: YoutubeFault): void {
    this.faults.push(fault);
  }

  /** Every access token issued so far stops working (as after a revocation). */
  revokeAccess(): void {
    this.issued.clear();
  }

  async start(): Promise<void> {
    this.server = createServer((req, res) => {
      this.handle(req, res).catch(() => {
        if (!res.headersSent && !res.destroyed) this.json(res, 500, { error: { code: 500, message: 'fake failed' } });
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
  }

  async stop(): Promise<void> {
    this.release();
    this.server?.closeAllConnections();
    await new Promise((resolve) => this.server?.close(resolve));
  }

  private json(res: ServerResponse, status: number, body: object, headers: Record<string, string> = {}): void {
    res.writeHead(status, { 'Content-Type': 'application/json', ...headers });
    res.end(JSON.stringify(body));
  }

  private apiError(res: ServerResponse, status: number, reason: string, message = reason): void {
    this.json(res, status, { error: { code: status, message, errors: [{ reason, domain: 'youtube', message }] } });
  }

  private takeFault<K extends YoutubeFault['kind']>(kind: K): Extract<YoutubeFault, { kind: K }> | null {
    const i = this.faults.findIndex((f) => f.kind === kind);
    return i < 0 ? null : (this.faults.splice(i, 1)[0] as Extract<YoutubeFault, { kind: K }>);
  }

  private async body(req: IncomingMessage): Promise<Buffer> {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    return Buffer.concat(chunks);
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://fake');
    const method = req.method ?? 'GET';
    const path = url.pathname;
    res.on('finish', () => this.requests.push({ method, path, status: res.statusCode }));

    if (method === 'POST' && path === '/token') {
      const form = new URLSearchParams((await this.body(req)).toString());
      const ok = form.get('grant_type') === 'refresh_token' && form.get('refresh_token') === this.refreshToken;
      this.tokenRequests.push({ refreshToken: form.get('refresh_token') ?? '', ok });
      if (!ok) return this.json(res, 400, { error: 'invalid_grant', error_description: 'Token has been expired or revoked.' });
      const token = `ya29.fake-${this.next++}`;
      this.issued.add(token);
      return this.json(res, 200, { access_token: token, expires_in: 3599, token_type: 'Bearer', scope: this.scope });
    }
    const bearer = (req.headers.authorization ?? '').replace(/^Bearer /, '');
    if (!this.issued.has(bearer)) return this.apiError(res, 401, 'authError', 'Invalid Credentials');

    if (method === 'POST' && path === '/upload/youtube/v3/videos' && url.searchParams.get('uploadType') === 'resumable') {
      if (this.takeFault('quotaExceeded')) return this.apiError(res, 403, 'quotaExceeded', 'The request cannot be completed because you have exceeded your quota.');
      const meta = JSON.parse((await this.body(req)).toString() || '{}') as { snippet?: Session['snippet']; status?: { privacyStatus?: string } };
      const id = `s${this.next++}`;
      this.sessions.set(id, { length: Number(req.headers['x-upload-content-length']), received: 0, snippet: meta.snippet ?? {}, privacy: meta.status?.privacyStatus ?? 'private', videoId: null });
      res.writeHead(200, { Location: `${this.url}upload/youtube/v3/videos?uploadType=resumable&upload_id=${id}` });
      return void res.end();
    }
    if (method === 'PUT' && path === '/upload/youtube/v3/videos' && this.hangChunks) return void this.hung.push(res);
    if (method === 'PUT' && path === '/upload/youtube/v3/videos') return this.chunk(req, res, url.searchParams.get('upload_id') ?? '');
    if (method === 'POST' && path === '/upload/youtube/v3/thumbnails/set') {
      const video = this.live.find((v) => v.id === url.searchParams.get('videoId'));
      await this.body(req);
      if (!video) return this.apiError(res, 404, 'videoNotFound');
      video.thumbnail = true;
      return this.json(res, 200, { kind: 'youtube#thumbnailSetResponse', items: [{ default: { url: 'https://i.ytimg.com/x.jpg' } }] });
    }
    if (method === 'POST' && path === '/youtube/v3/playlistItems') {
      const body = JSON.parse((await this.body(req)).toString()) as { snippet: { playlistId: string; resourceId: { videoId: string } } };
      const video = this.live.find((v) => v.id === body.snippet.resourceId.videoId);
      if (!video) return this.apiError(res, 404, 'videoNotFound');
      video.playlists.push(body.snippet.playlistId);
      return this.json(res, 200, { id: `pi${this.next++}`, snippet: body.snippet });
    }
    if (method === 'GET' && path === '/youtube/v3/channels') {
      return this.json(res, 200, { items: [{ id: FAKE_CHANNEL_ID, snippet: { title: 'Cổng TTĐT tỉnh' }, contentDetails: { relatedPlaylists: { uploads: 'UUfake' } } }] });
    }
    if (method === 'GET' && path === '/youtube/v3/playlistItems' && url.searchParams.get('playlistId') === 'UUfake') {
      // Newest first, maxResults (at most 50) a page, nextPageToken while there is more.
      const all = this.live.slice().reverse();
      const start = Number(url.searchParams.get('pageToken')?.replace(/^p/, '') ?? 0);
      const size = Math.min(50, Number(url.searchParams.get('maxResults') ?? 5));
      const items = all.slice(start, start + size);
      const more = start + size < all.length ? { nextPageToken: `p${start + size}` } : {};
      return this.json(res, 200, { ...more, pageInfo: { totalResults: all.length, resultsPerPage: size }, items: items.map((v) => ({ snippet: { publishedAt: new Date(v.createdAt).toISOString(), title: v.title, description: v.description, resourceId: { kind: 'youtube#video', videoId: v.id } } })) });
    }
    if (method === 'PUT' && path === '/youtube/v3/videos') {
      const body = JSON.parse((await this.body(req)).toString()) as { id: string; snippet: { title: string; description: string } };
      const video = this.live.find((v) => v.id === body.id);
      if (!video) return this.apiError(res, 404, 'videoNotFound');
      Object.assign(video, { title: body.snippet.title, description: body.snippet.description, edits: video.edits + 1 });
      return this.json(res, 200, { id: video.id, snippet: body.snippet });
    }
    if (method === 'DELETE' && path === '/youtube/v3/videos') {
      const video = this.live.find((v) => v.id === url.searchParams.get('id'));
      if (!video) return this.apiError(res, 404, 'videoNotFound');
      video.deleted = true;
      res.writeHead(204);
      return void res.end();
    }
    if (await this.comments.handle(req, res, method, url)) return;
    return this.apiError(res, 404, 'notFound', `${method} ${path}`);
  }

  /** One PUT of the resumable protocol: a chunk with `Content-Range: bytes a-b/total`, or a status query `bytes *\/total`. */
  private async chunk(req: IncomingMessage, res: ServerResponse, id: string): Promise<void> {
    const s = this.sessions.get(id);
    if (!s) return this.apiError(res, 404, 'uploadNotFound');
    const range = req.headers['content-range'] ?? '';
    const make = (): string => {
      if (!s.videoId) {
        s.videoId = `vid${this.next++}`;
        this.videos.push({ id: s.videoId, title: s.snippet.title ?? '', description: s.snippet.description ?? '', privacy: s.privacy, bytes: s.received, deleted: false, edits: 0, thumbnail: false, playlists: [], createdAt: this.now() });
      }
      return s.videoId;
    };
    const done = () => this.json(res, 200, { kind: 'youtube#video', id: make(), status: { uploadStatus: 'uploaded', privacyStatus: s.privacy } });
    const incomplete = () => {
      res.writeHead(308, s.received > 0 ? { Range: `bytes=0-${s.received - 1}` } : {});
      res.end();
    };
    if (range.startsWith('bytes */')) {
      await this.body(req);
      if (this.hangAfterMade && s.videoId) return void this.hung.push(res);
      return s.received >= s.length ? done() : incomplete();
    }
    const m = /^bytes (\d+)-(\d+)\/(\d+)$/.exec(range);
    if (!m || Number(m[1]) !== s.received) {
      await this.body(req);
      return this.apiError(res, 400, 'badContentRange', `expected a chunk from ${s.received}`);
    }
    const broken = this.takeFault('breakChunk');
    for await (const c of req) {
      const bytes = (c as Buffer).length;
      if (broken && s.received - Number(m[1]) + bytes >= broken.afterBytes) {
        s.received = Number(m[1]) + broken.afterBytes;
        req.socket.destroy();
        return;
      }
      s.received += bytes;
    }
    if (s.received < s.length) return incomplete();
    if (this.hangAfterMade) {
      make();
      return void this.hung.push(res);
    }
    if (this.takeFault('loseFinalAnswer')) {
      make();
      req.socket.destroy();
      return;
    }
    return done();
  }
}
