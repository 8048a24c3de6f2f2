import { createReadStream } from 'node:fs';
import { mkdir, rename, stat } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { Readable } from 'node:stream';
import { Hono, type Context } from 'hono';
import { IMAGE_WIDTHS, publicMedia, RESIZABLE } from '../core/portal/media.js';

/**
 * Files are named by their content, yet they are not immutable to the public: a take-down must stop
 * them being shown. Browsers and proxies keep them five minutes, then revalidate (a 304 when the item
 * is still live, a 404 once it was taken down).
 */
const MEDIA_CACHE_CONTROL = 'public, max-age=300';

/** Answers kept at most: a bounded map, not a copy of every public file's name. */
const KNOWN_REFS = 10_000;

/**
 * Whether a file may be served, asked of the store once per file and then kept until something
 * public changes (`generation` moves: a take-down is such a change, so its file stops at once).
 * Each question is one indexed lookup (PublicationMedia by ref); the map only spares repeated ones.
 */
export function publicMediaCheck(isPublicMedia: (ref: string) => Promise<boolean>, generation: () => Promise<number>, max = KNOWN_REFS): (ref: string) => Promise<boolean> {
  let known = new Map<string, boolean>();
  let keptFor = -1;
  return async (ref) => {
    const now = await generation();
    if (now !== keptFor) {
      known = new Map();
      keptFor = now;
    }
    const hit = known.get(ref);
    if (hit !== undefined) {
      // Refreshed as the newest, so the files read most stay while rare ones are dropped first.
      known.delete(ref);
      known.set(ref, hit);
      return hit;
    }
    const answer = await isPublicMedia(ref);
    // Something changed while the store was asked: the answer is not kept for the new state.
    if (keptFor !== now) return answer;
    known.set(ref, answer);
    for (const oldest of known.keys()) {
      if (known.size <= max) break;
      known.delete(oldest);
    }
    return answer;
  };
}

export interface MediaRoutesDeps {
  dir: string;
  /** Refs of live publications: media of items not published, or taken down, is not served. */
  isPublic: (ref: string) => Promise<boolean>;
  /** A file of a live publication is not in media storage: someone must hear of it, not only the reader's 404. */
  onMissing?: (ref: string) => Promise<void>;
}

/** The content hash in the name is the version: the same for every copy of these bytes. */
const etagOf = (ref: string, width: number | null) => `"${ref.replace(/^.*\//, '').replace(/\..*$/, '')}${width ? `-w${width}` : ''}"`;

function fileResponse(path: string, size: number, type: string, etag: string, range: string | undefined): Response {
  const headers: Record<string, string> = { 'Content-Type': type, 'Cache-Control': MEDIA_CACHE_CONTROL, ETag: etag, 'Accept-Ranges': 'bytes', 'X-Content-Type-Options': 'nosniff' };
  // Phones seek in videos with byte ranges (Safari will not play a video without them).
  const m = range ? /^bytes=(\d*)-(\d*)$/.exec(range.trim()) : null;
  if (m && (m[1] !== '' || m[2] !== '')) {
    const start = m[1] === '' ? Math.max(0, size - Number(m[2])) : Number(m[1]);
    const end = m[1] === '' || m[2] === '' ? size - 1 : Math.min(Number(m[2]), size - 1);
    if (start > end || start >= size) return new Response(null, { status: 416, headers: { ...headers, 'Content-Range': `bytes */${size}` } });
    const stream = Readable.toWeb(createReadStream(path, { start, end })) as ReadableStream;
    return new Response(stream, { status: 206, headers: { ...headers, 'Content-Range': `bytes ${start}-${end}/${size}`, 'Content-Length': String(end - start + 1) } });
  }
  return new Response(Readable.toWeb(createReadStream(path)) as ReadableStream, { headers: { ...headers, 'Content-Length': String(size) } });
}

const holds = (etag: string, ifNoneMatch: string | undefined) => Boolean(ifNoneMatch?.split(',').some((t) => t.trim().replace(/^W\//, '') === etag));

const sizeOf = async (path: string) => (await stat(path).catch(() => null))?.size ?? null;

/** A smaller copy for phones, made once and kept beside the originals. */
async function resized(dir: string, ref: string, width: number): Promise<string | null> {
  const target = join(dir, '.sized', String(width), ref);
  if ((await sizeOf(target)) !== null) return target;
  const source = join(dir, ref);
  if ((await sizeOf(source)) === null) return null;
  await mkdir(dirname(target), { recursive: true });
  const partial = `${target}.${process.pid}.part`;
  // sharp (libvips) is loaded with the first resized picture, not at start-up.
  const { default: sharp } = await import('sharp');
  await sharp(source).rotate().resize({ width, withoutEnlargement: true }).toFile(partial);
  await rename(partial, target);
  return target;
}

export function mediaRoutes(deps: MediaRoutesDeps): Hono {
  const app = new Hono();
  const serve = async (c: Context, ref: string) => {
    const media = publicMedia(ref);
    if (!media || !(await deps.isPublic(ref))) return c.json({ error: 'not_found', message: 'Không tìm thấy tệp / No such file' }, 404);
    const w = c.req.query('w');
    let path = join(deps.dir, ref);
    let width: number | null = null;
    if (w !== undefined) {
      width = Number(w);
      if (!IMAGE_WIDTHS.includes(width) || !RESIZABLE.has(media.type)) {
        return c.json({ error: 'bad_width', message: `Kích thước ảnh chỉ nhận ${IMAGE_WIDTHS.join(', ')} / Width must be one of ${IMAGE_WIDTHS.join(', ')}` }, 400);
      }
      // A picture sharp cannot read is still served whole rather than not at all.
      const smaller = await resized(deps.dir, ref, width).catch(() => null);
      if (smaller) path = smaller;
      else width = null;
    }
    const size = await sizeOf(path);
    if (size === null) {
      await deps.onMissing?.(ref);
      return c.json({ error: 'not_found', message: 'Không tìm thấy tệp / No such file' }, 404);
    }
    const etag = etagOf(ref, width);
    // Asked only after the publication check above: a taken-down file is a 404 whatever the client holds.
    if (holds(etag, c.req.header('If-None-Match'))) return new Response(null, { status: 304, headers: { ETag: etag, 'Cache-Control': MEDIA_CACHE_CONTROL } });
    return fileResponse(path, size, media.type, etag, c.req.header('Range'));
  };
  // `yyyy-mm/<hash>.ext`, and the intake's older `yyyy/mm/<hash>.ext` (src/core/mediaRef.ts).
  app.get('/media/:month/:file', (c) => serve(c, `${c.req.param('month')}/${c.req.param('file')}`));
  app.get('/media/:year/:month/:file', (c) => serve(c, `${c.req.param('year')}/${c.req.param('month')}/${c.req.param('file')}`));
  return app;
}
