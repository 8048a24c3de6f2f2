import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SEARCH_WINDOW, type SearchQuery } from '../../src/app/searchPorts.js';
import { parseQuery } from '../../src/core/searchQuery.js';
import { openClient, type Db } from '../../src/store/client.js';
import { archiveSites, fillArchive, type ArchiveRow } from '../helpers/archive.js';
import { BACKENDS, type TestDatabase } from '../helpers/databases.js';
import { seedDesk, type Desk } from '../helpers/desk.js';

/**
 * Search over five years of publications, more matches than the engine ranks: what it returns is
 * exactly the newest matches, whichever months they fall in (PostgreSQL walks the archive month by
 * month, SQLite by docid), compared with the archive as written.
 */
const ITEMS = 1500;

describe.each(BACKENDS)('search over an archive on $name', ({ fresh, skip }) => {
  let db: TestDatabase;
  let desk: Desk;
  let client: Db;
  let all: ArchiveRow[];
  let live: ArchiveRow[];

  beforeAll(async () => {
    if (skip) return;
    db = await fresh();
    desk = await seedDesk(db.url);
    client = openClient(db.url);
    all = await fillArchive(desk.store, client, await archiveSites(desk), ITEMS);
    live = all.filter((r) => r.takenDownAt === null);
  }, 300_000);

  afterAll(async () => {
    if (skip) return;
    await client.$disconnect();
    await desk.store.close();
    await db.drop();
  });

  const newestFirst = (a: ArchiveRow, b: ArchiveRow) => b.publishedAt.getTime() - a.publishedAt.getTime() || (a.itemId < b.itemId ? 1 : a.itemId > b.itemId ? -1 : 0);
  const search = async (text: string, over: Partial<SearchQuery> = {}) => {
    const found = await desk.store.searchPublications({ terms: parseQuery(text), offset: 0, limit: 20, ...over });
    return { codes: found.publications.map((p) => p.code), total: found.total, capped: found.capped };
  };
  const codesOf = (rows: ArchiveRow[]) => rows.map((r) => r.code);

  it.skipIf(skip)('words in every item: the newest matches are ranked, counted up to the window, and paged to the last', async () => {
    const newest = [...live].sort(newestFirst).slice(0, SEARCH_WINDOW);
    expect(await search('hội nghị')).toEqual({ codes: codesOf(newest.slice(0, 20)), total: SEARCH_WINDOW, capped: true });
    expect((await search('hội nghị', { offset: SEARCH_WINDOW - 20 })).codes).toEqual(codesOf(newest.slice(-20)));
    expect((await search('hội nghị', { offset: SEARCH_WINDOW })).codes).toEqual([]);
  });

  it.skipIf(skip)('a word in one year: every match across its months, newest first', async () => {
    const year = live.filter((r) => r.publishedAt.getUTCFullYear() === 2023).sort(newestFirst);
    expect(year.length).toBeGreaterThan(250);
    const found = await search('2023', { limit: SEARCH_WINDOW });
    expect(found).toEqual({ codes: codesOf(year), total: year.length, capped: false });
  });

  it.skipIf(skip)('a word in one item of the first month is found across the whole archive', async () => {
    const fifth = all[4];
    expect([fifth?.publishedAt.getUTCFullYear(), fifth?.publishedAt.getUTCMonth(), fifth?.takenDownAt]).toEqual([2022, 0, null]);
    // Item 5's title is "Tin số 5: …": the number is in no other item.
    expect(await search('5')).toEqual({ codes: [fifth?.code], total: 1, capped: false });
  });

  it.skipIf(skip)('a date range across months: exactly the matches inside it', async () => {
    const from = new Date(Date.UTC(2023, 2, 10, 7, 30));
    const to = new Date(Date.UTC(2023, 8, 20, 16, 0));
    const inside = live.filter((r) => r.publishedAt >= from && r.publishedAt < to).sort(newestFirst);
    expect(inside.length).toBeGreaterThan(100);
    expect(await search('hội nghị', { from, to, limit: SEARCH_WINDOW })).toEqual({ codes: codesOf(inside), total: inside.length, capped: false });
  });
});
