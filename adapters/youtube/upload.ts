import { networkCause } from '../../src/core/errorCause.js';
import { readFile } from 'node:fs/promises';
import type { YoutubeFailure } from './errors.js';

/** Google's resumable protocol wants chunks in multiples of 256 KiB (all but the last). */
export const CHUNK_UNIT = 256 * 1024;
const MAX_BREAKS = 5;

export interface UploadOptions {
  root: string;
  accessToken: () => Promise<string>;
  path: string;
  type: string;
  metadata: object;
  chunkBytes: number;
  timeoutMs: number;
}

export type UploadOutcome =
  | { ok: true; videoId: string }
  /** `lastChunkSent`: the failure came after the final bytes went out, so the video may exist. */
  | { ok: false; failure: YoutubeFailure; lastChunkSent: boolean };

async function put(url: string, token: string, range: string, body: Uint8Array | null, timeoutMs: number): Promise<Response | YoutubeFailure> {
  try {
    return await fetch(url, { method: 'PUT', headers: { Authorization: `Bearer ${token}`, 'Content-Range': range }, body, signal: AbortSignal.timeout(timeoutMs) });
  } catch (error) {
    return { kind: 'network', message: networkCause(error) };
  }
}

async function httpFailure(r: Response): Promise<YoutubeFailure> {
  const body = (await r.json().catch(() => ({}))) as { error?: { message?: string; errors?: { reason?: string }[] } };
  return { kind: 'http', status: r.status, reason: body.error?.errors?.[0]?.reason ?? null, message: body.error?.message ?? `HTTP ${r.status}` };
}

/** Where the server stands, from a 308's `Range: bytes=0-N`: the next byte to send. */
const nextByte = (r: Response) => Number(/bytes=0-(\d+)/.exec(r.headers.get('range') ?? '')?.[1] ?? -1) + 1;

/**
 * YouTube's resumable upload: start a session, send chunks with `Content-Range`, and after a broken
 * connection ask the session (`bytes *\/total`) how far it got and go on from there.
 */
export async function resumableUpload(o: UploadOptions): Promise<UploadOutcome> {
  const bytes = new Uint8Array(await readFile(o.path));
  const total = bytes.length;
  let session: string;
  try {
    const started = await fetch(`${o.root}upload/youtube/v3/videos?uploadType=resumable&part=snippet,status`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${await o.accessToken()}`, 'Content-Type': 'application/json; charset=UTF-8', 'X-Upload-Content-Length': String(total), 'X-Upload-Content-Type': o.type },
      body: JSON.stringify(o.metadata),
      signal: AbortSignal.timeout(o.timeoutMs),
    });
    if (!started.ok) return { ok: false, failure: await httpFailure(started), lastChunkSent: false };
    session = started.headers.get('location') ?? '';
    if (!session) return { ok: false, failure: { kind: 'http', status: 502, reason: null, message: 'no upload session' }, lastChunkSent: false };
  } catch (error) {
    return { ok: false, failure: { kind: 'network', message: networkCause(error) }, lastChunkSent: false };
  }

  let offset = 0;
  let breaks = 0;
  for (;;) {
    const end = Math.min(offset + o.chunkBytes, total);
    const answer = await put(session, await o.accessToken(), `bytes ${offset}-${end - 1}/${total}`, bytes.subarray(offset, end), o.timeoutMs);
    if (answer instanceof Response && answer.status === 308) {
      offset = nextByte(answer);
      continue;
    }
    if (answer instanceof Response && answer.ok) return { ok: true, videoId: String(((await answer.json()) as { id: string }).id) };
    if (answer instanceof Response && answer.status < 500) return { ok: false, failure: await httpFailure(answer), lastChunkSent: end === total };
    // A broken connection or a server error: ask the session where it stands.
    breaks += 1;
    const status = await put(session, await o.accessToken(), `bytes */${total}`, null, o.timeoutMs);
    if (status instanceof Response && status.ok) return { ok: true, videoId: String(((await status.json()) as { id: string }).id) };
    if (status instanceof Response && status.status === 308 && breaks < MAX_BREAKS) {
      offset = nextByte(status);
      continue;
    }
    const failure = answer instanceof Response ? await httpFailure(answer) : answer;
    return { ok: false, failure, lastChunkSent: end === total };
  }
}
