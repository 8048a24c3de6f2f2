import { createHash } from 'node:crypto';
import { gzipSync } from 'node:zlib';
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
}

const COMPRESS_FROM = 1024;

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

export function rendered(status: number, type: string, text: string, cacheControl: string, expiresAt: number | null = null, hole?: SlotFill): Rendered {
  const body = Buffer.from(text, 'utf8');
  const etag = `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"`;
  const slot = hole ? slotOf(body, hole.fill, hole.now) : null;
  return { status, type, body, gzip: !slot && body.length >= COMPRESS_FROM ? gzipSync(body, { level: 6 }) : null, etag, cacheControl, expiresAt, slot };
}

export interface PageCacheOptions {
  /** Changes whenever anything published may have changed (see PortalStore.changeStamp). */
  stamp: () => Promise<number>;
  /** How often the stamp is read, at most: the longest a page can lag a publication. */
  checkEveryMs: number;
  /** What the kept pages may take in memory, bodies, gzip copies and keys together. */
  maxBytes: number;
  monotonicMs: () => number;
  wallMs: () => number;
}

/**
 * Rendered pages by URL. Every web process reads the database's change stamp at most every
 * `checkEveryMs`; when it moved, every page is dropped, so publishing, correcting or taking down
 * shows everywhere within that time, whichever process wrote it.
 */
export class PageCache {
  private readonly entries = new Map<string, Rendered>();
  private bytes = 0;
  private stampSeen: number | null = null;
  private checkedAt = Number.NEGATIVE_INFINITY;
  private checking: Promise<void> | null = null;
  /** Bumped by every drop: a page drawn across a drop is not kept. */
  private generation = 0;

  constructor(private readonly options: PageCacheOptions) {}

  private async refresh(): Promise<void> {
    if (this.options.monotonicMs() - this.checkedAt < this.options.checkEveryMs) return;
    this.checking ??= (async () => {
      try {
        const stamp = await this.options.stamp();
        if (stamp !== this.stampSeen) this.clear();
        this.stampSeen = stamp;
        this.checkedAt = this.options.monotonicMs();
      } finally {
        this.checking = null;
      }
    })();
    await this.checking;
  }

  /** Moves whenever the pages are dropped: other in-memory views (public media) follow it. */
  async generationNow(): Promise<number> {
    await this.refresh();
    return this.generation;
  }

  clear(): void {
    this.entries.clear();
    this.bytes = 0;
    this.generation += 1;
  }

  /** What the kept pages take now, in bytes (never more than `maxBytes`). */
  get keptBytes(): number {
    return this.bytes;
  }

  private keep(key: string, r: Rendered): void {
    const size = sizeOf(key, r);
    if (size > this.options.maxBytes) return;
    this.drop(key);
    this.entries.set(key, r);
    this.bytes += size;
    // Least recently used goes first: the map keeps insertion order and hits are re-inserted.
    for (const [oldest, kept] of this.entries) {
      if (this.bytes <= this.options.maxBytes) break;
      this.entries.delete(oldest);
      this.bytes -= sizeOf(oldest, kept);
    }
  }

  private drop(key: string): void {
    const kept = this.entries.get(key);
    if (!kept) return;
    this.entries.delete(key);
    this.bytes -= sizeOf(key, kept);
  }

  async get(key: string, render: () => Promise<Rendered>): Promise<Rendered> {
    await this.refresh();
    const hit = this.entries.get(key);
    if (hit && (hit.expiresAt === null || hit.expiresAt > this.options.wallMs())) {
      // Re-inserting moves the key to the end: it is evicted last.
      this.entries.delete(key);
      this.entries.set(key, hit);
      return hit;
    }
    const generation = this.generation;
    const fresh = await render();
    if (generation === this.generation && KEPT_STATUSES.has(fresh.status)) this.keep(key, fresh);
    return fresh;
  }

  /**
   * A kept response, without touching the database: only while the change stamp was read within the
   * freshness window. Null sends the request the slow way, which reads the stamp again.
   */
  peek(key: string): Rendered | null {
    if (this.options.monotonicMs() - this.checkedAt >= this.options.checkEveryMs) return null;
    const hit = this.entries.get(key);
    return hit && (hit.expiresAt === null || hit.expiresAt > this.options.wallMs()) ? hit : null;
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
  return { body, headers };
}

/** Sends a kept response: 304 when the client holds it, gzip when the client takes it. */
export function respond(r: Rendered, request: { ifNoneMatch?: string | undefined; acceptEncoding?: string | undefined }): Response {
  if (holds(r, request.ifNoneMatch)) return new Response(null, { status: 304, headers: { ETag: etagNow(r), 'Cache-Control': r.cacheControl, Vary: 'Accept-Encoding' } });
  const { body, headers } = payload(r, request.acceptEncoding);
  return new Response(new Uint8Array(body.buffer, body.byteOffset, body.byteLength), { status: r.status, headers });
}
