import { createCipheriv, createDecipheriv, createHash } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import sharp from 'sharp';
import { WebSocketServer, type WebSocket } from 'ws';

/**
 * Zalo Web as zca-js sees it, on 127.0.0.1: the login endpoints (whose answer is encrypted with a key
 * derived from the request, as the real ones are), the service calls our gateway makes (AES-CBC
 * params and answers), the file host the pictures come from, and the listener websocket with
 * zca-js's frame format. Tests push group messages, reactions and recalls, kick the session, and
 * read back every message the bot sent with its time.
 */

const SESSION_COOKIE = 'zpw_sek';
/** Every service zca-js 2.2.0 reads from the login's service map; all of them point at the fake. */
const SERVICES = ['aext', 'alias', 'auto_reply', 'catalog', 'chat', 'conversation', 'file', 'friend', 'friend_board', 'group', 'group_board', 'group_poll', 'label', 'profile', 'quick_message', 'reaction', 'sticker', 'zimsg'];
const ZERO_IV = Buffer.alloc(16);

export interface SentMessage {
  at: number;
  threadId: string;
  text: string;
  /** The message quoted, when the send was a quoted reply. */
  quotedMsgId: string | null;
  msgId: string;
  /** Sent to a person (a private chat), not to a group. */
  private: boolean;
}

export interface PushedMessage {
  threadId: string;
  from: string;
  name?: string;
  msgType?: string;
  content: string | Record<string, unknown>;
  msgId?: string;
  quote?: Record<string, unknown>;
}

const aesCbc = (key: Buffer) => ({
  encrypt: (text: string) => {
    const c = createCipheriv(`aes-${key.length * 8}-cbc`, key, ZERO_IV);
    return Buffer.concat([c.update(text, 'utf8'), c.final()]).toString('base64');
  },
  decrypt: (b64: string) => {
    const d = createDecipheriv(`aes-${key.length * 8}-cbc`, key, ZERO_IV);
    return Buffer.concat([d.update(Buffer.from(decodeURIComponent(b64), 'base64')), d.final()]).toString('utf8');
  },
});

/** zca-js's login key: from the MD5 of zcid_ext and the even and odd characters of zcid (ParamsEncryptor). */
function loginKey(zcid: string, zcidExt: string): string {
  const split = (s: string) => [...s].reduce<[string[], string[]]>((acc, ch, i) => (acc[i % 2]!.push(ch), acc), [[], []]);
  const [md5Even] = split(createHash('md5').update(zcidExt).digest('hex').toUpperCase());
  const [even, odd] = split(zcid);
  return md5Even.slice(0, 8).join('') + even.slice(0, 12).join('') + odd.reverse().slice(0, 12).join('');
}

function frame(cmd: number, subCmd: number, body: unknown): Buffer {
  const header = Buffer.alloc(4);
  header[0] = 1;
  header.writeUInt16LE(cmd, 1);
  header[3] = subCmd;
  return Buffer.concat([header, Buffer.from(JSON.stringify(body))]);
}

/** A 21×21 module pattern shaped like a QR code (three finder patterns, data in between), fixed for a given seed. */
export function qrLikeMatrix(seed = 7): boolean[][] {
  let state = seed;
  const next = () => ((state = (state * 1103515245 + 12345) % 2147483648) / 2147483648);
  const size = 21;
  const finder = (r: number, c: number) => {
    const ring = Math.max(Math.abs(r - 3), Math.abs(c - 3));
    return ring !== 2;
  };
  return Array.from({ length: size }, (_, r) =>
    Array.from({ length: size }, (_, c) => {
      if (r < 7 && c < 7) return finder(r, c);
      if (r < 7 && c >= size - 7) return finder(r, c - (size - 7));
      if (r >= size - 7 && c < 7) return finder(r - (size - 7), c);
      if (r === 7 || c === 7 || r === size - 8 || c === size - 8) return false;
      return next() < 0.5;
    }),
  );
}

/** The matrix as Zalo's QR picture: a PNG, `scale` pixels a module, with a white margin. */
export async function qrPng(matrix: boolean[][], scale = 8, margin = 4): Promise<Buffer> {
  const size = (matrix.length + margin * 2) * scale;
  const pixels = Buffer.alloc(size * size, 255);
  matrix.forEach((row, r) =>
    row.forEach((dark, c) => {
      if (!dark) return;
      for (let y = 0; y < scale; y += 1) pixels.fill(0, ((r + margin) * scale + y) * size + (c + margin) * scale, ((r + margin) * scale + y) * size + (c + margin + 1) * scale);
    }),
  );
  return sharp(pixels, { raw: { width: size, height: size, channels: 1 } }).png().toBuffer();
}

const event = (data: unknown) => ({ encrypt: 0, data: JSON.stringify({ data }) });

export async function startZaloWebFake(options: { selfUid?: string; session?: string } = {}) {
  const selfUid = options.selfUid ?? '100';
  const secretKey = Buffer.from('portal-hub-fake-zalo-session-key'.padEnd(32, '#').slice(0, 32));
  const session = aesCbc(secretKey);
  const files = new Map<string, { type: string; bytes: Buffer }>();
  const sends: SentMessage[] = [];
  const logins: { at: number; imei: string | null }[] = [];
  const sockets = new Set<WebSocket>();
  let nextMsgId = 5000;
  const state = {
    /** The session cookie the fake accepts; anything else is an expired login. */
    validSession: options.session ?? 'sek-valid',
    /** While set, new listener connections are closed at once with this code (another Zalo Web holds the account). */
    refuseWith: null as number | null,
    /** Service errors to answer the next sends with (a Zalo error code), first in first out. */
    failNextSends: [] as number[],
    /** HTTP statuses to answer the next sign-ins with (a proxy's 502 page), first in first out. */
    loginStatuses: [] as number[],
    connections: 0,
    qrGenerated: 0,
    /** The person at the phone declines the QR sign-in. */
    qrDeclines: false,
    /** How many of the newest group messages an old-message request gets; null: the request is never answered. */
    historyPage: 50 as number | null,
    historyRequests: 0,
    reactionHistoryRequests: 0,
    /** How long the file host takes to answer (a slow download, while the sender may recall the message). */
    fileDelayMs: 0,
  };
  /** Every group message Zalo keeps (pushed or not, the bot's own too), oldest first: what an old-message request reads. */
  const history: Record<string, unknown>[] = [];
  /** Every group reaction, oldest first: what an old-reaction request reads (content as Zalo sends it, a JSON string). */
  const reactionHistory: Record<string, unknown>[] = [];

  const cookieOf = (req: IncomingMessage) => Object.fromEntries((req.headers.cookie ?? '').split(/;\s*/).map((c) => c.split('=') as [string, string]));
  const json = (res: ServerResponse, status: number, body: unknown) => {
    res.writeHead(status, { 'content-type': 'application/json' });
    res.end(JSON.stringify(body));
  };
  const answer = (res: ServerResponse, data: unknown) => json(res, 200, { error_code: 0, error_message: 'Successful.', data: session.encrypt(JSON.stringify({ error_code: 0, data })) });

  const server = createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://fake');
    let raw = '';
    for await (const chunk of req) raw += chunk;
    const form = new URLSearchParams(raw);
    const params = (): Record<string, unknown> => JSON.parse(session.decrypt(form.get('params') ?? url.searchParams.get('params') ?? '')) as Record<string, unknown>;

    if (url.pathname.startsWith('/files/')) {
      const file = files.get(url.pathname.slice('/files/'.length));
      if (!file) return json(res, 404, { error: 'not found' });
      if (state.fileDelayMs > 0) await new Promise((r) => setTimeout(r, state.fileDelayMs));
      res.writeHead(200, { 'content-type': file.type, 'content-length': file.bytes.length });
      return void res.end(file.bytes);
    }
    // Zalo's QR sign-in (id.zalo.me, jr.chat.zalo.me): the phone scans and confirms at once.
    if (url.pathname === '/account' && req.method === 'GET') {
      res.writeHead(200, { 'content-type': 'text/html' });
      return void res.end('<html><script src="https://stc-zlogin.zdn.vn/main-2.44.10.js"></script></html>');
    }
    if (url.pathname === '/account/logininfo' || url.pathname === '/account/verify-client') return json(res, 200, { error_code: 0, data: {} });
    if (url.pathname === '/account/authen/qr/generate') {
      state.qrGenerated += 1;
      const png = await qrPng(qrLikeMatrix());
      return json(res, 200, { error_code: 0, data: { code: `qr-${state.qrGenerated}`, image: `data:image/png;base64,${png.toString('base64')}` } });
    }
    if (url.pathname === '/account/authen/qr/waiting-scan') return json(res, 200, { error_code: 0, data: { avatar: '', display_name: 'Cổng TTĐT tỉnh' } });
    if (url.pathname === '/account/authen/qr/waiting-confirm') {
      if (state.qrDeclines) return json(res, 200, { error_code: -13, error_message: 'declined' });
      res.setHeader('set-cookie', `${SESSION_COOKIE}=${state.validSession}; Domain=chat.zalo.me; Path=/`);
      return json(res, 200, { error_code: 0, data: {} });
    }
    if (url.pathname === '/account/checksession') return json(res, 200, { error_code: 0 });
    if (url.pathname === '/jr/userinfo') return json(res, 200, { data: { logged: true, info: { name: 'Cổng TTĐT tỉnh' } } });
    if (url.pathname === '/api/login/getLoginInfo') {
      const forced = state.loginStatuses.shift();
      if (forced !== undefined) {
        logins.push({ at: Date.now(), imei: null });
        res.writeHead(forced, { 'content-type': 'text/html' }).end(`<html><body>${forced} Bad Gateway</body></html>`);
        return;
      }
      const key = loginKey(url.searchParams.get('zcid') ?? '', url.searchParams.get('zcid_ext') ?? '');
      const expired = cookieOf(req)[SESSION_COOKIE] !== state.validSession;
      logins.push({ at: Date.now(), imei: null });
      const body = expired
        ? { error_code: -1, error_message: 'session expired' }
        : {
            error_code: 0,
            data: {
              uid: selfUid,
              zpw_enk: secretKey.toString('base64'),
              zpw_service_map_v3: Object.fromEntries(SERVICES.map((s) => [s, [base()]])),
              zpw_ws: [`ws://127.0.0.1:${port()}/ws`],
            },
          };
      return json(res, 200, { error_code: 0, data: aesCbc(Buffer.from(key, 'utf8')).encrypt(JSON.stringify(body)) });
    }
    if (url.pathname === '/api/login/getServerInfo') {
      return json(res, 200, {
        error_code: 0,
        data: { setttings: { features: { sharefile: {}, socket: { ping_interval: 60_000, retries: {}, rotate_error_codes: [], close_and_retry_codes: [] } } }, extra_ver: {} },
      });
    }
    const toPerson = url.pathname === '/api/message/sms' || url.pathname === '/api/message/quote';
    if (url.pathname === '/api/group/sendmsg' || url.pathname === '/api/group/quote' || toPerson) {
      const failure = state.failNextSends.shift();
      if (failure !== undefined) return json(res, 200, { error_code: failure, error_message: 'refused by the fake' });
      const p = params();
      const msgId = String(nextMsgId++);
      sends.push({ at: Date.now(), threadId: String(toPerson ? p['toid'] : p['grid']), text: String(p['message']), quotedMsgId: p['qmsgId'] === undefined ? null : String(p['qmsgId']), msgId, private: toPerson });
      if (toPerson) return answer(res, { msgId });
      history.push({ msgId, cliMsgId: String(Date.now()), msgType: 'webchat', uidFrom: '0', idTo: String(p['grid']), dName: 'Cổng TTĐT tỉnh', ts: String(Date.now()), status: 1, content: String(p['message']), ttl: 0 });
      return answer(res, { msgId });
    }
    json(res, 404, { error_code: 404, error_message: `the fake does not serve ${url.pathname}` });
  });

  const wss = new WebSocketServer({ noServer: true });
  server.on('upgrade', (req, socket, head) => {
    if (cookieOf(req)[SESSION_COOKIE] !== state.validSession) {
      socket.end('HTTP/1.1 401 Unauthorized\r\n\r\n');
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => {
      if (state.refuseWith !== null) return void ws.close(state.refuseWith, 'duplicate');
      state.connections += 1;
      sockets.add(ws);
      ws.on('close', () => sockets.delete(ws));
      // zca-js's requests: a 4-byte header (version, command as 16-bit little-endian, sub-command), then JSON.
      ws.on('message', (data: Buffer) => {
        if (data.length < 4 || data[3] !== 1) return;
        const command = data.readUInt16LE(1);
        if (command === 611) {
          state.reactionHistoryRequests += 1;
          if (state.historyPage !== null) ws.send(frame(611, 1, event({ reactGroups: reactionHistory.slice(-state.historyPage) })));
          return;
        }
        if (command !== 511) return;
        state.historyRequests += 1;
        if (state.historyPage === null) return;
        ws.send(frame(511, 1, event({ groupMsgs: history.slice(-state.historyPage) })));
      });
      ws.send(frame(1, 1, { key: Buffer.alloc(16).toString('base64') }));
    });
  });

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = () => (server.address() as AddressInfo).port;
  const base = () => `http://127.0.0.1:${port()}`;
  const push = (cmd: number, body: unknown): void => {
    for (const ws of sockets) ws.send(frame(cmd, 0, body));
  };
  const message = (m: PushedMessage) => ({
    msgId: m.msgId ?? String(nextMsgId++),
    cliMsgId: String(Date.now()),
    msgType: m.msgType ?? (typeof m.content === 'string' ? 'webchat' : 'chat.photo'),
    uidFrom: m.from,
    idTo: m.threadId,
    dName: m.name ?? `Người dùng ${m.from}`,
    ts: String(Date.now()),
    status: 1,
    content: m.content,
    ttl: 0,
    quote: m.quote,
  });

  return {
    base: base(),
    selfUid,
    sends,
    logins,
    state,
    /** A cookie set that the fake takes as a signed-in session. */
    credentials: (sessionValue = state.validSession) => ({
      cookie: [{ key: SESSION_COOKIE, value: sessionValue, domain: 'chat.zalo.me', path: '/' }],
      imei: 'fake-imei-0001',
      userAgent: 'Mozilla/5.0 (portal-hub test)',
    }),
    /** Serves bytes at a URL of the fake, as Zalo's picture and file hosts do. */
    host(name: string, type: string, bytes: Buffer): string {
      files.set(name, { type, bytes });
      return `${base()}/files/${name}`;
    },
    get openSockets() {
      return sockets.size;
    },
    /** A group message as Zalo pushes it; returns its message id. */
    groupMessage(m: PushedMessage): string {
      const msg = message(m);
      // Posted while nobody listens, it is only in the history. (Zalo marks the account's own messages there with uidFrom "0".)
      history.push(msg);
      push(521, event({ groupMsgs: [msg] }));
      return msg.msgId;
    },
    /** A message a person sends the bot's account directly (a private chat); returns its message id. */
    privateMessage(m: Omit<PushedMessage, 'threadId'>): string {
      const msg = { ...message({ ...m, threadId: selfUid }), idTo: selfUid };
      push(501, event({ msgs: [msg] }));
      return msg.msgId;
    },
    reaction(r: { threadId: string; from: string; name?: string; icon: string; msgId: string }): void {
      const react = { msgId: String(nextMsgId++), cliMsgId: String(Date.now()), msgType: 'reaction', uidFrom: r.from, dName: r.name, idTo: r.threadId, ts: String(Date.now()), ttl: 0, content: JSON.stringify({ rMsg: [{ gMsgID: r.msgId, cMsgID: r.msgId, msgType: 1 }], rIcon: r.icon, rType: 3, source: 6 }) };
      // Given while nobody listens, it is only in the reaction history.
      reactionHistory.push(react);
      push(612, event({ reacts: [], reactGroups: [react] }));
    },
    /** The sender recalls one of their messages. */
    undo(u: { threadId: string; from: string; msgId: string }): void {
      const msg = message({ threadId: u.threadId, from: u.from, msgType: 'chat.undo', content: { globalMsgId: Number(u.msgId), cliMsgId: Number(u.msgId), deleteMsg: 1, srcId: Number(u.from), destId: Number(u.threadId) } });
      push(521, event({ groupMsgs: [msg] }));
    },
    /** Another Zalo Web session takes the account: every listener is closed with `code`. */
    kick(code = 3003): void {
      for (const ws of sockets) ws.close(code, 'kicked');
    },
    /** The connection breaks without a close frame (the client sees 1006). */
    drop(): void {
      for (const ws of sockets) ws.terminate();
    },
    async close(): Promise<void> {
      for (const ws of sockets) ws.terminate();
      wss.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

export type ZaloWebFake = Awaited<ReturnType<typeof startZaloWebFake>>;
