import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Readable } from 'node:stream';

/** What the fake does to the next matching call instead of (or after) answering it. */
export type GraphFault =
  | { kind: 'status'; status: number; error?: { code: number; error_subcode?: number; message?: string; is_transient?: boolean }; usage?: object }
  /** Does the work, then drops the connection: "it posted, but the answer was lost". */
  | { kind: 'loseResponse' }
  /** Never answers. */
  | { kind: 'hang' };

export interface FakePost {
  id: string;
  pageId: string;
  message: string;
  link: string | null;
  photos: string[];
  deleted: boolean;
  edits: number;
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
  readonly calls: { method: string; path: string; status: number }[] = [];
  /** Calls whose client went away before the answer (a worker killed mid-call). */
  abandoned = 0;
  private rules: Rule[] = [];
  private server: Server | null = null;
  private next = 1;
  private hanging: ServerResponse[] = [];
  latencyMs = 0;

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
    res.writeHead(status, { 'Content-Type': 'application/json', ...headers });
    res.end(JSON.stringify(body));
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://fake');
    const method = req.method ?? 'GET';
    const [, version, ...rest] = url.pathname.split('/');
    const path = rest.join('/');
    const params = new URLSearchParams(url.search);
    const files = new Map<string, Blob>();
    if (method === 'POST') {
      const request = new Request(`http://fake${url.pathname}`, { method, headers: req.headers as Record<string, string>, body: Readable.toWeb(req) as ReadableStream, duplex: 'half' } as RequestInit);
      const form = await request.formData();
      for (const [k, v] of form.entries()) {
        if (typeof v === 'string') params.set(k, v);
        else files.set(k, v);
      }
    }
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
    if (params.get('access_token') !== this.token) {
      record(400);
      return this.send(res, 400, { error: { code: 190, error_subcode: 463, type: 'OAuthException', message: 'Error validating access token' } });
    }
    const answer = this.route(method, path, params, files);
    record(answer.status);
    if (fault?.kind === 'loseResponse') {
      req.socket.destroy();
      return;
    }
    this.send(res, answer.status, answer.body);
  }

  private route(method: string, path: string, params: URLSearchParams, files: Map<string, Blob>): { status: number; body: object } {
    const missing = { status: 400, body: { error: { code: 100, error_subcode: 33, message: 'Unsupported request - object does not exist' } } };
    const [page, edge] = path.split('/');
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
      this.posts.push({ id, pageId: page ?? '', message, link: params.get('link'), photos, deleted: false, edits: 0 });
      return { status: 200, body: { id } };
    }
    if (method === 'GET' && edge === 'feed' && /^\d+$/.test(page ?? '')) {
      const limit = Number(params.get('limit') ?? 25);
      return { status: 200, body: { data: this.live.filter((p) => p.pageId === page).reverse().slice(0, limit).map((p) => ({ id: p.id, message: p.message })) } };
    }
    const post = this.posts.find((p) => p.id === path && !p.deleted);
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
}
