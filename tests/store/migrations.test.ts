import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { prisma, variant } from '../../scripts/prisma.js';
import { migrate } from '../../src/store/migrate.js';
import { sqlitePath } from '../../src/store/url.js';
import { ROOT } from '../helpers/cli.js';
import { freshPostgres, freshSqlite, POSTGRES, type TestDatabase } from '../helpers/databases.js';

type Shape = Record<string, string[]>;

function sqliteShape(db: Database.Database): Shape {
  const tables = db.prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name <> '_hub_migrations' ORDER BY name`).all() as { name: string }[];
  return Object.fromEntries(tables.map(({ name }) => [name, (db.prepare(`PRAGMA table_info("${name}")`).all() as { name: string }[]).map((c) => c.name).sort()]));
}

async function postgresShape(url: string): Promise<Shape> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const { rows } = await client.query<{ table_name: string; column_name: string }>(
    `SELECT table_name, column_name FROM information_schema.columns WHERE table_schema = 'public' AND table_name <> '_hub_migrations' ORDER BY table_name, column_name`,
  );
  await client.end();
  const shape: Shape = {};
  for (const r of rows) (shape[r.table_name] ??= []).push(r.column_name);
  return shape;
}

/** What the schema source says the database should be, as SQL from Prisma's own differ. */
function sqlFromSchema(): string {
  const dir = mkdtempSync(join(tmpdir(), 'portal-hub-schema-'));
  try {
    const file = join(dir, 'schema.prisma');
    writeFileSync(file, variant(readFileSync(join(ROOT, 'prisma', 'schema.prisma'), 'utf8'), 'sqlite'));
    return prisma(['migrate', 'diff', '--from-empty', '--to-schema-datamodel', file, '--script']);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe('migrations', () => {
  let sqlite: TestDatabase;
  beforeAll(async () => {
    sqlite = await freshSqlite();
  });
  afterAll(() => sqlite.drop());

  it('both providers have the same steps', () => {
    const steps = (p: string) => readdirSync(join(ROOT, 'prisma', 'migrations', p)).sort();
    expect(steps('postgresql')).toEqual(steps('sqlite'));
    expect(steps('sqlite').length).toBeGreaterThan(0);
  });

  it('the SQLite migrations build exactly what prisma/schema.prisma describes', () => {
    const expected = new Database(':memory:');
    expected.exec(sqlFromSchema());
    const migrated = new Database(sqlitePath(sqlite.url), { readonly: true });
    expect(sqliteShape(migrated)).toEqual(sqliteShape(expected));
    migrated.close();
  });

  it('running them again applies nothing', async () => {
    expect(await migrate(sqlite.url)).toMatchObject({ applied: [] });
  });

  it.skipIf(!POSTGRES.ok)('the PostgreSQL migrations build the same tables and columns as the SQLite ones', async () => {
    const postgres = await freshPostgres();
    try {
      const migrated = new Database(sqlitePath(sqlite.url), { readonly: true });
      expect(await postgresShape(postgres.url)).toEqual(sqliteShape(migrated));
      migrated.close();
      // Several processes starting at once: one migrates, the others find nothing to do.
      const reports = await Promise.all([migrate(postgres.url), migrate(postgres.url), migrate(postgres.url)]);
      expect(reports.map((r) => r.applied.length)).toEqual([0, 0, 0]);
    } finally {
      await postgres.drop();
    }
  });
});
