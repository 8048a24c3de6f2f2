import { existsSync } from 'node:fs';
import Database from 'better-sqlite3';
import { providerOf, sqlitePath } from './url.js';

/** Whether a database is there to use: `absent` (no file, no such database), `empty` (never migrated), `foreign` (another program's tables, no ledger) or `ready`. */
export type DatabaseState = 'absent' | 'empty' | 'foreign' | 'ready';

/** PostgreSQL's "database does not exist". */
const NO_SUCH_DATABASE = '3D000';

/** Looks without creating anything: SQLite would make the file on open, so the file is looked for first. */
export async function databaseState(url: string): Promise<DatabaseState> {
  if (providerOf(url) === 'sqlite') {
    const path = sqlitePath(url);
    if (path === ':memory:') return 'empty';
    if (!existsSync(path)) return 'absent';
    const db = new Database(path, { readonly: true, fileMustExist: true });
    try {
      const tables = (db.prepare(`SELECT "name" FROM sqlite_master WHERE type = 'table' AND "name" NOT LIKE 'sqlite_%'`).all() as { name: string }[]).map((t) => t.name);
      return tables.includes('_hub_migrations') ? 'ready' : tables.length > 0 ? 'foreign' : 'empty';
    } finally {
      db.close();
    }
  }
  const { default: pg } = await import('pg');
  const client = new pg.Client({ connectionString: url });
  try {
    await client.connect();
  } catch (error) {
    await client.end().catch(() => undefined);
    if (typeof error === 'object' && error !== null && 'code' in error && error.code === NO_SUCH_DATABASE) return 'absent';
    throw error;
  }
  try {
    const { rows } = await client.query<{ ready: boolean; tables: string }>(
      `SELECT to_regclass('"_hub_migrations"') IS NOT NULL AS "ready", (SELECT count(*) FROM information_schema.tables WHERE table_schema = current_schema() AND table_type = 'BASE TABLE')::text AS "tables"`,
    );
    return rows[0]?.ready ? 'ready' : Number(rows[0]?.tables ?? 0) > 0 ? 'foreign' : 'empty';
  } finally {
    await client.end();
  }
}
