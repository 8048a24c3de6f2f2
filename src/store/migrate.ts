import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { projectPath } from '../projectRoot.js';
import { providerOf, sqlitePath, type Provider } from './url.js';
import { ensurePrivateSqliteFile } from './fileModes.js';
import { SQLITE_HAS_STATISTICS, SQLITE_NO_SKIP_SCAN } from './plannerHints.js';

const migrationsRoot = projectPath('prisma', 'migrations');

interface Migration {
  name: string;
  sql: string;
  checksum: string;
}

export function migrationsFor(provider: Provider, root = migrationsRoot): Migration[] {
  const dir = join(root, provider);
  return readdirSync(dir)
    .filter((name) => /^\d{14}_[a-z0-9_]+$/.test(name))
    .sort()
    .map((name) => {
      const sql = readFileSync(join(dir, name, 'migration.sql'), 'utf8');
      return { name, sql, checksum: createHash('sha256').update(sql).digest('hex') };
    });
}

export interface MigrationReport {
  applied: string[];
  alreadyApplied: number;
}

/**
 * A database portal-hub must not touch: another application's (tables, none of them ours), or one a
 * newer release migrated (running older code on it would write rows its schema no longer means).
 */
export class MigrationRefused extends Error {
  constructor(
    readonly code: 'HUB_FOREIGN_DATABASE' | 'HUB_NEWER_SCHEMA',
    readonly names: string[],
  ) {
    super(code === 'HUB_FOREIGN_DATABASE' ? `the database holds other tables (${names.join(', ')}) and no portal-hub ledger` : `the database was migrated by a newer release (${names.join(', ')})`);
  }
}

/** Tables already there and not ours, when there is no ledger yet: a database some other program uses. */
function refuseForeign(tables: readonly string[]): void {
  if (tables.length > 0) throw new MigrationRefused('HUB_FOREIGN_DATABASE', tables.slice(0, 5));
}

/** Migrations applied that this code does not know: a newer release's database. */
function refuseNewer(applied: readonly string[], known: readonly Migration[]): void {
  const unknown = applied.filter((name) => !known.some((m) => m.name === name));
  if (unknown.length > 0) throw new MigrationRefused('HUB_NEWER_SCHEMA', unknown);
}

const LEDGER = 'CREATE TABLE IF NOT EXISTS "_hub_migrations" ("name" TEXT PRIMARY KEY, "checksum" TEXT NOT NULL, "appliedAt" TEXT NOT NULL)';

function pending(all: Migration[], done: Map<string, string>): Migration[] {
  for (const [name, checksum] of done) {
    const known = all.find((m) => m.name === name);
    if (known && known.checksum !== checksum) {
      throw new Error(`migration ${name} was changed after it was applied; restore it and add a new migration instead`);
    }
  }
  return all.filter((m) => !done.has(m.name));
}

/**
 * Applies pending migrations ourselves: Prisma's WASM engine cannot run `migrate deploy`
 * against PostgreSQL. Each migration runs in its own transaction and is recorded with its
 * checksum, so a second start applies nothing and an edited migration is refused.
 */
export interface MigrateOptions {
  /** Stop after this migration (inclusive): the database as an older release left it. */
  upTo?: string;
  /** Another migrations folder (with sqlite/ and postgresql/ inside); tests use it for a migration that must fail. */
  root?: string;
}

export async function migrate(url: string, options: MigrateOptions = {}): Promise<MigrationReport> {
  const provider = providerOf(url);
  const all = migrationsFor(provider, options.root);
  const upTo = options.upTo;
  const wanted = upTo === undefined ? all : all.slice(0, all.findIndex((m) => m.name === upTo) + 1);
  if (upTo !== undefined && wanted.length === 0) throw new Error(`no migration named ${upTo}`);
  // Only against the shipped migrations: a test's own folder (options.root) describes no release.
  const known = options.root === undefined ? all : null;
  return provider === 'sqlite' ? migrateSqlite(sqlitePath(url), wanted, known) : migratePostgres(url, wanted, known);
}

/** Rows `PRAGMA foreign_key_check` reports: a child row whose parent is missing. */
interface Orphan {
  table: string;
  rowid: number | null;
  parent: string;
  fkid: number;
}

/**
 * One migration on SQLite. A table rebuild (new table, copy, DROP, RENAME) must run with foreign
 * keys off, or the DROP deletes every row and fires the children's ON DELETE actions (SET NULL
 * emptied Decision.itemId). `PRAGMA foreign_keys` is a no-op inside a transaction, and the SQL
 * Prisma writes sets it inside ours, so it is switched off here, before BEGIN, and the whole
 * database is checked before COMMIT instead: a migration that leaves an orphan fails and changes nothing.
 */
function applySqlite(db: Database.Database, m: Migration): boolean {
  db.pragma('foreign_keys = OFF');
  try {
    return db.transaction(() => {
      // Another process may have applied it while this one waited for the write lock.
      if (db.prepare('SELECT 1 FROM "_hub_migrations" WHERE "name" = ?').get(m.name)) return false;
      db.exec(m.sql);
      const orphans = db.pragma('foreign_key_check') as Orphan[];
      if (orphans.length > 0) {
        const sample = orphans.slice(0, 5).map((o) => `${o.table} row ${o.rowid ?? '?'} → ${o.parent}`).join('; ');
        throw new Error(`migration ${m.name} leaves ${orphans.length} row(s) pointing at missing parents (${sample}); nothing was changed`);
      }
      db.prepare('INSERT INTO "_hub_migrations" ("name", "checksum", "appliedAt") VALUES (?, ?, ?)').run(m.name, m.checksum, new Date().toISOString());
      return true;
    }).immediate();
  } finally {
    db.pragma('foreign_keys = ON');
  }
}

/** See src/store/plannerHints.ts: statistics someone gathered by hand are marked at the next start. */
function keepListsOffSkipScan(db: Database.Database): void {
  if ((db.prepare(SQLITE_HAS_STATISTICS).get() as { n: number }).n === 0) return;
  if (db.prepare(SQLITE_NO_SKIP_SCAN).run().changes > 0) db.exec('ANALYZE sqlite_schema');
}

function migrateSqlite(file: string, all: Migration[], known: Migration[] | null): MigrationReport {
  ensurePrivateSqliteFile(file);
  const db = new Database(file);
  try {
    const tables = (db.prepare(`SELECT "name" FROM sqlite_master WHERE type = 'table' AND "name" NOT LIKE 'sqlite_%'`).all() as { name: string }[]).map((t) => t.name);
    if (!tables.includes('_hub_migrations')) refuseForeign(tables);
    db.pragma('journal_mode = WAL');
    db.exec(LEDGER);
    const rows = db.prepare('SELECT "name", "checksum" FROM "_hub_migrations"').all() as { name: string; checksum: string }[];
    if (known) refuseNewer(rows.map((r) => r.name), known);
    const todo = pending(all, new Map(rows.map((r) => [r.name, r.checksum])));
    const applied = todo.filter((m) => applySqlite(db, m)).map((m) => m.name);
    keepListsOffSkipScan(db);
    return { applied, alreadyApplied: rows.length };
  } finally {
    db.close();
  }
}

/** Any fixed number works; it only has to be the same for every process of this service. */
const MIGRATION_LOCK = 7_240_001;

async function migratePostgres(url: string, all: Migration[], known: Migration[] | null): Promise<MigrationReport> {
  const { default: pg } = await import('pg');
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    // Several processes may start at once; one migrates, the others wait and find nothing to do.
    await client.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
    const tables = (await client.query<{ name: string }>(`SELECT table_name AS "name" FROM information_schema.tables WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'`)).rows.map((t) => t.name);
    if (!tables.includes('_hub_migrations')) refuseForeign(tables);
    await client.query(LEDGER);
    const { rows } = await client.query<{ name: string; checksum: string }>('SELECT "name", "checksum" FROM "_hub_migrations"');
    if (known) refuseNewer(rows.map((r) => r.name), known);
    const todo = pending(all, new Map(rows.map((r) => [r.name, r.checksum])));
    for (const m of todo) {
      await client.query('BEGIN');
      try {
        await client.query(m.sql);
        await client.query('INSERT INTO "_hub_migrations" ("name", "checksum", "appliedAt") VALUES ($1, $2, $3)', [m.name, m.checksum, new Date().toISOString()]);
        await client.query('COMMIT');
      } catch (error) {
        await client.query('ROLLBACK');
        throw error;
      }
    }
    return { applied: todo.map((m) => m.name), alreadyApplied: rows.length };
  } finally {
    await client.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]).catch(() => undefined);
    await client.end();
  }
}
