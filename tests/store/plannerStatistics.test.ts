import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { yearIn } from '../../src/app/deps.js';
import { demoItem, demoTime } from '../../src/core/demo.js';
import { openClient, type Db } from '../../src/store/client.js';
import { freshSqlite, type TestDatabase } from '../helpers/databases.js';
import { seedDesk, type Desk } from '../helpers/desk.js';

/** The trigger's read when a publication is indexed for search: the next document number of its second. */
const NEXT_DOC = `SELECT MAX("docid") FROM "PublicationSearchDoc" WHERE "docid" BETWEEN 1000000 AND 2048575`;

/**
 * SQLite plans by the statistics it last took. Taken when the archive held one publication (a fresh install's demo
 * item), they made it read the whole search-document table for every publication written later: 11 ms each at
 * 200,000, and the reports bench's fill slowed tenfold. The service's hourly job takes them again once a table has
 * grown many times over. (PostgreSQL's autovacuum analyses grown tables itself: nothing to show there.)
 */
describe('the planner’s statistics follow a growing archive (SQLite)', () => {
  let db: TestDatabase;
  let desk: Desk;
  let raw: Db;

  beforeAll(async () => {
    db = await freshSqlite();
    desk = await seedDesk(db.url);
    raw = openClient(db.url);
  });
  afterAll(async () => {
    await raw.$disconnect();
    await desk.store.close();
    await db.drop();
  });

  const plan = async (sql: string) => (await raw.$queryRawUnsafe<{ detail: string }[]>(`EXPLAIN QUERY PLAN ${sql}`)).map((r) => r.detail).join(' | ');

  it('statistics from a one-item archive are taken again once thousands were written, and the index walks come back', async () => {
    const sites = (await desk.store.sites()).map((s) => ({ id: s.id, nameVi: s.nameVi, nameEn: s.nameEn }));
    const from = new Date('2025-01-01T00:00:00Z');
    const to = new Date('2025-12-31T00:00:00Z');
    const now = desk.deps.clock();
    const write = (first: number, count: number) =>
      desk.store.appendPublications(
        Array.from({ length: count }, (_, i) => {
          const item = demoItem(3, first + i, sites, demoTime(first + i, 3001, from, to, 3), now);
          return { ...item, mediaRefs: [], takenDownAt: null, takedownNote: null, codeYear: yearIn(item.publishedAt, desk.deps.timeZone) };
        }),
        { at: now, actorId: null, action: 'portal.demo', subjectType: 'site', subjectId: sites[0]!.id, data: { seed: 3 } },
      );
    // One publication, and the statistics taken as `demo` takes them after its fill; then thousands more.
    await write(0, 1);
    await desk.store.refreshPlannerStatistics();
    await write(1, 3000);
    // What the statistics of one row made of it: a walk back from the newest document to the second asked for
    // (the whole table, for a publication dated early), for every publication written.
    expect(await plan(NEXT_DOC)).toBe('SEARCH PublicationSearchDoc');

    await desk.store.keepPlannerStatistics();
    // A connection reads the statistics when it opens (the service's own connection is told to read them again).
    await raw.$disconnect();
    raw = openClient(db.url);
    expect(await plan(NEXT_DOC)).toMatch(/SEARCH PublicationSearchDoc USING INTEGER PRIMARY KEY/);
    // The lists' indexes keep their mark against skip-scans after the new statistics (src/store/plannerHints.ts).
    const marked = await raw.$queryRawUnsafe<{ stat: string }[]>(`SELECT stat FROM sqlite_stat1 WHERE idx = 'Publication_siteId_lang_publishedAt_itemId_idx'`);
    expect(marked[0]?.stat).toMatch(/ noskipscan$/);
    // Nothing grown since: a second run changes no statistics.
    const before = await raw.$queryRawUnsafe<{ tbl: string; idx: string | null; stat: string }[]>('SELECT tbl, idx, stat FROM sqlite_stat1 ORDER BY tbl, idx');
    await desk.store.keepPlannerStatistics();
    expect(await raw.$queryRawUnsafe('SELECT tbl, idx, stat FROM sqlite_stat1 ORDER BY tbl, idx')).toEqual(before);
  }, 120_000);
});
