import { getConnInfo } from '@hono/node-server/conninfo';
import type { Context } from 'hono';
import { BodyTooSlow, readCapped } from '../../bodies.js';

/** A body still dripping in after this holds a socket for nothing. */
const BODY_MS = 10_000;

/** The socket's peer; a request with no socket (served in-process) is counted as one unknown sender. */
export function peerOf(c: Context): string {
  try {
    return getConnInfo(c).remote.address ?? 'unknown';
  } catch {
    return 'unknown';
  }
}

/** The posted fields of a portal form (multipart, as the forms send them, or URL-encoded), at most `maxBytes`. */
export async function postedForm(c: Context, maxBytes: number): Promise<((field: string) => string | null) | 'too_large' | 'unreadable'> {
  if (Number(c.req.header('content-length') ?? 0) > maxBytes) return 'too_large';
  const type = c.req.header('content-type') ?? '';
  if (!/^(multipart\/form-data|application\/x-www-form-urlencoded)\b/i.test(type)) return 'unreadable';
  let raw: Buffer | null;
  try {
    raw = await readCapped(c.req.raw, maxBytes, AbortSignal.timeout(BODY_MS));
  } catch (error) {
    if (error instanceof BodyTooSlow) return 'unreadable';
    throw error;
  }
  if (raw === null) return 'too_large';
  try {
    const data = await new Response(new Uint8Array(raw.buffer, raw.byteOffset, raw.byteLength), { headers: { 'Content-Type': type } }).formData();
    return (field) => {
      const value = data.get(field);
      return typeof value === 'string' ? value : null;
    };
  } catch {
    return 'unreadable';
  }
}
