import { createHash } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileTypeFromBuffer } from 'file-type';

/** What the desks take in: pictures, MP4 video, PDF and office documents. Checked on the bytes, not the name. */
const ACCEPTED = new Map<string, string>([
  ['image/jpeg', 'photo'],
  ['image/png', 'photo'],
  ['image/webp', 'photo'],
  ['video/mp4', 'video'],
  ['video/quicktime', 'video'],
  ['application/pdf', 'document'],
  ['application/vnd.openxmlformats-officedocument.wordprocessingml.document', 'document'],
  ['application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', 'document'],
  ['application/vnd.openxmlformats-officedocument.presentationml.presentation', 'document'],
  ['application/x-cfb', 'document'],
]);

export interface MediaStore {
  dir: string;
  maxBytes: number;
}

export type FetchedFile =
  | { ok: true; kind: string; ref: string; name: string; bytes: number }
  | { ok: false; reason: 'too_large'; size: number }
  | { ok: false; reason: 'refused_type'; type: string }
  | { ok: false; reason: 'unavailable' };

/** Reads at most `max` bytes; null when the body is longer. */
export async function readCapped(response: Response, max: number): Promise<Buffer | null> {
  const chunks: Buffer[] = [];
  let total = 0;
  const reader = response.body?.getReader();
  if (!reader) return Buffer.alloc(0);
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > max) {
      await reader.cancel();
      return null;
    }
    chunks.push(Buffer.from(value));
  }
  return Buffer.concat(chunks);
}

/** Keeps accepted bytes in media storage, named by their content hash (the same file sent twice is stored once). */
export async function keepMedia(bytes: Buffer, name: string, media: MediaStore, now: Date): Promise<FetchedFile> {
  const type = await fileTypeFromBuffer(bytes);
  const kind = type ? ACCEPTED.get(type.mime) : undefined;
  if (!type || !kind) return { ok: false, reason: 'refused_type', type: type?.mime ?? 'unknown' };
  const month = now.toISOString().slice(0, 7).replace('-', '/');
  const ref = `${month}/${createHash('sha256').update(bytes).digest('hex')}.${type.ext}`;
  await mkdir(join(media.dir, month), { recursive: true });
  await writeFile(join(media.dir, ref), bytes);
  return { ok: true, kind, ref, name, bytes: bytes.length };
}

/** Downloads a file the platform hosts into media storage, refusing it past the size limit before and while reading. */
export async function downloadMedia(url: string, name: string, declaredSize: number | undefined, media: MediaStore, now: Date, fetchImpl: typeof fetch = fetch): Promise<FetchedFile> {
  if (declaredSize !== undefined && declaredSize > media.maxBytes) return { ok: false, reason: 'too_large', size: declaredSize };
  let bytes: Buffer | null;
  try {
    const response = await fetchImpl(url);
    if (!response.ok) return { ok: false, reason: 'unavailable' };
    bytes = await readCapped(response, media.maxBytes);
  } catch {
    return { ok: false, reason: 'unavailable' };
  }
  if (bytes === null) return { ok: false, reason: 'too_large', size: declaredSize ?? media.maxBytes + 1 };
  return keepMedia(bytes, name, media, now);
}

export function humanSize(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MB` : `${Math.ceil(bytes / 1024)} KB`;
}
