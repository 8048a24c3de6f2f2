import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PublicationQuery } from '../../src/app/portalPorts.js';
import { openClient, type Db } from '../../src/store/client.js';
import { archiveSites, fillArchive, type ArchiveRow } from '../helpers/archive.js';
import { BACKENDS, type TestDatabase } from '../helpers/databases.js';
import { seedDesk, type Desk } from '../helpers/desk.js';

/**
 * The lists placed by the live counts (deep pages, a site's section, lists without a language) give
 * exactly the rows a plain newest-first read would: compared here with the archive as written.
 */
const ITEMS = 1500;

describe.each(BACKENDS)('portal lists on $name', ({ fresh, skip }) => {
  let db: TestDatabase;
  let desk: Desk;
  let client: Db;
  let rows: ArchiveRow[];
  let siteIds: string[];

  beforeAll(async () => {
    if (skip) return;
    db = await fresh();
    desk = await seedDesk(db.url);
    const sites = await archiveSites(desk);
    siteIds = sites.siteIds;
    client = openClient(db.url);
    rows = await fillArchive(desk.store, client, sites, ITEMS);
  }, 300_000);

  afterAll(async () => {
    if (skip) return;
    await client.$disconnect();
    await desk.store.close();
    await db.drop();
  });

  const newestFirst = (a: ArchiveRow, b: ArchiveRow) => b.publishedAt.getTime() - a.publishedAt.getTime() || (a.itemId < b.itemId ? 1 : a.itemId > b.itemId ? -1 : 0);
  function expected(q: Omit<PublicationQuery, 'limit' | 'offset'>): ArchiveRow[] {
    return rows
      .filter((r) => !r.takenDownAt)
      .filter((r) => (!q.siteIds || q.siteIds.includes(r.siteId)) && (!q.lang || r.lang === q.lang) && (!q.category || r.category === q.category))
      .filter((r) => (!q.from || r.publishedAt >= q.from) && (!q.to || r.publishedAt < q.to))
      .sort(newestFirst);
  }
  const codes = (list: { code: string }[]) => list.map((r) => r.code);

  it.skipIf(skip)('every page of a site, a section and a site’s section is the plain order’s page, and the counts match', async () => {
    const filters: Omit<PublicationQuery, 'limit' | 'offset'>[] = [
      { siteIds: [siteIds[0] ?? ''], lang: 'vi' },
      { siteIds: [siteIds[2] ?? ''], lang: 'en' },
      { category: 'kinh-te', lang: 'vi' },
      { siteIds: [siteIds[0] ?? ''], category: 'thoi-su', lang: 'vi' },
      { siteIds: [siteIds[4] ?? ''], category: 'y-te', lang: 'en' },
    ];
    for (const f of filters) {
      const all = expected(f);
      expect(await desk.store.countPublications(f)).toBe(all.length);
      for (let offset = 0; offset <= all.length + 20; offset += 20) {
        const page = await desk.store.publications({ ...f, offset, limit: 20 });
        expect(codes(page), `${JSON.stringify(f)} offset ${offset}`).toEqual(codes(all.slice(offset, offset + 20)));
      }
    }
  }, 120_000);

  it.skipIf(skip)('lists without a language, with dates and by cursor read the same rows as the plain order', async () => {
    const filters: Omit<PublicationQuery, 'limit' | 'offset'>[] = [
      { siteIds: [siteIds[1] ?? ''] },
      { category: 'van-hoa' },
      { siteIds: [siteIds[3] ?? ''], category: 'giao-duc' },
      { category: 'kinh-te', from: new Date('2023-03-01T00:00:00Z'), to: new Date('2024-02-15T00:00:00Z') },
      { siteIds: [siteIds[0] ?? ''], category: 'quoc-phong', lang: 'vi', to: new Date('2025-07-10T12:00:00Z') },
    ];
    for (const f of filters) {
      const all = expected(f);
      const got: string[] = [];
      let after: PublicationQuery['after'];
      for (;;) {
        const page = await desk.store.publications({ ...f, ...(after ? { after } : {}), limit: 37 });
        got.push(...codes(page));
        const last = page[page.length - 1];
        if (page.length < 37 || !last) break;
        after = { publishedAt: last.publishedAt, itemId: last.itemId };
      }
      expect(got, JSON.stringify(f)).toEqual(codes(all));
    }
  }, 120_000);

  it.skipIf(skip)('a take-down leaves the counts, the lists and the month totals at once', async () => {
    const f = { siteIds: [siteIds[0] ?? ''], lang: 'vi' as const };
    const before = await desk.store.countPublications(f);
    const newest = expected(f)[0];
    if (!newest) throw new Error('empty archive');
    await client.publication.updateMany({ where: { itemId: newest.itemId }, data: { takenDownAt: new Date(), takedownNote: 'Gỡ' } });
    newest.takenDownAt = new Date();
    expect(await desk.store.countPublications(f)).toBe(before - 1);
    expect(codes(await desk.store.publications({ ...f, offset: 300, limit: 20 }))).toEqual(codes(expected(f).slice(300, 320)));
    const months = await desk.store.monthTallies();
    expect(months.reduce((n, m) => n + m.live, 0)).toBe(rows.filter((r) => !r.takenDownAt).length);
  });
});
