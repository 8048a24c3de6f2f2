import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { migrate, migrationsFor } from '../../src/store/migrate.js';
import { inspectPostgres, inspectSqlite, type Inspected, type Row, type Table } from '../helpers/catalog.js';
import { freshPostgres, freshSqlite, POSTGRES, type TestDatabase } from '../helpers/databases.js';

/**
 * Upgrading keeps every row. For each earlier release (migrations 1..k), a database is filled with
 * rows in every table it has, found from the database's own catalogue, then upgraded with the
 * service's own migrate(); every row must come out with the same values in the columns it had.
 * A migration that means to rewrite a column says so in its SQL with a line
 * `-- hub:rewrites "Table"."column"` (or `-- hub:rewrites "Table"` for a whole table).
 */

const ROWS = 3;

/** Parents before children; a table that only points at itself comes when its parents are in. */
function parentsFirst(tables: Table[]): Table[] {
  const done = new Set<string>();
  const order: Table[] = [];
  while (order.length < tables.length) {
    const next = tables.find((t) => !done.has(t.name) && t.foreignKeys.every((f) => f.table === t.name || done.has(f.table) || !tables.some((o) => o.name === f.table)));
    if (!next) throw new Error(`foreign keys form a cycle among ${tables.filter((t) => !done.has(t.name)).map((t) => t.name).join(', ')}`);
    done.add(next.name);
    order.push(next);
  }
  return order;
}

/**
 * Row i of a table: every column filled (nullable ones left NULL in the last row), values unique
 * per column so unique indexes hold, and foreign keys pointing at row i of the parent (or the row
 * before, for a table that points at itself).
 */
function rowsFor(table: Table, step: number, parents: Map<string, Row[]>): Row[] {
  const rows: Row[] = [];
  for (let i = 0; i < ROWS; i += 1) {
    const row: Row = {};
    table.columns.forEach((c, n) => {
      if (!c.notNull && i === ROWS - 1) row[c.name] = null;
      else if (c.kind === 'int') row[c.name] = 1000 * (step + 1) + 10 * i + n;
      else if (c.kind === 'real') row[c.name] = i + n / 8;
      else if (c.kind === 'bool') row[c.name] = (i + n) % 2 === 1;
      else if (c.kind === 'datetime') row[c.name] = new Date(Date.UTC(2026, step, 1 + i, n, 30, 15, 250));
      else if (c.kind === 'bytes') row[c.name] = Buffer.from(`${table.name}.${c.name}.${i}`);
      // Text as a JSON list of one string: many text columns here hold JSON, and a data migration
      // that parses one must not fail on a value production could never have written.
      else row[c.name] = JSON.stringify([`${table.name}.${c.name}.${step}.${i}`]);
    });
    for (const fk of table.foreignKeys) {
      const self = fk.table === table.name;
      const pool = self ? rows : (parents.get(fk.table) ?? []);
      const parent = self ? (i === 0 ? null : pool[i - 1]) : pool[i % pool.length];
      fk.columns.forEach((col, n) => {
        const nullable = !table.columns.find((c) => c.name === col)?.notNull;
        const target = fk.references[n]!;
        // A required self-reference points at its own row.
        row[col] = parent ? parent[target] : nullable ? null : row[target];
      });
    }
    rows.push(row);
  }
  return rows;
}

async function fill(db: Inspected, step: number): Promise<void> {
  const tables = parentsFirst(await db.tables());
  const written = new Map<string, Row[]>();
  for (const table of tables) {
    const rows = rowsFor(table, step, written);
    for (const row of rows) await db.insert(table.name, row);
    written.set(table.name, await db.rows(table, table.columns.map((c) => c.name)));
  }
}

/** Values compared as stored: dates as instants, big integers and bytes as text. */
function plain(row: Row): Row {
  return Object.fromEntries(
    Object.entries(row).map(([k, v]) => [k, v instanceof Date ? v.toISOString() : typeof v === 'bigint' ? String(v) : Buffer.isBuffer(v) ? v.toString('hex') : v]),
  );
}

type Snapshot = Map<string, { table: Table; rows: Row[] }>;

async function snapshot(db: Inspected): Promise<Snapshot> {
  const out: Snapshot = new Map();
  for (const table of await db.tables()) out.set(table.name, { table, rows: (await db.rows(table, table.columns.map((c) => c.name))).map(plain) });
  return out;
}

function declaredRewrites(sqls: string[]): Set<string> {
  const found = new Set<string>();
  for (const sql of sqls) for (const m of sql.matchAll(/^--\s*hub:rewrites\s+"([^"]+)"(?:\."([^"]+)")?/gm)) found.add(m[2] ? `${m[1]}.${m[2]}` : m[1]!);
  return found;
}

/** Before → after, restricted to the columns each table had before and not declared rewritten. */
async function compare(before: Snapshot, db: Inspected, rewrites: Set<string>) {
  const after = new Map((await db.tables()).map((t) => [t.name, t]));
  const lost: string[] = [];
  const changed: string[] = [];
  for (const [name, { table, rows }] of before) {
    if (rewrites.has(name)) continue;
    const now = after.get(name);
    if (!now) {
      lost.push(`table ${name}`);
      continue;
    }
    const kept = table.columns.map((c) => c.name).filter((c) => !rewrites.has(`${name}.${c}`));
    for (const c of kept) if (!now.columns.some((n) => n.name === c)) lost.push(`column ${name}.${c}`);
    const columns = kept.filter((c) => now.columns.some((n) => n.name === c));
    const is = (await db.rows(now, columns)).map(plain);
    if (is.length !== rows.length) changed.push(`${name}: ${rows.length} rows → ${is.length}`);
    rows.forEach((row, i) => {
      for (const c of columns) {
        const [a, b] = [JSON.stringify(row[c]), JSON.stringify(is[i]?.[c])];
        if (a !== b) changed.push(`${name} row ${i} ${c}: ${a} → ${b}`);
      }
    });
  }
  return { lost, changed };
}

const backends = [
  { name: 'SQLite', provider: 'sqlite' as const, skip: false, fresh: freshSqlite, open: async (db: TestDatabase) => inspectSqlite(db.url) },
  { name: 'PostgreSQL', provider: 'postgresql' as const, skip: !POSTGRES.ok, fresh: freshPostgres, open: (db: TestDatabase) => inspectPostgres(db.url) },
];

describe.each(backends)('upgrading a populated $name database', ({ provider, skip, fresh, open }) => {
  const all = migrationsFor(provider);
  const earlier = all.slice(0, -1).map((m, k) => ({ name: m.name, later: all.slice(k + 1) }));

  it('there is an earlier release to upgrade from', () => {
    expect(all.length).toBeGreaterThan(1);
  });

  it.skipIf(skip).each(earlier)('from $name: every row comes out as it went in', async ({ name, later }) => {
    const db = await fresh({ upTo: name });
    const conn = await open(db);
    try {
      await fill(conn, all.findIndex((m) => m.name === name));
      const before = await snapshot(conn);
      // Every table the release had holds rows, so a rebuild that loses or rewrites any shows here.
      for (const [table, { rows }] of before) expect(rows.length, `rows written in ${table}`).toBeGreaterThanOrEqual(ROWS);
      const report = await migrate(db.url);
      expect(report.applied).toEqual(later.map((m) => m.name));
      expect(await compare(before, conn, declaredRewrites(later.map((m) => m.sql)))).toEqual({ lost: [], changed: [] });
    } finally {
      await conn.close();
      await db.drop();
    }
  });
});

describe('a SQLite migration that would leave rows pointing at nothing', () => {
  const root = mkdtempSync(join(tmpdir(), 'portal-hub-migrations-'));
  afterAll(() => rmSync(root, { recursive: true, force: true }));
  const step = (name: string, sql: string) => {
    mkdirSync(join(root, 'sqlite', name), { recursive: true });
    writeFileSync(join(root, 'sqlite', name, 'migration.sql'), sql);
  };
  step('20260101000000_parents', `CREATE TABLE "Parent" ("id" TEXT NOT NULL PRIMARY KEY);
CREATE TABLE "Child" ("id" TEXT NOT NULL PRIMARY KEY, "parentId" TEXT, CONSTRAINT "Child_parentId_fkey" FOREIGN KEY ("parentId") REFERENCES "Parent" ("id") ON DELETE SET NULL ON UPDATE CASCADE);
INSERT INTO "Parent" VALUES ('p1'); INSERT INTO "Child" VALUES ('c1', 'p1');`);
  // A rebuild as Prisma writes it: with foreign keys really off, the children keep their parent.
  step('20260102000000_rebuild', `PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Parent" ("id" TEXT NOT NULL PRIMARY KEY, "name" TEXT NOT NULL DEFAULT 'x');
INSERT INTO "new_Parent" ("id") SELECT "id" FROM "Parent";
DROP TABLE "Parent";
ALTER TABLE "new_Parent" RENAME TO "Parent";
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;`);
  // A copy that forgets rows: the check before COMMIT must refuse it.
  step('20260103000000_lossy', `CREATE TABLE "new_Parent" ("id" TEXT NOT NULL PRIMARY KEY, "name" TEXT NOT NULL DEFAULT 'x');
DROP TABLE "Parent";
ALTER TABLE "new_Parent" RENAME TO "Parent";`);

  it('keeps the child linked through a rebuild, then refuses the lossy step loudly and changes nothing', async () => {
    const db = await freshSqlite({ root, upTo: '20260102000000_rebuild' });
    const conn = inspectSqlite(db.url);
    try {
      const child = (await conn.tables()).find((t) => t.name === 'Child')!;
      expect(await conn.rows(child, ['id', 'parentId'])).toEqual([{ id: 'c1', parentId: 'p1' }]);
      await expect(migrate(db.url, { root })).rejects.toThrow(/migration 20260103000000_lossy leaves 1 row\(s\) pointing at missing parents \(Child row 1 → Parent\)/);
      const parent = (await conn.tables()).find((t) => t.name === 'Parent')!;
      expect(await conn.rows(parent, ['id', 'name'])).toEqual([{ id: 'p1', name: 'x' }]);
      expect(await migrate(db.url, { root, upTo: '20260102000000_rebuild' })).toMatchObject({ applied: [] });
    } finally {
      await conn.close();
      await db.drop();
    }
  });
});
