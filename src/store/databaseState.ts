import { existsSync } from 'node:fs';
import Database from 'better-sqlite3';
import { providerOf, sqlitePath } from './url.js';

/** Whether a database is there to use: `absent` (no file, no such database), `empty` (never migrated) or `ready`. */
export type DatabaseState = 'absent' | 'empty' | 'ready';

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
      return db.prepare(`SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = '_hub_migrations'`).get() ? 'ready' : 'empty';
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
    const { rows } = await client.query<{ ready: boolean }>(`SELECT to_regclass('"_hub_migrations"') IS NOT NULL AS "ready"`);
    return rows[0]?.ready ? 'ready' : 'empty';
  } finally {
    await client.end();
  }
}
