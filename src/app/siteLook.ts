import { createHash } from 'node:crypto';
import { sizeAgainstLimit } from '../core/fileSize.js';
import { constants } from 'node:fs';
import { mkdir, open, rename, writeFile, type FileHandle } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { checkAccentColour, EMBLEM_MAX_BYTES, EMBLEM_SIZES, EMBLEM_TYPES, emblemFile, emblemRef, type ColourRefusal, type EmblemSize } from '../core/siteLook.js';
import { ok, refuse, type Outcome } from '../core/result.js';
import type { Deps } from './deps.js';
import type { SiteRecord } from './ports.js';

/**
 * A site's emblem and accent colour set from the terminal (issue 20.2). Everything is checked and the
 * emblem re-encoded in memory first; only then are its PNGs written (under their hash) and the row changed,
 * so a refusal leaves no file and no column touched.
 */

/** What the operator typed: a path to the emblem, a #rrggbb colour; "" clears either back to the portal's own. */
export interface LookChange {
  emblemPath?: string;
  colour?: string;
}

/** A change checked and ready: the emblem's PNGs made but not yet written. */
export interface PreparedLook {
  emblem?: { ref: string; pngs: ReadonlyMap<EmblemSize, Buffer> } | null;
  accentColour?: string | null;
}

export type EmblemRefusal = 'site_emblem_unreadable' | 'site_emblem_too_large' | 'site_emblem_svg' | 'site_emblem_bad_type' | 'site_emblem_broken';
export type LookRefusal = EmblemRefusal | ColourRefusal | 'site_look_nothing';

/** Pixels a decoded emblem may have: a 1 MB file can still unpack to gigabytes (a "decompression bomb"). */
const MAX_PIXELS = 25_000_000;

/** Bytes that are SVG text: an `<svg` element near the start. */
const looksLikeSvg = (bytes: Buffer) => /<svg[\s>]/i.test(bytes.subarray(0, 4096).toString('utf8'));

async function readEmblem(path: string): Promise<Outcome<Buffer, EmblemRefusal>> {
  const file = basename(path);
  let handle: FileHandle | null = null;
  try {
    // Opened without blocking (a FIFO would wait for a writer forever), then measured through the handle: a
    // device (/dev/zero, /dev/stdin), a pipe or a folder is refused before a byte is read, and what is measured is what is read.
    handle = await open(path, constants.O_RDONLY | constants.O_NONBLOCK);
    const info = await handle.stat();
    if (!info.isFile()) return refuse('site_emblem_unreadable', { file: path, error: 'không phải tệp / not a file' });
    // Measured before reading: a large file sent by mistake is refused without being loaded.
    if (info.size > EMBLEM_MAX_BYTES) return refuse('site_emblem_too_large', { file, ...sizeAgainstLimit(info.size, EMBLEM_MAX_BYTES) });
    // At most the limit and one byte more: a file that grew since it was measured is refused, never read to its end.
    const room = Buffer.alloc(EMBLEM_MAX_BYTES + 1);
    let length = 0;
    for (;;) {
      const { bytesRead } = await handle.read(room, length, room.length - length, null);
      if (bytesRead === 0) break;
      length += bytesRead;
      if (length === room.length) break;
    }
    if (length > EMBLEM_MAX_BYTES) return refuse('site_emblem_too_large', { file, ...sizeAgainstLimit(null, EMBLEM_MAX_BYTES) });
    return ok(room.subarray(0, length));
  } catch (error) {
    return refuse('site_emblem_unreadable', { file: path, error: (error as NodeJS.ErrnoException).code ?? String(error) });
  } finally {
    await handle?.close();
  }
}

/** The emblem checked by its bytes and re-encoded as square PNGs: nothing of the sent file (metadata, script, extra chunks) is kept. */
export async function prepareEmblem(bytes: Buffer, file: string): Promise<Outcome<{ ref: string; pngs: ReadonlyMap<EmblemSize, Buffer> }, EmblemRefusal>> {
  const sniffed = await (await import('file-type')).fileTypeFromBuffer(bytes);
  if (!sniffed || !EMBLEM_TYPES.has(sniffed.mime)) {
    // SVG is read as XML or as nothing known; told apart so the refusal can say why it is never taken.
    if (sniffed?.mime === 'image/svg+xml' || looksLikeSvg(bytes)) return refuse('site_emblem_svg', { file });
    return refuse('site_emblem_bad_type', { file, type: sniffed?.mime ?? 'không rõ / unknown' });
  }
  // sharp (libvips) is loaded with the first emblem, not with every command.
  const { default: sharp } = await import('sharp');
  const pngs = new Map<EmblemSize, Buffer>();
  try {
    const source = sharp(bytes, { limitInputPixels: MAX_PIXELS, failOn: 'error' }).rotate();
    for (const size of EMBLEM_SIZES) {
      // Contained in a transparent square: an emblem is never cropped, whatever its shape.
      pngs.set(size, await source.clone().resize(size, size, { fit: 'contain', background: { r: 0, g: 0, b: 0, alpha: 0 } }).png({ compressionLevel: 9 }).toBuffer());
    }
  } catch {
    return refuse('site_emblem_broken', { file, type: sniffed.ext.toUpperCase() });
  }
  return ok({ ref: emblemRef(createHash('sha256').update(bytes).digest('hex')), pngs });
}

/** The typed change checked whole (colour first: it needs no file read); nothing is written. */
export async function prepareSiteLook(change: LookChange): Promise<Outcome<PreparedLook, LookRefusal>> {
  if (change.emblemPath === undefined && change.colour === undefined) return refuse('site_look_nothing');
  const look: PreparedLook = {};
  if (change.colour !== undefined) {
    if (change.colour.trim() === '') look.accentColour = null;
    else {
      const colour = checkAccentColour(change.colour);
      if (!colour.ok) return colour;
      look.accentColour = colour.value;
    }
  }
  if (change.emblemPath !== undefined) {
    if (change.emblemPath.trim() === '') look.emblem = null;
    else {
      const read = await readEmblem(change.emblemPath);
      if (!read.ok) return read;
      const emblem = await prepareEmblem(read.value, basename(change.emblemPath));
      if (!emblem.ok) return emblem;
      look.emblem = emblem.value;
    }
  }
  return ok(look);
}

/** The PNGs under the media folder, each written aside and moved in: a crash never leaves half a picture under its final name. */
async function keepEmblem(mediaDir: string, emblem: NonNullable<PreparedLook['emblem']>): Promise<void> {
  for (const [size, png] of emblem.pngs) {
    const path = join(mediaDir, emblemFile(emblem.ref, size));
    await mkdir(dirname(path), { recursive: true });
    const partial = `${path}.${process.pid}.part`;
    await writeFile(partial, png, { mode: 0o640 });
    await rename(partial, path);
  }
}

/** A prepared look given to a site: files first (a page never names a missing one), then the row with its audit entry. */
export async function applySiteLook(deps: Deps, mediaDir: string, site: SiteRecord, look: PreparedLook): Promise<Outcome<SiteRecord, 'nothing_to_change'>> {
  const next: Partial<Pick<SiteRecord, 'emblem' | 'accentColour'>> = {};
  if (look.emblem !== undefined) next.emblem = look.emblem?.ref ?? null;
  if (look.accentColour !== undefined) next.accentColour = look.accentColour;
  const changed = (Object.keys(next) as (keyof typeof next)[]).filter((k) => next[k] !== site[k]);
  if (changed.length === 0) return refuse('nothing_to_change', { site: site.key });
  if (look.emblem && next.emblem !== site.emblem) await keepEmblem(mediaDir, look.emblem);
  const updated = await deps.store.setSiteLook(site.id, next, {
    at: deps.clock(), actorId: null, action: 'site.look', subjectType: 'site', subjectId: site.id,
    data: Object.fromEntries(changed.map((k) => [k, { from: site[k], to: next[k] ?? null }])),
  });
  return ok(updated);
}

/** `site edit KEY --emblem … --colour …`: checked whole, then kept; a refusal changes nothing. */
export async function setSiteLook(deps: Deps, mediaDir: string, siteKey: string, change: LookChange): Promise<Outcome<SiteRecord, LookRefusal | 'unknown_site' | 'nothing_to_change'>> {
  const site = await deps.store.siteByKey(siteKey);
  if (!site) return refuse('unknown_site', { site: siteKey });
  const look = await prepareSiteLook(change);
  if (!look.ok) return look;
  return applySiteLook(deps, mediaDir, site, look.value);
}

/** True when the operator typed any part of a look (so `site edit` with names alone does not ask for one). */
export const hasLookChange = (change: LookChange): boolean => change.emblemPath !== undefined || change.colour !== undefined;
