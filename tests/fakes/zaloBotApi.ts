import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One recorded Bot Platform call. */
export interface BotCallRecord {
  method: string;
  params: Record<string, unknown>;
  at: number;
  status: number;
}

interface Options {
  token: string;
  /** What getMe says (the account type decides whether the bot may join groups). */
  canJoinGroups?: boolean;
  accountName?: string;
  /** Sends allowed per rolling minute before the fake answers 429 (the platform's limits are unpublished; bursts get 429). */
  sendsPerMinute?: number;
}

const json = (res: ServerResponse, status: number, body: unknown) => {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
};

let nextId = 0x1f0000;
const hexId = () => (nextId++).toString(16).padStart(12, 'a');

/**
 * A local stand-in for the Zalo Bot Platform (bot-api.zaloplatforms.com), in the shapes of the
 * platform's documentation as copied in platforms.md: POST `/bot<TOKEN>/<method>` with a JSON body;
 * `{ok, result}` or `{ok:false, error_code, description}`; getUpdates answers one update per call as an
 * object, and 408 when the long poll ends empty [unconfirmed]; a webhook, once set, gets each update as a
 * POST with the secret in X-Bot-Api-Secret-Token, and getUpdates is refused meanwhile. It also serves the
 * photos people send, at /photos/<name>.
 */
export class FakeZaloBot {
  readonly calls: BotCallRecord[] = [];
  private server: Server | null = null;
  private queue: Record<string, unknown>[] = [];
  private waiters: (() => void)[] = [];
  webhook: { url: string; secret: string } | null = null;
  /** Webhook posts and what they were answered. */
  readonly deliveries: { status: number; body: string }[] = [];
  private readonly photos = new Map<string, Buffer>();
  /** While set, every send is answered 429. */
  throttle = false;
  /** While set, getMe and every call answer 401 (a token regenerated in Zalo Bot Manager). */
  revoked = false;
  readonly botId = '5551234567';

  constructor(private readonly options: Options) {}

  get url(): string {
    return `http://127.0.0.1:${(this.server?.address() as AddressInfo).port}`;
  }

  async start(): Promise<void> {
    this.server = createServer((req, res) => void this.serve(req, res));
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
  }

  async stop(): Promise<void> {
    for (const wake of this.waiters.splice(0)) wake();
    this.server?.closeAllConnections();
    await new Promise((resolve) => this.server?.close(resolve));
  }

  /** A photo a phone uploaded to Zalo; its URL goes into a message. */
  photo(name: string, bytes: Buffer): string {
    this.photos.set(name, bytes);
    return `${this.url}/photos/${name}`;
  }

  /** A message a person sends: to the webhook when one is set, else queued for getUpdates. */
  async send(message: { chat: { id: string; chat_type: 'PRIVATE' | 'GROUP' }; from: { id: string; display_name: string }; text?: string; photo?: string; caption?: string }, eventName?: string): Promise<Record<string, unknown>> {
    const event_name = eventName ?? (message.photo ? 'message.image.received' : 'message.text.received');
    const update = { event_name, message: { message_id: hexId(), date: Date.now(), ...message } };
    if (this.webhook) await this.deliver(update);
    else {
      this.queue.push(update);
      for (const wake of this.waiters.splice(0)) wake();
    }
    return update;
  }

  /** Posts an update to the webhook as the platform does (or with another secret, or none (null), as a forger would). */
  async deliver(update: unknown, secret?: string | null): Promise<{ status: number; body: string }> {
    if (!this.webhook) throw new Error('no webhook set');
    const header = secret === undefined ? this.webhook.secret : secret;
    const response = await fetch(this.webhook.url, { method: 'POST', headers: { 'content-type': 'application/json', ...(header !== null ? { 'X-Bot-Api-Secret-Token': header } : {}) }, body: JSON.stringify(update) });
    const got = { status: response.status, body: await response.text() };
    this.deliveries.push(got);
    return got;
  }

  sent(chatId?: string): BotCallRecord[] {
    return this.calls.filter((c) => c.status === 200 && c.method === 'sendMessage' && (chatId === undefined || c.params['chat_id'] === chatId));
  }

  texts(chatId: string): string[] {
    return this.sent(chatId).map((c) => String(c.params['text'] ?? ''));
  }

  async waitFor<T>(probe: () => T | undefined | null | false | Promise<T | undefined | null | false>, timeoutMs = 20_000): Promise<T> {
    const until = Date.now() + timeoutMs;
    for (;;) {
      const value = await probe();
      if (value) return value;
      if (Date.now() > until) throw new Error(`timed out waiting for the Zalo bot; its last sends: ${JSON.stringify(this.calls.filter((c) => c.method !== 'getUpdates').slice(-8).map((c) => [c.method, c.status, c.params['chat_id'], String(c.params['text'] ?? '').slice(0, 80)]))}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  private sendsInLastMinute(now: number): number {
    return this.calls.filter((c) => c.method === 'sendMessage' && c.status === 200 && c.at > now - 60_000).length;
  }

  private async serve(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const path = new URL(req.url ?? '/', 'http://fake').pathname;
    if (path.startsWith('/photos/')) {
      const bytes = this.photos.get(decodeURIComponent(path.slice('/photos/'.length)));
      if (!bytes) return json(res, 404, { error: 'not found' });
      res.writeHead(200, { 'content-type': 'image/jpeg', 'content-length': bytes.length });
      return void res.end(bytes);
    }
    const match = /^\/bot([^/]+)\/([A-Za-z]+)$/.exec(path);
    if (!match || req.method !== 'POST') return json(res, 404, { ok: false, error_code: 404, description: 'Not Found' });
    const [, token, method = ''] = match;
    let params: Record<string, unknown> = {};
    try {
      params = chunks.length ? (JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<string, unknown>) : {};
    } catch {
      return json(res, 400, { ok: false, error_code: 400, description: 'Bad Request: body is not JSON' });
    }
    const record: BotCallRecord = { method, params, at: Date.now(), status: 200 };
    this.calls.push(record);
    const fail = (status: number, description: string) => {
      record.status = status;
      json(res, status, { ok: false, error_code: status, description });
    };
    if (token !== this.options.token || this.revoked) return fail(401, 'Unauthorized');
    switch (method) {
      case 'getMe':
        return json(res, 200, { ok: true, result: { id: this.botId, account_name: this.options.accountName ?? 'Cổng tin tỉnh', account_type: this.options.canJoinGroups === false ? 'BASIC' : 'PRO', can_join_groups: this.options.canJoinGroups !== false } });
      case 'getUpdates': {
        if (this.webhook) return fail(409, 'Conflict: webhook is active');
        const until = Date.now() + Math.min(Number(params['timeout'] ?? 0), 30) * 1000;
        while (this.queue.length === 0 && Date.now() < until && !req.socket.destroyed) await new Promise<void>((wake) => (this.waiters.push(wake), setTimeout(wake, 200)));
        const update = this.queue.shift();
        if (!update) return fail(408, 'Request timeout');
        return json(res, 200, { ok: true, result: update });
      }
      case 'setWebhook': {
        const secret = String(params['secret_token'] ?? '');
        if (secret.length < 8 || secret.length > 256) return fail(400, 'Bad Request: secret_token must be 8-256 characters');
        this.webhook = { url: String(params['url']), secret };
        return json(res, 200, { ok: true, result: { url: this.webhook.url, updated_at: Date.now() } });
      }
      case 'deleteWebhook':
        this.webhook = null;
        return json(res, 200, { ok: true, result: { url: '', updated_at: Date.now() } });
      case 'sendMessage': {
        const text = String(params['text'] ?? '');
        if (text.length < 1 || text.length > 2000) return fail(400, 'Bad Request: text must be 1-2000 characters');
        if (this.throttle || (this.options.sendsPerMinute !== undefined && this.sendsInLastMinute(record.at) >= this.options.sendsPerMinute)) return fail(429, 'Too Many Requests');
        return json(res, 200, { ok: true, result: { message_id: hexId(), date: Date.now() } });
      }
      case 'sendChatAction':
        return json(res, 200, { ok: true, result: true });
      default:
        return fail(404, `Not Found: method ${method}`);
    }
  }
}
