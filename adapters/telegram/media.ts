import { createHash } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileTypeFromBuffer } from 'file-type';
import type { Api } from 'grammy';

/** What the desk takes in: pictures, MP4 video, PDF and office documents. Checked on the bytes, not the name. */
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

export interface IncomingFile {
  fileId: string;
  name: string;
  declaredSize: number | undefined;
}

export type FetchedFile =
  | { ok: true; kind: string; ref: string; name: string; bytes: number }
  | { ok: false; reason: 'too_large'; size: number }
  | { ok: false; reason: 'refused_type'; type: string }
  | { ok: false; reason: 'unavailable' };

export interface MediaStore {
  dir: string;
  maxBytes: number;
}

/** Reads at most `max` bytes; null when the body is longer. */
async function readCapped(response: Response, max: number): Promise<Buffer | null> {
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

/**
 * Downloads a Telegram file into media storage, named by its content hash (the same file sent twice is
 * stored once). The token is in the download URL, so the URL is never logged.
 */
export async function fetchFile(api: Api, fileRoot: string, file: IncomingFile, media: MediaStore, now: Date): Promise<FetchedFile> {
  if (file.declaredSize !== undefined && file.declaredSize > media.maxBytes) return { ok: false, reason: 'too_large', size: file.declaredSize };
  let bytes: Buffer | null;
  try {
    const info = await api.getFile(file.fileId);
    if (!info.file_path) return { ok: false, reason: 'unavailable' };
    const response = await fetch(`${fileRoot}/${info.file_path}`);
    if (!response.ok) return { ok: false, reason: 'unavailable' };
    bytes = await readCapped(response, media.maxBytes);
  } catch {
    return { ok: false, reason: 'unavailable' };
  }
  if (bytes === null) return { ok: false, reason: 'too_large', size: file.declaredSize ?? media.maxBytes + 1 };
  const type = await fileTypeFromBuffer(bytes);
  const kind = type ? ACCEPTED.get(type.mime) : undefined;
  if (!type || !kind) return { ok: false, reason: 'refused_type', type: type?.mime ?? 'unknown' };
  const month = now.toISOString().slice(0, 7).replace('-', '/');
  const ref = `${month}/${createHash('sha256').update(bytes).digest('hex')}.${type.ext}`;
  await mkdir(join(media.dir, month), { recursive: true });
  await writeFile(join(media.dir, ref), bytes);
  return { ok: true, kind, ref, name: file.name, bytes: bytes.length };
}

export function humanSize(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MB` : `${Math.ceil(bytes / 1024)} KB`;
}
