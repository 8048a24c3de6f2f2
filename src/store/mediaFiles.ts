import { createHash } from 'node:crypto';
import { mkdir, rename, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { intakeKindOf, makeMediaRef } from '../core/mediaRef.js';
import { readCapped } from '../bodies.js';
import { OutboundRefused, type Download } from '../guardedFetch.js';

export interface MediaStore {
  dir: string;
  maxBytes: number;
  /** Aborted when the service stops: a download in progress ends at once, and its message is taken again at the next start. */
  stopping?: AbortSignal;
}

/** A download cut short because the service is stopping: not a file that could not be had. */
export class DownloadStopped extends Error {
  constructor() {
    super('download stopped: the service is shutting down');
  }
}

/** A platform's file host that stops answering gives up after this, and the file is kept by reference. */
const DOWNLOAD_TIMEOUT_MS = 120_000;

export type FetchedFile =
  | { ok: true; kind: string; ref: string; name: string; bytes: number }
  /** `size` null: none was declared and reading stopped at the limit, so only "more than the limit" is known. */
  | { ok: false; reason: 'too_large'; size: number | null }
  | { ok: false; reason: 'refused_type'; type: string }
  /** The URL, or a redirect from it, leads somewhere the platform does not serve files from. */
  | { ok: false; reason: 'refused_host'; host: string }
  | { ok: false; reason: 'unavailable' };

/**
 * Keeps accepted bytes in media storage under the one ref format (src/core/mediaRef.ts), named by their
 * content hash (the same file sent twice is stored once). The type is sniffed from the bytes, not the name.
 */
export async function keepMedia(bytes: Buffer, name: string, media: MediaStore, now: Date): Promise<FetchedFile> {
  const type = await (await import('file-type')).fileTypeFromBuffer(bytes);
  const kind = type ? intakeKindOf(type.ext) : null;
  if (!type || !kind) return { ok: false, reason: 'refused_type', type: type?.mime ?? 'unknown' };
  const ref = makeMediaRef(createHash('sha256').update(bytes).digest('hex'), type.ext, now);
  const path = join(media.dir, ref);
  await mkdir(dirname(path), { recursive: true });
  // Written aside and moved in: a crash mid-write never leaves a short file under the hash of the whole.
  const partial = `${path}.${process.pid}.part`;
  await writeFile(partial, bytes);
  await rename(partial, path);
  return { ok: true, kind, ref, name, bytes: bytes.length };
}

/** Downloads a file the platform hosts into media storage, refusing it past the size limit before and while reading. */
export async function downloadMedia(url: string, name: string, declaredSize: number | undefined, media: MediaStore, now: Date, fetchImpl: Download = fetch): Promise<FetchedFile> {
  if (declaredSize !== undefined && declaredSize > media.maxBytes) return { ok: false, reason: 'too_large', size: declaredSize };
  let bytes: Buffer | null;
  const signal = AbortSignal.any([AbortSignal.timeout(DOWNLOAD_TIMEOUT_MS), ...(media.stopping ? [media.stopping] : [])]);
  try {
    const response = await fetchImpl(url, { signal });
    if (!response.ok) return { ok: false, reason: 'unavailable' };
    bytes = await readCapped(response, media.maxBytes);
  } catch (error) {
    if (media.stopping?.aborted) throw new DownloadStopped();
    if (error instanceof OutboundRefused) return { ok: false, reason: 'refused_host', host: error.host };
    return { ok: false, reason: 'unavailable' };
  }
  if (bytes === null) return { ok: false, reason: 'too_large', size: declaredSize ?? null };
  return keepMedia(bytes, name, media, now);
}

