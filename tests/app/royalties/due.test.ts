import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { act } from '../../../src/app/items.js';
import { worksDue } from '../../../src/app/royalties/due.js';
import { buildMonthSheet, stepMonthSheet } from '../../../src/app/royalties/sheets.js';
import { setWorkRoyalty } from '../../../src/app/royalties/works.js';
import { runCli } from '../../helpers/cli.js';
import { BACKENDS, freshSqlite, type TestDatabase } from '../../helpers/databases.js';
import { seedDesk, TEST_HUB_SECRET, type Desk } from '../../helpers/desk.js';
import { publishThrough } from '../../helpers/portal.js';

const DAY = 86_400_000;

/** Issue 19.4: the 60-day rule — from day 45 a work on no approved sheet is listed, until one holds it. */
describe.each(BACKENDS)('works due for a royalty sheet on $name', ({ fresh, skip }) => {
  let db: TestDatabase;
  let desk: Desk;
  const codes: string[] = [];
  const person = (who: keyof Desk['id']) => ({ kind: 'person' as const, personId: desk.id[who] });
  const listed = async () => {
    const r = await worksDue(desk.deps);
    if (!r.ok) throw new Error(r.reason);
    return r.value.flatMap((d) => d.works.map((w) => [d.site.key, w.code, w.terms, w.days, w.daysLeft]));
  };

  beforeAll(async () => {
    if (skip) return;
    db = await fresh();
    desk = await seedDesk(db.url);
    // Published on 30/11/2026: one with confirmed terms, one with none, one later taken down.
    for (const title of ['Khánh thành cầu', 'Hội chợ nông sản', 'Tin đã gỡ']) codes.push((await publishThrough(desk, { title, summary: 'Tóm tắt.', body: 'Nội dung.', mediaRefs: [] })).code);
    expect(await setWorkRoyalty(desk.deps, person('deputy'), codes[0]!, { genreKey: 'tin-anh', coefficient: 150 })).toMatchObject({ ok: true });
    expect(await setWorkRoyalty(desk.deps, person('deputy'), codes[2]!, { genreKey: 'tin-anh', coefficient: 150 })).toMatchObject({ ok: true });
    expect(await act(desk.deps, desk.id.deputy, codes[2]!, { type: 'takeDown', note: 'Sai số liệu' })).toMatchObject({ ok: true });
  });
  afterAll(async () => {
    if (skip) return;
    await desk.store.close();
    await db.drop();
  });

  it.skipIf(skip)('nothing before day 45; on day 50 both works still up, with or without terms; a taken-down work is held instead', async () => {
    desk.time.advance(44 * DAY);
    expect(await listed()).toEqual([]);
    desk.time.advance(6 * DAY);
    expect(await listed()).toEqual([
      ['tinh', codes[0], 'confirmed', 50, 10],
      ['tinh', codes[1], 'none', 50, 10],
    ]);
    expect(await worksDue(desk.deps, 'mars')).toMatchObject({ ok: false, reason: 'unknown_site' });
  });

  it.skipIf(skip)('a draft or checked sheet does not take a work off the list; the approved one does; past day 90 nothing is listed', async () => {
    // November's sheet holds the work with terms: a draft, then checked, still listed; approved, off the list.
    expect(await buildMonthSheet(desk.deps, person('secretary'), 'tinh', '2026-11')).toMatchObject({ ok: true });
    expect((await listed()).map((r) => r[1])).toEqual([codes[0], codes[1]]);
    expect(await stepMonthSheet(desk.deps, person('secretary'), 'tinh', '2026-11', 'check')).toMatchObject({ ok: true });
    expect((await listed()).map((r) => r[1])).toEqual([codes[0], codes[1]]);
    expect(await stepMonthSheet(desk.deps, person('deputy'), 'tinh', '2026-11', 'approve')).toMatchObject({ ok: true });
    desk.time.advance(15 * DAY);
    // Day 65: the work with no terms is overdue by 5 days.
    expect(await listed()).toEqual([['tinh', codes[1], 'none', 65, -5]]);
    desk.time.advance(26 * DAY);
    expect(await listed()).toEqual([]);
  });
});

describe('royalty due at the terminal', () => {
  it('lists each work with its publication day, the days left or overdue and what its terms lack, in both languages', async () => {
    const db = await freshSqlite();
    // Published 70 and 50 days before today (the terminal reads the real clock).
    const desk = await seedDesk(db.url, new Date(Date.now() - 70 * DAY).toISOString());
    try {
      const old = (await publishThrough(desk, { title: 'Tin cũ chưa có nhuận bút', summary: 'Tóm tắt.', body: 'Nội dung.', mediaRefs: [] })).code;
      desk.time.advance(20 * DAY);
      const recent = (await publishThrough(desk, { title: 'Tin có nhuận bút', summary: 'Tóm tắt.', body: 'Nội dung.', mediaRefs: [] })).code;
      expect(await setWorkRoyalty(desk.deps, { kind: 'person', personId: desk.id.deputy }, recent, { genreKey: 'tin-anh', coefficient: 150 })).toMatchObject({ ok: true });
      const run = await runCli(['royalty', 'due'], { DATABASE_URL: db.url, HUB_SECRET: TEST_HUB_SECRET });
      expect(run.code, run.stderr).toBe(0);
      expect(run.stdout).toContain('2 tin đăng từ 45 ngày trước chưa vào bảng nhuận bút đã duyệt');
      expect(run.stdout).toContain('on no approved royalty sheet (to be paid within 60 days of publication): 2');
      expect(run.stdout).toMatch(new RegExp(`^${old}\\t\\d{2}/\\d{2}/\\d{4}\\tQUÁ HẠN 10 ngày / OVERDUE by 10 days\\tchưa đặt nhuận bút / no royalty terms\\tTin cũ chưa có nhuận bút$`, 'm'));
      expect(run.stdout).toMatch(new RegExp(`^${recent}\\t.*\\tcòn 10 ngày / 10 days left\\tchờ bảng được duyệt / awaiting an approved sheet\\t`, 'm'));
      const json = JSON.parse((await runCli(['royalty', 'due', '--site', 'tinh', '--json'], { DATABASE_URL: db.url, HUB_SECRET: TEST_HUB_SECRET })).stdout) as { site: string; works: { code: string; daysLeft: number }[] }[];
      expect(json.map((d) => [d.site, d.works.map((w) => [w.code, w.daysLeft])])).toEqual([['tinh', [[old, -10], [recent, 10]]]]);
    } finally {
      await desk.store.close();
      await db.drop();
    }
  }, 120_000);
});
