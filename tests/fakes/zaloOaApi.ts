import { createHash } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Readable } from 'node:stream';

export interface FakeArticle {
  id: string;
  token: string;
  type: string;
  title: string;
  description: string;
  body: unknown;
  videoId: string | null;
  cover: string | null;
  removed: boolean;
  edits: number;
  /** When Zalo made it, in ms (getslice's create_date). */
  createdAt: number;
}

/** A consultation (customer-service) message the OA sent to a follower. */
export interface FakeCsMessage {
  messageId: string;
  userId: string;
  text: string;
}

export type ZaloFault =
  | { kind: 'loseCreateAnswer' }
  | { kind: 'slowVerify'; times: number }
  /** The next consultation message is sent, but the connection drops before the answer. */
  | { kind: 'loseMessageAnswer' }
  /** The next consultation message is refused with this Zalo error code (-213: the follower's reply window closed). */
  | { kind: 'refuseMessage'; code: number; message: string };

export interface WebhookOptions {
  /** `good` (default) signs by the formula; `wrong` signs with another key; `none` sends no header. */
  signature?: 'good' | 'wrong' | 'none';
  /** Epoch ms written in the body (and signed); default: the stand-in's clock. */
  timestamp?: number;
  /** Sends the bare hex without the `mac=` prefix. */
  bare?: boolean;
}

/** A local stand-in for the Zalo OA Open API and its OAuth v4 refresh: single-use refresh tokens, `error: 0` envelopes. */
export class FakeZaloOa {
  readonly articles: FakeArticle[] = [];
  readonly refreshes: { refreshToken: string; ok: boolean }[] = [];
  readonly videos = new Map<string, { bytes: number; videoId: string }>();
  /** Articles sent to followers, by article id. */
  readonly broadcasts: string[] = [];
  /** Consultation messages sent to followers (replies to what they wrote). */
  readonly messages: FakeCsMessage[] = [];
  private server: Server | null = null;
  private next = 1;
  private faults: ZaloFault[] = [];
  accessToken = 'zalo-access-1';
  refreshToken = 'zalo-refresh-1';
  /** Refresh tokens already spent: using one again answers -14020. */
  private spent = new Set<string>();
  readonly appId = '4321';
  /** The OA the tokens belong to, as `getoa` names it. */
  oaId = 'oa-1';
  readonly oaName = 'Cổng thông tin điện tử tỉnh';
  readonly secretKey = 'zalo-app-secret';
  /** The OA secret key of the webhook settings: signs the webhooks this stand-in sends (X-ZEvent-Signature). */
  readonly oaSecretKey = 'zalo-oa-webhook-secret-key';
  refreshDelayMs = 0;
  /** The clock articles are dated by (tests pass the desk's). */
  now: () => number = Date.now;
  /** Calls to these paths never get an answer until release(). */
  readonly hangPaths = new Set<string>();
  private hung: ServerResponse[] = [];

  /** Other articles on the OA (another editor's work), dated now. */
  seedArticles(count: number, type = 'normal'): void {
    for (let i = 0; i < count; i += 1) {
      this.articles.push({ id: `za${this.next++}`, token: `seed${this.next}`, type, title: `Bài khác ${this.next}`, description: 'Tin khác.', body: null, videoId: null, cover: null, removed: false, edits: 0, createdAt: this.now() });
    }
  }

  /** Calls waiting for release(). */
  get hungCount(): number {
    return this.hung.length;
  }

  /** Hung calls end (their connections drop). */
  release(): void {
    for (const res of this.hung.splice(0)) res.destroy();
    this.hangPaths.clear();
  }

  get url(): string {
    const address = this.server?.address() as AddressInfo | null;
    if (!address) throw new Error('fake Zalo not started');
    return `http://127.0.0.1:${address.port}`;
  }

  get live(): FakeArticle[] {
    return this.articles.filter((a) => !a.removed);
  }

  inject(fault: ZaloFault): void {
    this.faults.push(fault);
  }

  /** The access token runs out (Zalo's last about 25 hours). */
  expireAccess(): void {
    this.accessToken = `expired-${this.next++}`;
  }

  async start(): Promise<void> {
    this.server = createServer((req, res) => {
      this.handle(req, res).catch(() => {
        if (!res.headersSent && !res.destroyed) this.reply(res, { error: -1, message: 'fake failed' });
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
  }

  async stop(): Promise<void> {
    this.release();
    this.server?.closeAllConnections();
    await new Promise((resolve) => this.server?.close(resolve));
  }

  private reply(res: ServerResponse, body: object): void {
    res.writeHead(200, { 'Content-Type': 'application/json' });
    res.end(JSON.stringify(body));
  }

  private take(kind: ZaloFault['kind']): ZaloFault | null {
    const i = this.faults.findIndex((f) => f.kind === kind);
    return i < 0 ? null : this.faults.splice(i, 1)[0]!;
  }

  /**
   * Zalo's webhook call: the event (an object, or raw JSON text whose `timestamp` is the one signed)
   * with `app_id` and `timestamp` added, signed `X-ZEvent-Signature: mac=` + sha256(app id + body +
   * timestamp + OA secret key) as platforms.md §3 gives the formula.
   */
  async sendWebhook(url: string, event: object | string, options: WebhookOptions = {}): Promise<{ status: number; body: string }> {
    const timestamp = String(options.timestamp ?? this.now());
    const raw = typeof event === 'string' ? event : JSON.stringify({ app_id: this.appId, ...event, timestamp });
    const signed = typeof event === 'string' ? String((JSON.parse(event) as { timestamp?: unknown }).timestamp) : timestamp;
    const key = options.signature === 'wrong' ? `${this.oaSecretKey}-not` : this.oaSecretKey;
    const mac = createHash('sha256').update(`${this.appId}${raw}${signed}${key}`).digest('hex');
    const headers: Record<string, string> = { 'Content-Type': 'application/json' };
    if (options.signature !== 'none') headers['X-ZEvent-Signature'] = options.bare ? mac : `mac=${mac}`;
    const r = await fetch(url, { method: 'POST', headers, body: raw });
    return { status: r.status, body: await r.text() };
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://fake');
    const path = url.pathname;
    const request = new Request(`http://fake${path}`, { method: req.method, headers: req.headers as Record<string, string>, body: req.method === 'POST' ? (Readable.toWeb(req) as ReadableStream) : null, duplex: 'half' } as RequestInit);

    if (path === '/v4/oa/access_token') {
      const form = new URLSearchParams(await request.text());
      const given = form.get('refresh_token') ?? '';
      if (this.refreshDelayMs) await new Promise((r) => setTimeout(r, this.refreshDelayMs));
      const ok = req.headers.secret_key === this.secretKey && form.get('app_id') === this.appId && given === this.refreshToken && !this.spent.has(given);
      this.refreshes.push({ refreshToken: given, ok });
      if (!ok) return this.reply(res, { error: -14020, message: 'Invalid refresh token' });
      this.spent.add(given);
      this.accessToken = `zalo-access-${++this.next}`;
      this.refreshToken = `zalo-refresh-${this.next}`;
      return this.reply(res, { access_token: this.accessToken, refresh_token: this.refreshToken, expires_in: '90000' });
    }
    if (req.headers.access_token !== this.accessToken) return this.reply(res, { error: -216, message: 'Access token is invalid' });
    if (this.hangPaths.has(path)) return void this.hung.push(res);

    if (path === '/v2.0/oa/getoa') return this.reply(res, { error: 0, message: 'Success', data: { oa_id: this.oaId, name: this.oaName, num_follower: 1234 } });
    if (path === '/v2.0/article/upload_video/preparevideo') {
      const form = await request.formData();
      const file = form.get('file');
      if (!(file instanceof Blob)) return this.reply(res, { error: -201, message: 'file required' });
      const token = `vt${this.next++}`;
      this.videos.set(token, { bytes: file.size, videoId: `zv${this.next++}` });
      return this.reply(res, { error: 0, message: 'Success', data: { token } });
    }
    if (path === '/v2.0/article/upload_video/verify') {
      const v = this.videos.get(url.searchParams.get('token') ?? '');
      return v ? this.reply(res, { error: 0, data: { video_id: v.videoId, status: 'ready' } }) : this.reply(res, { error: -201, message: 'no such token' });
    }
    if (path === '/v2.0/article/create') {
      const a = (await request.json()) as { type: string; title: string; description: string; body?: unknown; video_id?: string; cover?: { photo_url?: string }; avatar?: string };
      const token = `at${this.next++}`;
      this.articles.push({ id: `za${this.next++}`, token, type: a.type, title: a.title, description: a.description, body: a.body ?? null, videoId: a.video_id ?? null, cover: a.cover?.photo_url ?? a.avatar ?? null, removed: false, edits: 0, createdAt: this.now() });
      if (this.take('loseCreateAnswer')) return void req.socket.destroy();
      return this.reply(res, { error: 0, message: 'Success', data: { token } });
    }
    if (path === '/v2.0/article/verify') {
      const { token } = (await request.json()) as { token: string };
      const a = this.articles.find((x) => x.token === token);
      const slow = this.faults.find((f) => f.kind === 'slowVerify') as Extract<ZaloFault, { kind: 'slowVerify' }> | undefined;
      if (slow && slow.times > 0) {
        slow.times -= 1;
        return this.reply(res, { error: 0, data: {} });
      }
      return a ? this.reply(res, { error: 0, data: { id: a.id } }) : this.reply(res, { error: -201, message: 'no such token' });
    }
    if (path === '/v2.0/article/getslice') {
      const type = url.searchParams.get('type');
      // Newest first, a page by offset and limit (Zalo caps a page; 10 here).
      const all = this.live.filter((a) => a.type === type).reverse();
      const offset = Number(url.searchParams.get('offset') ?? 0);
      const limit = Math.min(10, Number(url.searchParams.get('limit') ?? 10));
      const medias = all.slice(offset, offset + limit).map((a) => ({ id: a.id, title: a.title, type: a.type, create_date: a.createdAt }));
      return this.reply(res, { error: 0, data: { medias, total: all.length } });
    }
    if (path === '/v2.0/article/getdetail') {
      const a = this.live.find((x) => x.id === url.searchParams.get('id'));
      return a ? this.reply(res, { error: 0, data: { id: a.id, title: a.title, description: a.description, video_id: a.videoId, link: `https://oa.zalo.me/article/${a.id}` } }) : this.reply(res, { error: -201, message: 'Article not found' });
    }
    if (path === '/v2.0/oa/message') {
      const body = (await request.json()) as { message?: { attachment?: { payload?: { elements?: { media_type: string; attachment_id: string }[] } } } };
      const element = body.message?.attachment?.payload?.elements?.[0];
      if (element?.media_type !== 'article' || !this.live.some((a) => a.id === element.attachment_id)) return this.reply(res, { error: -201, message: 'Article not found' });
      this.broadcasts.push(element.attachment_id);
      return this.reply(res, { error: 0, message: 'Success', data: { message_id: `msg${this.next++}` } });
    }
    if (path === '/v3.0/oa/message/cs') {
      const body = (await request.json()) as { recipient?: { user_id?: unknown }; message?: { text?: unknown } };
      const userId = body.recipient?.user_id;
      const text = body.message?.text;
      if (typeof userId !== 'string' || typeof text !== 'string' || text === '') return this.reply(res, { error: -201, message: 'Invalid parameter' });
      const refused = this.take('refuseMessage') as Extract<ZaloFault, { kind: 'refuseMessage' }> | null;
      if (refused) return this.reply(res, { error: refused.code, message: refused.message });
      const messageId = `cs${this.next++}`;
      this.messages.push({ messageId, userId, text });
      if (this.take('loseMessageAnswer')) return void req.socket.destroy();
      return this.reply(res, { error: 0, message: 'Success', data: { message_id: messageId, user_id: userId } });
    }
    if (path === '/v2.0/article/update' || path === '/v2.0/article/remove') {
      const body = (await request.json()) as { id: string; title?: string; description?: string };
      const a = this.live.find((x) => x.id === body.id);
      if (!a) return this.reply(res, { error: -201, message: 'Article not found' });
      if (path.endsWith('remove')) a.removed = true;
      else Object.assign(a, { title: body.title ?? a.title, description: body.description ?? a.description, edits: a.edits + 1 });
      return this.reply(res, { error: 0, message: 'Success', data: { id: a.id } });
    }
    return this.reply(res, { error: -201, message: `unknown ${path}` });
  }
}
