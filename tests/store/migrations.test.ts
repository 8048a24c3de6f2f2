import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { prisma, variant } from '../../scripts/prisma.js';
import { migrate } from '../../src/store/migrate.js';
import { fullShape, inspectPostgres, inspectSqlite, neutralShape, type Table } from '../helpers/catalog.js';
import { ROOT } from '../helpers/cli.js';
import { freshPostgres, freshSqlite, POSTGRES, type TestDatabase } from '../helpers/databases.js';

/**
 * What the schema source says the database should be: Prisma's own differ from empty, written as
 * the only migration of a scratch folder, so the same runner builds it.
 */
function schemaAsMigrations(): string {
  const dir = mkdtempSync(join(tmpdir(), 'portal-hub-schema-'));
  for (const provider of ['sqlite', 'postgresql'] as const) {
    const file = join(dir, `${provider}.prisma`);
    writeFileSync(file, variant(readFileSync(join(ROOT, 'prisma', 'schema.prisma'), 'utf8'), provider));
    const step = join(dir, provider, '20000101000000_schema');
    mkdirSync(step, { recursive: true });
    writeFileSync(join(step, 'migration.sql'), prisma(['migrate', 'diff', '--from-empty', '--to-schema-datamodel', file, '--script']));
  }
  return dir;
}

async function tablesOf(db: TestDatabase): Promise<Table[]> {
  const conn = db.provider === 'sqlite' ? inspectSqlite(db.url) : await inspectPostgres(db.url);
  try {
    return await conn.tables();
  } finally {
    await conn.close();
  }
}

describe('migrations', () => {
  let sqlite: TestDatabase;
  let schemaRoot: string;
  beforeAll(async () => {
    sqlite = await freshSqlite();
    schemaRoot = schemaAsMigrations();
  });
  afterAll(async () => {
    await sqlite.drop();
    rmSync(schemaRoot, { recursive: true, force: true });
  });

  it('both providers have the same steps', () => {
    const steps = (p: string) => readdirSync(join(ROOT, 'prisma', 'migrations', p)).sort();
    expect(steps('postgresql')).toEqual(steps('sqlite'));
    expect(steps('sqlite').length).toBeGreaterThan(0);
  });

  it('the SQLite migrations build exactly what prisma/schema.prisma describes: columns, types, defaults, keys, indexes, foreign keys', async () => {
    const expected = await freshSqlite({ root: schemaRoot });
    try {
      expect(fullShape(await tablesOf(sqlite))).toEqual(fullShape(await tablesOf(expected)));
    } finally {
      await expected.drop();
    }
  });

  it('running them again applies nothing', async () => {
    expect(await migrate(sqlite.url)).toMatchObject({ applied: [] });
  });

  it.skipIf(!POSTGRES.ok)('the PostgreSQL migrations build what prisma/schema.prisma describes', async () => {
    const [migrated, expected] = await Promise.all([freshPostgres(), freshPostgres({ root: schemaRoot })]);
    try {
      expect(fullShape(await tablesOf(migrated))).toEqual(fullShape(await tablesOf(expected)));
    } finally {
      await Promise.all([migrated.drop(), expected.drop()]);
    }
  });

  it.skipIf(!POSTGRES.ok)('the PostgreSQL migrations build the same tables, columns, keys, indexes and foreign keys as the SQLite ones', async () => {
    const postgres = await freshPostgres();
    try {
      // SQLite names the index behind a primary key itself; both sides leave primary keys to `primaryKey`.
      expect(neutralShape(await tablesOf(postgres))).toEqual(neutralShape(await tablesOf(sqlite)));
      // Several processes starting at once: one migrates, the others find nothing to do.
      const reports = await Promise.all([migrate(postgres.url), migrate(postgres.url), migrate(postgres.url)]);
      expect(reports.map((r) => r.applied.length)).toEqual([0, 0, 0]);
    } finally {
      await postgres.drop();
    }
  });
});
