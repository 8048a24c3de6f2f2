/** Opaque to clients: the publication time and id of the last item seen. */
export interface Cursor {
  publishedAt: Date;
  itemId: string;
}

export function encodeCursor(c: Cursor): string {
  return Buffer.from(JSON.stringify([c.publishedAt.toISOString(), c.itemId])).toString('base64url');
}

/** Null for anything that is not a cursor this service gave out. */
export function decodeCursor(text: string): Cursor | null {
  try {
    const value: unknown = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
    if (!Array.isArray(value) || value.length !== 2) return null;
    const [at, id] = value as unknown[];
    if (typeof at !== 'string' || typeof id !== 'string' || id === '') return null;
    const publishedAt = new Date(at);
    return Number.isNaN(publishedAt.getTime()) ? null : { publishedAt, itemId: id };
  } catch {
    return null;
  }
}
