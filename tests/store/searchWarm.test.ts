import { afterEach, describe, expect, it } from 'vitest';
import { openClient } from '../../src/store/client.js';
import { BACKENDS, type TestDatabase } from '../helpers/databases.js';
import { seedDesk, type Desk } from '../helpers/desk.js';

/** Warming the search index at start: on PostgreSQL only with room in its buffers and pg_prewarm installed, and it says which is missing. */
describe.each(BACKENDS)('warming the search index on $name', ({ name, fresh, skip }) => {
  let db: TestDatabase | null = null;
  let desk: Desk | null = null;
  afterEach(async () => {
    await desk?.store.close();
    await db?.drop();
  });

  it.skipIf(skip)('reads the search table into the buffers once pg_prewarm is there, and says why not before', async () => {
    db = await fresh();
    desk = await seedDesk(db.url);
    const before = await desk.store.warmSearch();
    if (name === 'SQLite') return void expect(before).toEqual({ warmed: false, detail: { why: 'nothing to warm' } });
    // A test database's search table is tiny: the default buffers hold it; only the extension is missing.
    expect(before).toMatchObject({ warmed: false, detail: { why: 'extension pg_prewarm not installed' } });
    const client = openClient(db.url);
    try {
      await client.$executeRawUnsafe('CREATE EXTENSION IF NOT EXISTS pg_prewarm');
    } finally {
      await client.$disconnect();
    }
    const after = await desk.store.warmSearch();
    expect(after.warmed).toBe(true);
    expect(after.detail['ms']).toBeGreaterThanOrEqual(0);
    // The table, its two indexes, and the documents' TOAST relation with its index: ranking reads those.
    expect(after.detail['relations']).toBe(5);
  });
});
