import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildMonthSheet } from '../../../src/app/royalties/sheets.js';
import { setWorkRoyalty } from '../../../src/app/royalties/works.js';
import { BACKENDS, type TestDatabase } from '../../helpers/databases.js';
import { seedDesk, type Desk } from '../../helpers/desk.js';
import { publishThrough } from '../../helpers/portal.js';

/** A work belongs to the earliest month's open sheet: a draft of a later month built first never takes it away. */
describe.each(BACKENDS)('sheets of two months on $name', ({ fresh, skip }) => {
  let db: TestDatabase;
  let desk: Desk;
  let code: string;
  const secretary = () => ({ kind: 'person' as const, personId: desk.id.secretary });

  beforeAll(async () => {
    if (skip) return;
    db = await fresh();
    // Published on 30/11/2026 (the desk's clock).
    desk = await seedDesk(db.url);
    code = (await publishThrough(desk, { title: 'Khánh thành cầu Sông Bé', summary: 'Tóm tắt.', body: 'Nội dung.', mediaRefs: [] })).code;
    expect(await setWorkRoyalty(desk.deps, { kind: 'person', personId: desk.id.deputy }, code, { genreKey: 'tin-anh', coefficient: 150 })).toMatchObject({ ok: true });
  });
  afterAll(async () => {
    if (skip) return;
    await desk.store.close();
    await db.drop();
  });

  it.skipIf(skip)('December’s draft built first holds the November work until November’s is built, which takes it; a month past next is refused', async () => {
    const december = await buildMonthSheet(desk.deps, secretary(), 'tinh', '2026-12');
    if (!december.ok) throw new Error(december.reason);
    expect(december.value.sheet.rows.map((r) => r.code)).toEqual([code]);
    expect(await buildMonthSheet(desk.deps, secretary(), 'tinh', '2027-01')).toMatchObject({ ok: false, reason: 'royalty_month_far', detail: { month: '01/2027', latest: '12/2026' } });
    const november = await buildMonthSheet(desk.deps, secretary(), 'tinh', '2026-11');
    if (!november.ok) throw new Error(november.reason);
    expect(november.value.sheet.rows.map((r) => r.code)).toEqual([code]);
    // December's draft was built again: the work is on one open sheet only.
    expect((await desk.store.royaltySheet(desk.site.id, '2026-12'))?.rows.map((r) => r.code)).toEqual([]);
    // Built again, December still does not take it back.
    const again = await buildMonthSheet(desk.deps, secretary(), 'tinh', '2026-12');
    if (!again.ok) throw new Error(again.reason);
    expect(again.value.sheet.rows).toEqual([]);
  });
});
