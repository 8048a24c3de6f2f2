import { createHash } from 'node:crypto';
import { promisify } from 'node:util';
import { gzip, gzipSync } from 'node:zlib';
import { TAG } from '../../core/portal/changes.js';
import { pageAddress, type PageAddress, type ReadsOf } from './cacheKey.js';
import { slotBytes, slotChunks, slotEtag, slotOf, type Slot } from './slot.js';

/** A response kept as bytes: served from memory until something it shows may have changed. */
export interface Rendered {
  status: number;
  type: string;
  body: Buffer;
  gzip: Buffer | null;
  etag: string;
  cacheControl: string;
  /** Wall-clock ms after which the page must be drawn again (a maintenance notice appears or goes). */
  expiresAt: number | null;
  /** A hole filled per request (the comment form's token, slot.ts); `body` then holds its mark and is not sent as it is. */
  slot: Slot | null;
  /** What the page shows (src/core/portal/changes.ts TAG); absent, any public change drops it. */
  tags?: readonly string[];
}

const COMPRESS_FROM = 1024;
const RETRY_AFTER_SECONDS = '5';

/**
 * Only answers about things that exist are kept. A 404 or 400 can be asked for under any number of
 * made-up paths and queries; keeping them let long 404 paths fill memory (182 → 620 MB).
 */
const KEPT_STATUSES = new Set([200, 410]);
/** Map entry, object and header strings: an estimate, so that tiny pages under long keys still count. */
const ENTRY_OVERHEAD = 512;
const sizeOf = (key: string, r: Rendered) => key.length * 2 + r.body.length + (r.gzip?.length ?? 0) + (r.slot ? slotBytes(r.slot) : 0) + ENTRY_OVERHEAD;

/** What fills a page's hole (slot.ts) at a given moment, and the clock it reads. */
export interface SlotFill {
  fill: (nowMs: number) => string;
  now: () => number;
}

function uncompressed(status: number, type: string, text: string, cacheControl: string, expiresAt: number | null, hole?: SlotFill): Rendered {
  const body = Buffer.from(text, 'utf8');
  const etag = `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"`;
  const slot = hole ? slotOf(body, hole.fill, hole.now) : null;
  return { status, type, body, gzip: null, etag, cacheControl, expiresAt, slot };
}

/** Whether a response is worth a gzip copy (a page with a hole is compressed per request, slot.ts). */
const compresses = (r: Rendered) => !r.slot && r.body.length >= COMPRESS_FROM;

export function rendered(status: number, type: string, text: string, cacheControl: string, expiresAt: number | null = null, hole?: SlotFill): Rendered {
  const r = uncompressed(status, type, text, cacheControl, expiresAt, hole);
  return compresses(r) ? { ...r, gzip: gzipSync(r.body, { level: 6 }) } : r;
}

const gzipOnPool = promisify(gzip);

/**
 * As `rendered`, compressed on libuv's thread pool: a page drawn for one request (a search, which is
 * never asked twice) does not hold up the kept pages served meanwhile — its gzip was about a quarter of the
 * page thread's time per search.
 */
export async function renderedOffThread(status: number, type: string, text: string, cacheControl: string, expiresAt: number | null = null, hole?: SlotFill): Promise<Rendered> {
  const r = uncompressed(status, type, text, cacheControl, expiresAt, hole);
  return compresses(r) ? { ...r, gzip: await gzipOnPool(r.body, { level: 6 }) } : r;
}

/** The page filed under what it shows (see PageCache). */
export const tagged = (r: Rendered, tags: Iterable<string>): Rendered => ({ ...r, tags: [...new Set(tags)] });

/** What moved since the last change a process saw: a handful of tags, or everything. */
export interface PageChanges {
  /** The change stamp now (the audit trail's head). */
  seq: number;
  /** Tags whose pages must be drawn again (src/core/portal/changes.ts), or `all`. */
  drop: 'all' | readonly string[];
}

export interface PageCacheOptions {
  /**
   * What changed after `afterSeq` (null: nothing read yet). Read at most every `checkEveryMs`; cheap
   * when nothing moved (one row), else the audit rows since (src/app/portalChanges.ts).
   */
  changes: (afterSeq: number | null) => Promise<PageChanges>;
  /** How often changes are read, at most: the longest a page can lag a publication. */
  checkEveryMs: number;
  /** What the kept pages may take in memory, bodies, gzip copies and keys together. */
  maxBytes: number;
  monotonicMs: () => number;
  wallMs: () => number;
  /** Which query parameters each path's page reads (cacheKey.ts); absent, only tracking parameters are dropped. */
  keyRules?: readonly ReadsOf[];
}

interface Entry {
  page: Rendered;
  size: number;
  /** Null: drawn without saying what it shows, so any public change drops it. */
  tags: readonly string[] | null;
}

/** Untagged pages are filed here: dropped by any public change. */
const UNTAGGED = '*';
/** Drops remembered for renders under way; one older than these is not kept. */
const DROP_LOG = 256;

/**
 * Rendered pages by canonical URL, each filed under tags naming what it shows. Every web process reads
 * the audit trail's head at most every `checkEveryMs`; when it moved, the rows since say which tags
 * changed (a publication: its article, its site's and section's lists, feeds, search; a `/lang` command:
 * nothing), and only pages under those tags are dropped — whichever process wrote it. Concurrent misses
 * of one key share one render; a failed render is not kept and each waiter gets its error.
 */
export class PageCache {
  private readonly entries = new Map<string, Entry>();
  /** Tag → keys of the kept pages filed under it. */
  private readonly byTag = new Map<string, Set<string>>();
  private readonly rendering = new Map<string, Promise<Rendered>>();
  private bytes = 0;
  private stampSeen: number | null = null;
  private checkedAt = Number.NEGATIVE_INFINITY;
  private checking: Promise<void> | null = null;
  /** Counts drops; a render remembers the count it started at, and is not kept if a later drop touches it. */
  private drops = 0;
  private readonly dropLog: { at: number; tags: ReadonlySet<string> | 'all' }[] = [];
  /** Moves when every page is dropped (sites, sections, a maintenance notice…): views of the frame follow it. */
  private everything = 0;
  /** Moves when public files may have changed (the media tag, or everything). */
  private generation = 0;
  private readonly rules: readonly ReadsOf[];

  constructor(private readonly options: PageCacheOptions) {
    this.rules = options.keyRules ?? [];
  }

  /** The canonical path, query and key of a request (see cacheKey.ts): what the page is drawn from and kept under. */
  address(url: string | URL): PageAddress {
    return pageAddress(url, this.rules);
  }

  private async refresh(): Promise<void> {
    if (this.options.monotonicMs() - this.checkedAt < this.options.checkEveryMs) return;
    this.checking ??= (async () => {
      try {
        const change = await this.options.changes(this.stampSeen);
        if (this.stampSeen !== null && change.seq !== this.stampSeen) this.dropTags(change.drop);
        this.stampSeen = change.seq;
        this.checkedAt = this.options.monotonicMs();
      } finally {
        this.checking = null;
      }
    })();
    await this.checking;
  }

  /** Moves whenever the public files may have changed: other in-memory views (public media) follow it. */
  async generationNow(): Promise<number> {
    await this.refresh();
    return this.generation;
  }

  /** Moves whenever every page was dropped: in-memory views of what every page shows (the frame) follow it. */
  get everythingStamp(): number {
    return this.everything;
  }

  clear(): void {
    this.dropTags('all');
  }

  /** Drops the pages filed under any of `tags` (or all); nothing for an empty list. */
  dropTags(tags: 'all' | readonly string[]): void {
    if (tags !== 'all' && tags.length === 0) return;
    this.drops += 1;
    this.dropLog.push({ at: this.drops, tags: tags === 'all' ? 'all' : new Set(tags) });
    if (this.dropLog.length > DROP_LOG) this.dropLog.shift();
    // Renders under way may show what changed: whoever asks from now on starts a new one.
    this.rendering.clear();
    if (tags === 'all' || tags.includes(TAG.media)) this.generation += 1;
    if (tags === 'all') {
      this.everything += 1;
      this.entries.clear();
      this.byTag.clear();
      this.bytes = 0;
      return;
    }
    for (const tag of [...tags, UNTAGGED]) {
      const keys = this.byTag.get(tag);
      if (!keys) continue;
      for (const key of [...keys]) this.drop(key);
    }
  }

  /** What the kept pages take now, in bytes (never more than `maxBytes`). */
  get keptBytes(): number {
    return this.bytes;
  }

  /** How many pages are kept now. */
  get size(): number {
    return this.entries.size;
  }

  private keep(key: string, page: Rendered): void {
    const size = sizeOf(key, page);
    if (size > this.options.maxBytes) return;
    this.drop(key);
    const tags = page.tags ?? null;
    this.entries.set(key, { page, size, tags });
    for (const tag of tags ?? [UNTAGGED]) {
      let keys = this.byTag.get(tag);
      if (!keys) this.byTag.set(tag, (keys = new Set()));
      keys.add(key);
    }
    this.bytes += size;
    // Least recently used goes first: the map keeps insertion order and hits are re-inserted.
    for (const oldest of this.entries.keys()) {
      if (this.bytes <= this.options.maxBytes) break;
      this.drop(oldest);
    }
  }

  private drop(key: string): void {
    const kept = this.entries.get(key);
    if (!kept) return;
    this.entries.delete(key);
    this.bytes -= kept.size;
    for (const tag of kept.tags ?? [UNTAGGED]) {
      const keys = this.byTag.get(tag);
      keys?.delete(key);
      if (keys?.size === 0) this.byTag.delete(tag);
    }
  }

  /** Whether a drop since `started` may have touched a page with these tags. */
  private touchedSince(started: number, tags: readonly string[] | null): boolean {
    if (started === this.drops) return false;
    const oldest = this.dropLog[0]?.at ?? Number.POSITIVE_INFINITY;
    if (started + 1 < oldest) return true;
    return this.dropLog.some((d) => d.at > started && (d.tags === 'all' || tags === null || tags.some((t) => (d.tags as ReadonlySet<string>).has(t))));
  }

  private fresh(entry: Entry | undefined): entry is Entry {
    return entry !== undefined && (entry.page.expiresAt === null || entry.page.expiresAt > this.options.wallMs());
  }

  /** The kept page, or one drawn now (shared with every request for the same key meanwhile); `hit` says which. */
  async lookup(key: string, render: () => Promise<Rendered>): Promise<{ page: Rendered; hit: boolean }> {
    await this.refresh();
    const kept = this.entries.get(key);
    if (this.fresh(kept)) {
      // Re-inserting moves the key to the end: it is evicted last.
      this.entries.delete(key);
      this.entries.set(key, kept);
      return { page: kept.page, hit: true };
    }
    const under = this.rendering.get(key);
    if (under) return { page: await under, hit: true };
    const started = this.drops;
    const drawing = render().then((page) => {
      if (KEPT_STATUSES.has(page.status) && !this.touchedSince(started, page.tags ?? null)) this.keep(key, page);
      return page;
    });
    this.rendering.set(key, drawing);
    // The promise leaves the map however it ends: a failure is not kept, the next request draws again.
    const settle = () => {
      if (this.rendering.get(key) === drawing) this.rendering.delete(key);
    };
    drawing.then(settle, settle);
    return { page: await drawing, hit: false };
  }

  async get(key: string, render: () => Promise<Rendered>): Promise<Rendered> {
    return (await this.lookup(key, render)).page;
  }

  /** The kept or drawn page as a response (304, gzip), saying in `X-Cache` whether it was drawn for this request. */
  async serve(key: string, render: () => Promise<Rendered>, request: { ifNoneMatch?: string | undefined; acceptEncoding?: string | undefined }): Promise<Response> {
    const { page, hit } = await this.lookup(key, render);
    const response = respond(page, request);
    response.headers.set('X-Cache', hit ? 'hit' : 'miss');
    return response;
  }

  /**
   * A kept response, without touching the database: only while changes were read within the
   * freshness window. Null sends the request the slow way, which reads them again. `url` is the
   * request's path and query as sent: its canonical key is looked up (after `keyPrefix`, a component
   * site's own host: src/http/hostRouting.ts).
   */
  peek(url: string, keyPrefix = ''): Rendered | null {
    if (this.options.monotonicMs() - this.checkedAt >= this.options.checkEveryMs) return null;
    // Most requests carry no query: their path is their key as the slow way files it.
    const kept = this.entries.get(`${keyPrefix}${url.includes('?') ? this.address(url).key : url}`);
    return this.fresh(kept) ? kept.page : null;
  }
}

/** The ETag of the response as sent now (a page with a hole changes it every few minutes). */
export const etagNow = (r: Rendered) => (r.slot ? slotEtag(r.etag, r.slot) : r.etag);

/** Whether the client already holds this version. */
export function holds(r: Rendered, ifNoneMatch: string | undefined): boolean {
  if (!ifNoneMatch) return false;
  const etag = etagNow(r);
  return ifNoneMatch.split(',').some((t) => t.trim().replace(/^W\//, '') === etag);
}

const takesGzip = (acceptEncoding: string | undefined) => /\bgzip\b/.test(acceptEncoding ?? '');

/** The bytes to send and their headers: gzip when the client takes it; a page's hole filled now. */
export function payload(r: Rendered, acceptEncoding: string | undefined): { body: Buffer; headers: Record<string, string> } {
  const gzipped = r.slot ? r.slot.before.length + r.slot.after.length >= COMPRESS_FROM && takesGzip(acceptEncoding) : r.gzip !== null && takesGzip(acceptEncoding);
  const body = r.slot ? Buffer.concat(slotChunks(r.slot, gzipped)) : gzipped && r.gzip ? r.gzip : r.body;
  const headers: Record<string, string> = { ETag: etagNow(r), 'Cache-Control': r.cacheControl, Vary: 'Accept-Encoding', 'Content-Type': r.type, 'Content-Length': String(body.length) };
  if (gzipped) headers['Content-Encoding'] = 'gzip';
  // Every 503 drawn here is a moment's refusal (search busy, not set up yet): say when to come back.
  if (r.status === 503) headers['Retry-After'] = RETRY_AFTER_SECONDS;
  return { body, headers };
}

/** Sends a kept response: 304 when the client holds it, gzip when the client takes it. */
export function respond(r: Rendered, request: { ifNoneMatch?: string | undefined; acceptEncoding?: string | undefined }): Response {
  if (holds(r, request.ifNoneMatch)) return new Response(null, { status: 304, headers: { ETag: etagNow(r), 'Cache-Control': r.cacheControl, Vary: 'Accept-Encoding' } });
  const { body, headers } = payload(r, request.acceptEncoding);
  return new Response(new Uint8Array(body.buffer, body.byteOffset, body.byteLength), { status: r.status, headers });
}
