/** Pages of public interactions are keyed by (receivedAt, id), newest first; the cursor is that pair, opaque to readers. */
export const encodePublicCursor = (at: Date, id: string): string => Buffer.from(`${at.getTime()}.${id}`).toString('base64url');

/** Null for anything this service did not give out. */
export function decodePublicCursor(cursor: string | null | undefined): { at: Date; id: string } | null {
  if (!cursor || cursor.length > 100) return null;
  const m = /^(\d{1,15})\.([0-9a-f-]{36})$/.exec(Buffer.from(cursor, 'base64url').toString('utf8'));
  return m ? { at: new Date(Number(m[1])), id: m[2] ?? '' } : null;
}
