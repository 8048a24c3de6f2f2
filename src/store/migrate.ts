import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import pg from 'pg';
import { providerOf, sqlitePath, type Provider } from './url.js';

const migrationsRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', 'prisma', 'migrations');

interface Migration {
  name: string;
  sql: string;
  checksum: string;
}

export function migrationsFor(provider: Provider): Migration[] {
  const dir = join(migrationsRoot, provider);
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
export async function migrate(url: string): Promise<MigrationReport> {
  const provider = providerOf(url);
  const all = migrationsFor(provider);
  return provider === 'sqlite' ? migrateSqlite(sqlitePath(url), all) : migratePostgres(url, all);
}

function migrateSqlite(file: string, all: Migration[]): MigrationReport {
  if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
  const db = new Database(file);
  try {
    db.pragma('journal_mode = WAL');
    db.exec(LEDGER);
    const rows = db.prepare('SELECT "name", "checksum" FROM "_hub_migrations"').all() as { name: string; checksum: string }[];
    const todo = pending(all, new Map(rows.map((r) => [r.name, r.checksum])));
    const record = db.prepare('INSERT INTO "_hub_migrations" ("name", "checksum", "appliedAt") VALUES (?, ?, ?)');
    for (const m of todo) {
      db.transaction(() => {
        db.exec(m.sql);
        record.run(m.name, m.checksum, new Date().toISOString());
      }).immediate();
    }
    return { applied: todo.map((m) => m.name), alreadyApplied: rows.length };
  } finally {
    db.close();
  }
}

/** Any fixed number works; it only has to be the same for every process of this service. */
const MIGRATION_LOCK = 7_240_001;

async function migratePostgres(url: string, all: Migration[]): Promise<MigrationReport> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    // Several processes may start at once; one migrates, the others wait and find nothing to do.
    await client.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
    await client.query(LEDGER);
    const { rows } = await client.query<{ name: string; checksum: string }>('SELECT "name", "checksum" FROM "_hub_migrations"');
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
