/** Opaque to clients: the publication time and id of the last item seen. */
export interface Cursor {
  publishedAt: Date;
  itemId: string;
}

export function encodeCursor(c: Cursor): string {
  return Buffer.from(JSON.stringify([c.publishedAt.toISOString(), c.itemId])).toString('base64url');
}

// Instants both databases can compare: past year 9999 neither SQLite's stored text nor PostgreSQL's
// driver takes a date, and PostgreSQL has no year 0. Outside this, no item was ever published.
const EARLIEST = Date.UTC(1000, 0, 1);
const LATEST = Date.UTC(9999, 11, 31, 23, 59, 59, 999);

/** Whether a date a client sent (cursor, from, to) can be asked of the store. */
export const withinServedRange = (d: Date): boolean => d.getTime() >= EARLIEST && d.getTime() <= LATEST;

/** Null for anything that is not a cursor this service gave out. */
export function decodeCursor(text: string): Cursor | null {
  try {
    const value: unknown = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
    if (!Array.isArray(value) || value.length !== 2) return null;
    const [at, id] = value as unknown[];
    if (typeof at !== 'string' || typeof id !== 'string' || id === '') return null;
    const publishedAt = new Date(at);
    return withinServedRange(publishedAt) ? { publishedAt, itemId: id } : null;
  } catch {
    return null;
  }
}
