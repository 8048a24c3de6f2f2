import { randomBytes } from 'node:crypto';

/**
 * Vitest's global set-up: tags this run's test databases, and at the end drops those a suite's
 * drop left running in the background (see tests/helpers/databases.ts). Another run on the same
 * server (a second checkout, a bench) has another tag and is left alone.
 */
export default function setup(): () => Promise<void> {
  process.env.PORTAL_HUB_TEST_RUN = randomBytes(4).toString('hex');
  return async () => {
    const { POSTGRES, PG_ADMIN_URL, TEST_DATABASE_PREFIX, dropPostgres } = await import('./helpers/databases.js');
    if (!POSTGRES.ok) return;
    const pg = (await import('pg')).default;
    const admin = new pg.Client({ connectionString: PG_ADMIN_URL });
    await admin.connect();
    const left = await admin.query<{ datname: string }>('SELECT datname FROM pg_database WHERE starts_with(datname, $1)', [TEST_DATABASE_PREFIX]);
    await admin.end();
    for (const { datname } of left.rows) await dropPostgres(datname);
    if (left.rows.length > 0) console.warn(`dropped ${left.rows.length} test database(s) left by suites: ${left.rows.map((r) => r.datname).join(', ')}`);
  };
}
