import { randomUUID } from 'node:crypto';
import { coverPublications, type PublicationContent } from '../core/auditContent.js';
import { searchable } from '../core/search.js';
import { trackingCode } from '../core/tracking.js';
import type { BulkPublication, BulkPublicationStore } from '../app/demoPorts.js';
import type { AuditTrail } from './audit.js';
import type { Db, Tx } from './client.js';
import { SQLITE_HAS_STATISTICS, SQLITE_NO_SKIP_SCAN } from './plannerHints.js';
import type { Provider } from './url.js';

const COLUMNS = ['itemId', 'code', 'siteId', 'kind', 'category', 'lang', 'title', 'summary', 'body', 'mediaRefs', 'author', 'searchText', 'featured', 'publishedAt', 'updatedAt', 'takenDownAt', 'takedownNote'] as const;
/** Rows per INSERT: 17 columns × 400 stays far below SQLite's 32,766 and PostgreSQL's 65,535 parameters. */
const ROWS_PER_STATEMENT = 400;
/** A batch of thousands of rows (and their trigger work) may outlast the default 30 s on a busy disk. */
const BATCH_TRANSACTION = { maxWait: 60_000, timeout: 300_000 } as const;

/** Reserves `count` numbers of a site's code counter for `year` at once; returns the first. */
async function reserveCodes(tx: Tx, siteId: string, year: number, count: number): Promise<number> {
  const bumped = await tx.codeCounter.updateMany({ where: { siteId, year }, data: { last: { increment: count } } });
  if (bumped.count === 0) {
    await tx.codeCounter.create({ data: { siteId, year, last: count } });
    return 1;
  }
  const counter = await tx.codeCounter.findUniqueOrThrow({ where: { siteId_year: { siteId, year } } });
  return counter.last - count + 1;
}

/** Codes for the rows, in order, by site and year of publication, as the desk would have numbered them. */
async function codesFor(tx: Tx, rows: readonly BulkPublication[]): Promise<string[]> {
  const groups = new Map<string, number[]>();
  rows.forEach((r, i) => {
    const key = `${r.siteId}\u0000${r.codeYear}`;
    groups.set(key, [...(groups.get(key) ?? []), i]);
  });
  const prefixes = new Map((await tx.site.findMany({ where: { id: { in: [...new Set(rows.map((r) => r.siteId))] } }, select: { id: true, codePrefix: true } })).map((s) => [s.id, s.codePrefix]));
  const codes: string[] = new Array<string>(rows.length);
  for (const [key, indexes] of groups) {
    const [siteId, year] = key.split('\u0000') as [string, string];
    const prefix = prefixes.get(siteId);
    if (prefix === undefined) throw new Error(`no site ${siteId}`);
    const first = await reserveCodes(tx, siteId, Number(year), indexes.length);
    indexes.forEach((row, n) => (codes[row] = trackingCode(prefix, Number(year), first + n)));
  }
  return codes;
}

function insertSql(provider: Provider, rows: number): string {
  const names = COLUMNS.map((c) => `"${c}"`).join(', ');
  let n = 0;
  const tuple = () => `(${COLUMNS.map(() => (provider === 'sqlite' ? '?' : `$${(n += 1)}`)).join(', ')})`;
  return `INSERT INTO "Publication" (${names}) VALUES ${Array.from({ length: rows }, tuple).join(', ')}`;
}

/**
 * The store's bulk path: multi-row INSERTs into Publication inside one transaction per call. The
 * triggers on Publication keep PublicationTally, PublicationMedia and the search index in step, in
 * this transaction, exactly as for a publication the desk writes; nothing here touches those tables.
 */
export function bulkStore(db: Db, trail: AuditTrail, provider: Provider): BulkPublicationStore {
  const statements = new Map<number, string>();
  const sql = (rows: number) => statements.get(rows) ?? statements.set(rows, insertSql(provider, rows)).get(rows)!;
  async function keepPlannerStatistics(): Promise<void> {
    if (provider !== 'sqlite') return;
    // Statistics taken while a table held one row (the demo's first item, a fresh install) made SQLite scan
    // the whole search-document table for every publication once it held thousands: 11 ms a publication at
    // 200,000 and growing. 0x10000 checks every table's size, not only those this connection read lately; a
    // table is analysed again (with a bounded sample) once it has grown 25 times or shrunk 4 times.
    await db.$executeRawUnsafe('PRAGMA optimize=0x10002');
    const [stats] = await db.$queryRawUnsafe<{ n: number | bigint }[]>(SQLITE_HAS_STATISTICS);
    if (Number(stats?.n ?? 0) > 0 && (await db.$executeRawUnsafe(SQLITE_NO_SKIP_SCAN)) > 0) await db.$executeRawUnsafe('ANALYZE sqlite_schema');
  }
  return {
    async appendPublications(rows, audit) {
      if (rows.length === 0) return [];
      return db.$transaction(async (tx) => {
        const codes = await codesFor(tx, rows);
        const written: PublicationContent[] = rows.map((r, i) => ({
          itemId: randomUUID(),
          code: codes[i]!,
          siteId: r.siteId,
          kind: r.kind,
          category: r.category,
          lang: r.lang,
          title: r.title,
          summary: r.summary,
          body: r.body,
          mediaRefs: JSON.stringify(r.mediaRefs),
          author: r.author,
          // As src/store/publication.ts folds it: the same text is searched whoever wrote the row.
          searchText: searchable(`${r.title} ${r.summary} ${r.body}`),
          featured: r.featured,
          publishedAt: r.publishedAt,
          updatedAt: r.publishedAt,
          takenDownAt: r.takenDownAt,
          takedownNote: r.takedownNote,
        }));
        for (let at = 0; at < written.length; at += ROWS_PER_STATEMENT) {
          const slice = written.slice(at, at + ROWS_PER_STATEMENT);
          await tx.$executeRawUnsafe(sql(slice.length), ...slice.flatMap((p) => COLUMNS.map((c) => p[c])));
        }
        // One row for the batch; its seal covers every publication's digest, so `audit verify` vouches for each.
        await trail.append(tx, { ...audit, data: { ...audit.data, count: rows.length, first: codes[0], last: codes[codes.length - 1] } }, coverPublications(written));
        return codes;
      }, BATCH_TRANSACTION);
    },
    async demoCensus() {
      const [sites, people, items, submissions, publications, rows] = await Promise.all([
        db.site.findMany({ select: { id: true } }),
        db.person.findMany({ select: { id: true } }),
        db.item.count(),
        db.submission.count(),
        db.publication.count(),
        db.auditEvent.findMany({ where: { action: 'portal.demo' }, select: { subjectId: true, data: true } }),
      ]);
      const made = { siteIds: [] as string[], personIds: [] as string[], publications: 0 };
      for (const row of rows) {
        const data: unknown = JSON.parse(row.data);
        if (typeof data !== 'object' || data === null) continue;
        const kind = 'made' in data ? data.made : undefined;
        if (kind === 'site') made.siteIds.push(row.subjectId);
        if (kind === 'person') made.personIds.push(row.subjectId);
        if ('count' in data && typeof data.count === 'number') made.publications += data.count;
      }
      return { siteIds: sites.map((s) => s.id), personIds: people.map((p) => p.id), items, submissions, publications, made };
    },
    publicationTotal: () => db.publication.count(),
    keepPlannerStatistics,
    async refreshPlannerStatistics() {
      // PostgreSQL plans by its statistics, which a million fresh rows leave empty until autovacuum comes
      // round: the growth bench saw home at 6.4 s before ANALYZE and 0.28 s after. VACUUM also marks the
      // fresh rows visible to all once, which the first readers would otherwise do page by page, writing
      // as they read (a cold search at 1M items dirtied 30,000 pages). SQLite's optimize analyses only the
      // tables whose statistics are out of date.
      if (provider === 'sqlite') return keepPlannerStatistics();
      // Every publication rewrote a row of its month's live count: a million of them left 28,000 rows
      // spread over 6,000 pages, which a section's page count read cold (190 ms). Rewritten compact: 316 pages.
      await db.$executeRawUnsafe('VACUUM FULL "PublicationTally"');
      await db.$executeRawUnsafe('VACUUM (ANALYZE) "Publication", "PublicationTally", "PublicationMedia", "PublicationSearch"');
    },
  };
}
