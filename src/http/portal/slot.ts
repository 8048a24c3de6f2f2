import { constants, crc32, deflateRawSync } from 'node:zlib';

/**
 * A kept page with one hole that is filled on every request: the article's comment form carries a
 * token signed with the time it is served, not the time the page was drawn, so a page kept for an
 * hour still makes a bot wait the minimum fill time. The bytes around the hole are kept once, as
 * they are and deflated; each request adds a few hundred bytes (the gzip copy joins the deflated
 * parts with the hole as a stored block, so nothing is compressed per request).
 *
 * The mark can only come from our templates: every text a person wrote is escaped, and `<` never
 * reaches the page unescaped from it.
 */
export const SLOT_MARK = '<!--form-token-->';

/** ETags of pages with a hole change this often: a copy revalidated with 304 holds a token at most this old. */
const ETAG_PERIOD_MS = 10 * 60_000;
const GZIP_HEADER = Buffer.from([0x1f, 0x8b, 0x08, 0, 0, 0, 0, 0, 0, 0xff]);

export interface Slot {
  before: Buffer;
  after: Buffer;
  /** gzip header and `before` deflated, flushed to a byte boundary, stream left open. */
  gzBefore: Buffer;
  /** `after` deflated, ending the stream. */
  gzAfter: Buffer;
  crcBefore: number;
  /** What goes in the hole at this moment. */
  fill: (nowMs: number) => Buffer;
  now: () => number;
}

/** Null when the text has no mark (or, by a fault of ours, more than one): then it is kept as it is. */
export function slotOf(body: Buffer, fill: (nowMs: number) => string, now: () => number): Slot | null {
  const mark = Buffer.from(SLOT_MARK);
  const at = body.indexOf(mark);
  if (at < 0 || body.indexOf(mark, at + mark.length) >= 0) return null;
  const before = body.subarray(0, at);
  const after = body.subarray(at + mark.length);
  // The token changes once a second at most: one signature per second per page, however busy.
  let memo: { second: number; bytes: Buffer } | null = null;
  const filled = (nowMs: number) => {
    const second = Math.floor(nowMs / 1000);
    if (memo?.second !== second) memo = { second, bytes: Buffer.from(fill(nowMs)) };
    return memo.bytes;
  };
  return {
    before,
    after,
    gzBefore: Buffer.concat([GZIP_HEADER, deflateRawSync(before, { level: 6, finishFlush: constants.Z_SYNC_FLUSH })]),
    gzAfter: deflateRawSync(after, { level: 6 }),
    crcBefore: crc32(before),
    fill: filled,
    now,
  };
}

export const slotBytes = (slot: Slot) => slot.before.length + slot.after.length + slot.gzBefore.length + slot.gzAfter.length;

/** The ETag of the page as served now: the page's own, and the period its token was issued in. */
export const slotEtag = (etag: string, slot: Slot) => `${etag.slice(0, -1)}-${Math.floor(slot.now() / ETAG_PERIOD_MS).toString(36)}"`;

/** A deflate stored block (not the last): the hole's bytes as they are. */
function storedBlock(data: Buffer): Buffer {
  if (data.length > 0xffff) throw new Error('a slot is filled with at most 64 KiB');
  const head = Buffer.alloc(5);
  head.writeUInt16LE(data.length, 1);
  head.writeUInt16LE(~data.length & 0xffff, 3);
  return Buffer.concat([head, data]);
}

/** The response's bytes now, plain or gzip. */
export function slotChunks(slot: Slot, gzip: boolean): Buffer[] {
  const middle = slot.fill(slot.now());
  if (!gzip) return [slot.before, middle, slot.after];
  const trailer = Buffer.alloc(8);
  trailer.writeUInt32LE(crc32(slot.after, crc32(middle, slot.crcBefore)) >>> 0, 0);
  trailer.writeUInt32LE((slot.before.length + middle.length + slot.after.length) >>> 0, 4);
  return [slot.gzBefore, storedBlock(middle), slot.gzAfter, trailer];
}
