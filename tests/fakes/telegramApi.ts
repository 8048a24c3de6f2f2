import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One recorded Bot API call. */
export interface Call {
  method: string;
  params: Record<string, unknown>;
  at: number;
  /** 200, the error code the fake answered with, or 0 for a call it held unanswered. */
  status: number;
  result?: unknown;
}

interface Options {
  token: string;
  /** Telegram's limits as the fake enforces them; a call over them is a breach answered with 429. */
  chatGapMs?: number;
  groupPerMinute?: number;
  /** Answer every n-th message call with a 429 that is not the bot's fault (Telegram does this under load). */
  inject429Every?: number;
  files?: Record<string, { path: string; bytes: Buffer }>;
}

const MESSAGE_METHODS = new Set(['sendMessage', 'sendPhoto', 'sendMediaGroup', 'sendVideo', 'sendDocument', 'editMessageText', 'editMessageReplyMarkup']);
export const BOT = { id: 7000001, is_bot: true as const, first_name: 'Portal Hub', username: 'portal_hub_bot', can_join_groups: true, can_read_all_group_messages: true, supports_inline_queries: false, can_connect_to_business: false, has_main_web_app: false, has_topics_enabled: false, allows_users_to_create_topics: false, can_manage_bots: false, supports_join_request_queries: false };

/**
 * An upload (grammY's InputFile) as the fake reads it: text fields as JSON where they are, files as
 * their size, name and bytes (a test reads a sent report back). grammY writes `content-disposition:form-data;name="x"` without spaces, which undici's
 * FormData parser refuses, so the parts are split here.
 */
function multipartParams(body: Buffer, contentType: string): Record<string, unknown> {
  const boundary = /boundary=(.+)$/.exec(contentType)?.[1];
  if (!boundary) throw new Error('multipart without a boundary');
  const params: Record<string, unknown> = {};
  for (const part of body.toString('latin1').split(`--${boundary}`)) {
    const split = part.indexOf('\r\n\r\n');
    if (split < 0) continue;
    const head = part.slice(0, split);
    const value = part.slice(split + 4).replace(/\r\n$/, '');
    const name = /name="([^"]+)"/.exec(head)?.[1];
    if (!name) continue;
    if (/filename=/.test(head)) {
      params[name] = { upload: true, size: Buffer.byteLength(value, 'latin1'), filename: /filename="?([^"\r\n]*)"?/.exec(head)?.[1] ?? '', bytes: Buffer.from(value, 'latin1') };
      continue;
    }
    const text = Buffer.from(value, 'latin1').toString('utf8');
    try {
      params[name] = JSON.parse(text) as unknown;
    } catch {
      params[name] = text;
    }
  }
  return params;
}

/** A local stand-in for the Telegram Bot API: records every call and enforces the rate limits. */
export class FakeTelegram {
  readonly calls: Call[] = [];
  breaches = 0;
  injected = 0;
  private server: Server | null = null;
  private updates: unknown[] = [];
  private nextUpdateId = 1000;
  private nextMessageId = 50_000;
  private waiters: (() => void)[] = [];
  private accepted = new Map<string, number[]>();
  private messageCalls = 0;
  webhook: { url: string; secret: string | undefined } | null = null;
  /** The update types the bot asked for last (getUpdates or setWebhook). */
  allowedUpdates: string[] | null = null;
  /** getUpdates calls that began while another was still open: two pollers on one token (Telegram answers 409 Conflict). */
  overlappingPolls = 0;
  private openPolls = 0;
  /** While set, file downloads get no answer (a stalled file server); `fileRequests` counts them either way. */
  hangFiles = false;
  fileRequests = 0;
  /**
   * While set, calls of `method` (to `chatId`, if named) past the first `answered` answered ones are recorded (status 0)
   * and never answered: a request in flight when the bot dies. Telegram may or may not have acted on it.
   */
  holding: { method: string; chatId?: string | number; answered: number } | null = null;
  /** Calls of these methods whose connection is closed before any answer (a keep-alive socket closed under the client), one per entry. */
  private drops: string[] = [];

  constructor(private readonly options: Options) {}

  get root(): string {
    const address = this.server?.address() as AddressInfo;
    return `http://127.0.0.1:${address.port}`;
  }

  async listen(): Promise<void> {
    this.server = createServer((req, res) => void this.serve(req, res));
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
  }

  async close(): Promise<void> {
    for (const wake of this.waiters.splice(0)) wake();
    this.server?.closeAllConnections();
    await new Promise((resolve) => this.server?.close(resolve));
  }

  /** Queues an update for getUpdates; returns it with its update_id. */
  push<T extends object>(update: T): T & { update_id: number } {
    const full = { update_id: this.nextUpdateId++, ...update };
    // Telegram's update ids only grow: after a recorded update with a large id, the next ones follow it
    // (otherwise the bot's offset would make Telegram skip them).
    this.nextUpdateId = Math.max(this.nextUpdateId, full.update_id + 1);
    this.updates.push(full);
    for (const wake of this.waiters.splice(0)) wake();
    return full;
  }

  /** The next `times` calls of `method` get no answer: their connection is closed, as a server closing an idle keep-alive socket does. */
  dropNext(method: string, times = 1): void {
    for (let i = 0; i < times; i += 1) this.drops.push(method);
  }

  newMessageId(): number {
    return this.nextMessageId++;
  }

  /** Calls held without an answer (`holding`): in flight when the bot died. */
  held(method?: string): Call[] {
    return this.calls.filter((c) => c.status === 0 && (!method || c.method === method));
  }

  sent(method?: string, chatId?: string | number): Call[] {
    return this.calls.filter((c) => c.status === 200 && (!method || c.method === method) && (chatId === undefined || String(c.params.chat_id) === String(chatId)));
  }

  /** Texts the bot showed in a chat (sent, or edited into), oldest first. */
  texts(chatId: string | number): string[] {
    return this.sent(undefined, chatId).map((c) => String(c.params.text ?? c.params.caption ?? '')).filter((t) => t !== '');
  }

  /** Polls `probe` (synchronous, or a database read) until it gives a value. */
  async waitFor<T>(probe: () => T | undefined | null | false | Promise<T | undefined | null | false>, timeoutMs = 20_000): Promise<T> {
    const until = Date.now() + timeoutMs;
    for (;;) {
      const value = await probe();
      if (value) return value;
      if (Date.now() > until) throw new Error(`timed out waiting for the bot; its last calls: ${JSON.stringify(this.calls.filter((c) => c.method !== "getUpdates").slice(-8).map((c) => [c.method, c.status, c.params.chat_id, String(c.params.text ?? '').slice(0, 80)]))}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  private async serve(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const url = new URL(req.url ?? '/', 'http://fake');
    const filePrefix = `/file/bot${this.options.token}/`;
    if (url.pathname.startsWith(filePrefix)) {
      this.fileRequests += 1;
      if (this.hangFiles) return;
      const path = decodeURIComponent(url.pathname.slice(filePrefix.length));
      const file = Object.values(this.options.files ?? {}).find((f) => f.path === path);
      res.writeHead(file ? 200 : 404).end(file?.bytes ?? 'Not Found');
      return;
    }
    const m = /^\/bot([^/]+)\/(\w+)$/.exec(url.pathname);
    const reply = (status: number, body: object): void => {
      res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
    };
    if (!m || m[1] !== this.options.token) return reply(401, { ok: false, error_code: 401, description: 'Unauthorized' });
    const method = m[2]!;
    const drop = this.drops.indexOf(method);
    if (drop >= 0) {
      this.drops.splice(drop, 1);
      req.socket.destroy();
      return;
    }
    const raw = Buffer.concat(chunks).toString('utf8');
    let params: Record<string, unknown> = {};
    try {
      const type = req.headers['content-type'] ?? '';
      params = type.startsWith('multipart/form-data')
        ? multipartParams(Buffer.concat(chunks), type)
        : raw === ''
          ? Object.fromEntries(url.searchParams)
          : (JSON.parse(raw) as Record<string, unknown>);
    } catch {
      return reply(400, { ok: false, error_code: 400, description: 'Bad Request: cannot parse JSON' });
    }
    const hold = this.holding;
    const held = hold?.method === method && (hold.chatId === undefined || String(hold.chatId) === String(params.chat_id)) && this.sent(method, hold.chatId).length >= hold.answered;
    const call: Call = { method, params, at: Date.now(), status: held ? 0 : 200 };
    this.calls.push(call);
    if (held) return;
    if (MESSAGE_METHODS.has(method)) {
      const limited = this.limit(String(params.chat_id));
      if (limited !== null) {
        call.status = 429;
        return reply(429, { ok: false, error_code: 429, description: `Too Many Requests: retry after ${limited}`, parameters: { retry_after: limited } });
      }
    }
    const result = await this.answer(method, params);
    if (result === undefined) {
      call.status = method === 'getFile' ? 400 : 404;
      return reply(call.status, { ok: false, error_code: call.status, description: method === 'getFile' ? 'Bad Request: invalid file_id' : 'Not Found: method not found' });
    }
    call.result = result;
    reply(200, { ok: true, result });
  }

  /** Null when the call may pass; otherwise the retry_after to answer with. */
  private limit(chatId: string): number | null {
    this.messageCalls += 1;
    if (this.options.inject429Every && this.messageCalls % this.options.inject429Every === 0) {
      this.injected += 1;
      return 1;
    }
    const now = Date.now();
    const times = this.accepted.get(chatId) ?? [];
    const last = times.at(-1);
    const gap = this.options.chatGapMs ?? 1000;
    const perMinute = this.options.groupPerMinute ?? 20;
    const inLastMinute = times.filter((t) => t > now - 60_000);
    // Like Telegram, retry_after says how long until the call would pass (a restarted bot knows nothing of its last minute).
    const first = inLastMinute[0];
    if (chatId.startsWith('-') && inLastMinute.length >= perMinute && first !== undefined) {
      this.breaches += 1;
      return Math.max(1, Math.ceil((first + 60_000 - now) / 1000));
    }
    if (last !== undefined && now - last < gap) {
      this.breaches += 1;
      return Math.max(1, Math.ceil((last + gap - now) / 1000));
    }
    this.accepted.set(chatId, [...inLastMinute, now]);
    return null;
  }

  private chat(id: unknown) {
    const n = Number(id);
    return n < 0 ? { id: n, type: 'supergroup', title: `group ${n}` } : { id: n, type: 'private', first_name: 'User' };
  }

  private message(params: Record<string, unknown>, extra: object) {
    return { message_id: this.nextMessageId++, date: Math.floor(Date.now() / 1000), chat: this.chat(params.chat_id), from: BOT, ...extra };
  }

  /** getUpdates: waits up to a second (the bot's long poll, shortened) for updates after `offset`. */
  private async poll(p: Record<string, unknown>): Promise<unknown> {
    const offset = Number(p.offset ?? 0);
    this.updates = this.updates.filter((u) => (u as { update_id: number }).update_id >= offset);
    // Telegram delivers only the update types the bot asked for; the rest are dropped, never sent.
    if (Array.isArray(p.allowed_updates)) {
      const allowed = new Set(p.allowed_updates as string[]);
      this.allowedUpdates = [...allowed];
      this.updates = this.updates.filter((u) => Object.keys(u as object).some((k) => k !== 'update_id' && allowed.has(k)));
    }
    if (this.updates.length === 0) {
      const timeout = Math.min(Number(p.timeout ?? 0), 1) * 1000;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, timeout);
        this.waiters.push(() => (clearTimeout(timer), resolve()));
      });
    }
    return this.updates.slice(0, Number(p.limit ?? 100));
  }

  private async answer(method: string, p: Record<string, unknown>): Promise<unknown> {
    switch (method) {
      case 'getMe':
        return BOT;
      case 'getUpdates': {
        if (this.openPolls > 0) this.overlappingPolls += 1;
        this.openPolls += 1;
        try {
          return await this.poll(p);
        } finally {
          this.openPolls -= 1;
        }
      }
      case 'sendMessage':
        return this.message(p, { text: p.text, reply_markup: p.reply_markup });
      case 'sendPhoto':
        return this.message(p, { photo: [{ file_id: p.photo, file_unique_id: 'u', width: 1, height: 1 }], caption: p.caption });
      case 'sendVideo':
        return this.message(p, { video: { file_id: p.video, file_unique_id: 'u', width: 1, height: 1, duration: 1 }, caption: p.caption });
      case 'sendDocument':
        return this.message(p, { document: { file_id: p.document, file_unique_id: 'u' }, caption: p.caption });
      case 'sendMediaGroup':
        return (p.media as { type: string; media: string }[]).map((m) => this.message(p, { [m.type]: m.media, media_group_id: 'mg' }));
      case 'editMessageText':
        return { message_id: Number(p.message_id), date: 0, chat: this.chat(p.chat_id), text: p.text, reply_markup: p.reply_markup };
      case 'editMessageReplyMarkup':
        return { message_id: Number(p.message_id), date: 0, chat: this.chat(p.chat_id), reply_markup: p.reply_markup };
      case 'answerCallbackQuery':
        return true;
      case 'getFile': {
        const file = this.options.files?.[String(p.file_id)];
        return file ? { file_id: p.file_id, file_unique_id: 'u', file_size: file.bytes.length, file_path: file.path } : undefined;
      }
      case 'setWebhook':
        this.webhook = { url: String(p.url), secret: p.secret_token === undefined ? undefined : String(p.secret_token) };
        if (Array.isArray(p.allowed_updates)) this.allowedUpdates = p.allowed_updates as string[];
        return true;
      case 'deleteWebhook':
        this.webhook = null;
        return true;
      case 'setMyCommands': {
        // As the Bot API checks them: 1–100 commands, names of 1–32 lowercase letters, digits or _, descriptions of 1–256 characters.
        const commands = Array.isArray(p.commands) ? (p.commands as { command?: unknown; description?: unknown }[]) : [];
        const valid = commands.length >= 1 && commands.length <= 100 && commands.every((c) => typeof c.command === 'string' && /^[a-z0-9_]{1,32}$/.test(c.command) && typeof c.description === 'string' && c.description.length >= 1 && c.description.length <= 256);
        return valid ? true : undefined;
      }
      default:
        return undefined;
    }
  }
}
