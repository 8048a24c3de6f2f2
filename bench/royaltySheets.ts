/**
 * npm run bench -- --royalty: a month's royalty sheet built over a large archive against a small one, side
 * by side in one run. Both desks publish the same 20 works this month through the real use cases; the large
 * one also holds BENCH_ROYALTY_WORKS (default 200,000) works published in earlier years and settled by the
 * sheets that paid them (as an approved sheet leaves them: WorkRoyalty.open = false). Target: building the
 * month's sheet costs the same (within 1.5×) whatever the archive holds, since a sheet reads only open works.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { OPERATOR } from '../src/app/people.js';
import { buildMonthSheet } from '../src/app/royalties/sheets.js';
import { setWorkRoyalty } from '../src/app/royalties/works.js';
import { openClient } from '../src/store/client.js';
import { migrate } from '../src/store/migrate.js';
import { seedDesk, type Desk } from '../tests/helpers/desk.js';
import { publishThrough } from '../tests/helpers/portal.js';

const ARCHIVE = Number(process.env.BENCH_ROYALTY_WORKS ?? 200_000);
const THIS_MONTH = 20;
const RUNS = 7;
const BATCH = 400;

/** A desk that published THIS_MONTH works in November 2026, each with confirmed terms. */
async function deskWithMonth(url: string): Promise<Desk> {
  await migrate(url);
  const desk = await seedDesk(url, '2026-11-10T02:00:00Z');
  for (let i = 0; i < THIS_MONTH; i += 1) {
    desk.time.advance(3_600_000);
    const item = await publishThrough(desk, { title: `Tin tháng 11 số ${i + 1}`, summary: 'Tóm tắt.', body: 'Nội dung.', mediaRefs: [] });
    const set = await setWorkRoyalty(desk.deps, { kind: 'person', personId: desk.id.deputy }, item.code, { genreKey: 'tin-tong-hop', coefficient: 150 });
    if (!set.ok) throw new Error(set.reason);
  }
  return desk;
}

/** Works paid and settled in years past, in the rows the desk and an approved sheet leave behind. */
async function settledArchive(url: string, desk: Desk, count: number): Promise<void> {
  const db = openClient(url);
  try {
    const start = Date.parse('2019-01-01T02:00:00Z');
    const span = Date.parse('2026-10-01T00:00:00Z') - start;
    for (let at = 0; at < count; at += BATCH) {
      const n = Math.min(BATCH, count - at);
      const rows = Array.from({ length: n }, (_, k) => {
        const i = at + k;
        const published = new Date(start + Math.floor((span * i) / count));
        return { id: `archive-${i}`, code: `BP-${published.getUTCFullYear()}-A${String(i).padStart(7, '0')}`, published };
      });
      const marks = (cols: number) => rows.map(() => `(${Array.from({ length: cols }, () => '?').join(', ')})`).join(', ');
      await db.$transaction([
        db.$executeRawUnsafe(
          `INSERT INTO "Item" ("id", "code", "siteId", "kind", "state", "publishedAt", "originatorId", "createdAt", "updatedAt") VALUES ${marks(9)}`,
          ...rows.flatMap((r) => [r.id, r.code, desk.site.id, 'article', 'published', r.published, desk.id.editor1, r.published, r.published]),
        ),
        db.$executeRawUnsafe(
          `INSERT INTO "WorkRoyalty" ("itemId", "genreKey", "coefficient", "confirmedAt", "updatedAt", "open") VALUES ${marks(6)}`,
          ...rows.flatMap((r) => [r.id, 'tin-tong-hop', 150, r.published, r.published, false]),
        ),
        db.$executeRawUnsafe(
          `INSERT INTO "WorkAuthor" ("itemId", "personId", "sharePercent", "position") VALUES ${marks(4)}`,
          ...rows.flatMap((r) => [r.id, desk.id.editor1, 100, 0]),
        ),
      ]);
    }
  } finally {
    await db.$disconnect();
  }
}

async function timeBuilds(desk: Desk): Promise<{ medianMs: number; rows: number }> {
  const times: number[] = [];
  let rows = 0;
  for (let run = 0; run < RUNS; run += 1) {
    const started = performance.now();
    const built = await buildMonthSheet(desk.deps, OPERATOR, 'tinh', '2026-11');
    times.push(performance.now() - started);
    if (!built.ok) throw new Error(built.reason);
    rows = built.value.sheet.rows.length;
  }
  times.sort((a, b) => a - b);
  return { medianMs: times[Math.floor(times.length / 2)]!, rows };
}

const dir = mkdtempSync(join(tmpdir(), 'portal-hub-bench-royalty-'));
try {
  const small = await deskWithMonth(`file:${join(dir, 'small.db')}`);
  const largeUrl = `file:${join(dir, 'large.db')}`;
  const large = await deskWithMonth(largeUrl);
  const filling = performance.now();
  await settledArchive(largeUrl, large, ARCHIVE);
  console.log(`archive: ${ARCHIVE.toLocaleString('en')} settled works written in ${((performance.now() - filling) / 1000).toFixed(1)} s`);
  for (const desk of [small, large]) desk.time.advance(30 * 86_400_000);
  // Side by side, taking turns: the small desk, the large, the small again.
  const a = await timeBuilds(small);
  const b = await timeBuilds(large);
  const c = await timeBuilds(small);
  const base = Math.min(a.medianMs, c.medianMs);
  console.log(`royalty sheet for 11/2026 (${THIS_MONTH} works this month, ${a.rows} rows), median of ${RUNS} builds:`);
  console.log(`  archive of 0 settled works:        ${base.toFixed(1)} ms`);
  console.log(`  archive of ${ARCHIVE.toLocaleString('en')} settled works: ${b.medianMs.toFixed(1)} ms (${b.rows} rows)`);
  console.log(`  ratio ${(b.medianMs / base).toFixed(2)}× (target ≤ 1.5×)`);
  if (a.rows !== b.rows) throw new Error(`the archives' sheets differ: ${a.rows} rows against ${b.rows}`);
  await small.store.close();
  await large.store.close();
} finally {
  rmSync(dir, { recursive: true, force: true });
}
