import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { yearIn } from '../../src/app/deps.js';
import { demoItem } from '../../src/core/demo.js';
import { BACKENDS, type TestDatabase } from '../helpers/databases.js';
import { seedDesk, type Desk } from '../helpers/desk.js';

/**
 * A sample archive's codes are numbered as the desk numbers items: by the year of publication in the province.
 * Taken in UTC, a publication on New Year's Eve after 17:00 UTC (already 1 January in Vietnam) got last year's code.
 */
describe.each(BACKENDS)('publications written in bulk, on $name', ({ fresh, skip }) => {
  let db: TestDatabase;
  let desk: Desk;

  beforeAll(async () => {
    if (skip) return;
    db = await fresh();
    desk = await seedDesk(db.url);
  });
  afterAll(async () => {
    if (skip) return;
    await desk?.store.close();
    await db?.drop();
  });

  it.skipIf(skip)('are coded in the year of publication in Vietnam, on either side of its midnight', async () => {
    const sites = [{ id: desk.site.id, nameVi: desk.site.nameVi, nameEn: desk.site.nameEn }];
    const now = desk.deps.clock();
    const at = ['2025-12-31T16:30:00Z', '2025-12-31T17:30:00Z'].map((iso) => new Date(iso));
    const rows = at.map((publishedAt, i) => {
      const item = demoItem(5, i, sites, publishedAt, now);
      return { ...item, takenDown: null, mediaRefs: [], takenDownAt: null, takedownNote: null, codeYear: yearIn(item.publishedAt, desk.deps.timeZone) };
    });
    const codes = await desk.store.appendPublications(rows, { at: now, actorId: null, action: 'portal.demo', subjectType: 'site', subjectId: desk.site.id, data: { test: 'new year' } });
    expect(codes.map((c) => c.slice(0, 8))).toEqual(['BP-2025-', 'BP-2026-']);
  });
});
