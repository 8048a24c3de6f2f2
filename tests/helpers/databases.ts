import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { migrate, type MigrateOptions } from '../../src/store/migrate.js';

/**
 * Test databases: a new SQLite file, or a new PostgreSQL database on the machine's server, per
 * suite. PORTAL_HUB_TEST_PG names the server's admin URL; REQUIRE_POSTGRES=1 (set by CI) turns a
 * missing server into a failure instead of a skip.
 */
export const PG_ADMIN_URL = process.env.PORTAL_HUB_TEST_PG ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const REQUIRED = process.env.REQUIRE_POSTGRES === '1';

export interface TestDatabase {
  provider: 'sqlite' | 'postgresql';
  url: string;
  drop: () => Promise<void>;
}

/** `migrations` stops at an earlier step (upgrade tests) or uses another migrations folder. */
export async function freshSqlite(migrations: MigrateOptions = {}): Promise<TestDatabase> {
  const dir = mkdtempSync(join(tmpdir(), 'portal-hub-test-'));
  const url = `file:${join(dir, 'test.db')}`;
  await migrate(url, migrations);
  return { provider: 'sqlite', url, drop: async () => rmSync(dir, { recursive: true, force: true }) };
}

function withDatabase(adminUrl: string, name: string): string {
  const u = new URL(adminUrl);
  u.pathname = `/${name}`;
  return u.toString();
}

/** Databases of one `npm test` run share its tag, so the run's teardown finds any whose drop was put off. */
export const TEST_DATABASE_PREFIX = `portal_hub_test_${process.env.PORTAL_HUB_TEST_RUN ?? 'solo'}_`;
/** A drop waits for a checkpoint; on a loaded server that may outlast a test hook. It then finishes in the background. */
const DROP_WAIT_MS = 20_000;

export async function freshPostgres(migrations: MigrateOptions = {}): Promise<TestDatabase> {
  const name = `${TEST_DATABASE_PREFIX}${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: PG_ADMIN_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = withDatabase(PG_ADMIN_URL, name);
  await migrate(url, migrations);
  return {
    provider: 'postgresql',
    url,
    drop: async () => {
      const dropping = dropPostgres(name);
      const putOff = new Promise<'putOff'>((resolve) => setTimeout(() => resolve('putOff'), DROP_WAIT_MS).unref());
      if ((await Promise.race([dropping, putOff])) === 'putOff') {
        console.warn(`test database ${name} still dropping after ${DROP_WAIT_MS / 1000} s; it finishes in the background (the run's teardown drops what is left)`);
        dropping.catch(() => undefined);
      }
    },
  };
}

/** Drops one test database, closing any connection a stopped service left. */
export async function dropPostgres(name: string): Promise<'dropped'> {
  const c = new pg.Client({ connectionString: PG_ADMIN_URL });
  await c.connect();
  try {
    await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  } finally {
    await c.end();
  }
  return 'dropped';
}

/** Whether the server answers within `timeoutMs` (3 s for the suites; a bench on a loaded machine may wait longer). */
export async function probePostgres(timeoutMs = 3000): Promise<{ ok: boolean; why: string }> {
  const client = new pg.Client({ connectionString: PG_ADMIN_URL, connectionTimeoutMillis: timeoutMs });
  try {
    await client.connect();
    await client.query('SELECT 1');
    return { ok: true, why: '' };
  } catch (error) {
    return { ok: false, why: error instanceof Error ? error.message : String(error) };
  } finally {
    await client.end().catch(() => undefined);
  }
}

export const POSTGRES = await probePostgres();
if (!POSTGRES.ok) {
  const notice = `PostgreSQL not reachable at ${new URL(PG_ADMIN_URL).host} (${POSTGRES.why}): PostgreSQL suites are SKIPPED`;
  if (REQUIRED) throw new Error(`${notice}, but REQUIRE_POSTGRES=1`);
  console.warn(`\n*** ${notice} ***\n`);
}

/** The backends every storage suite runs on; PostgreSQL is marked skipped when unreachable. */
export const BACKENDS = [
  { name: 'SQLite', fresh: freshSqlite, skip: false },
  { name: 'PostgreSQL', fresh: freshPostgres, skip: !POSTGRES.ok },
] as const;
