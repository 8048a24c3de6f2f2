import Database from 'better-sqlite3';
import pg from 'pg';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { sqlitePath } from '../../src/store/url.js';
import { BACKENDS, type TestDatabase } from '../helpers/databases.js';
import { runCli } from '../helpers/cli.js';
import { seedDesk, TEST_HUB_SECRET } from '../helpers/desk.js';

/** Raw SQL straight into the database, the way someone with database access would tamper. */
async function tamper(db: TestDatabase, sql: string): Promise<void> {
  if (db.provider === 'sqlite') {
    const conn = new Database(sqlitePath(db.url));
    conn.exec(sql);
    conn.close();
    return;
  }
  const client = new pg.Client({ connectionString: db.url });
  await client.connect();
  await client.query(sql);
  await client.end();
}

describe.each(BACKENDS)('audit verify on $name', ({ fresh, skip }) => {
  let db: TestDatabase;
  let env: Record<string, string>;

  beforeAll(async () => {
    if (skip) return;
    db = await fresh();
    env = { DATABASE_URL: db.url, HUB_SECRET: TEST_HUB_SECRET };
    const desk = await seedDesk(db.url);
    await desk.store.close();
    await tamper(db, 'CREATE TABLE "AuditPristine" AS SELECT * FROM "AuditEvent"');
  });
  // Each test tampers with its own copy of the same intact trail.
  afterEach(async () => {
    if (!skip) await tamper(db, 'DELETE FROM "AuditEvent"; INSERT INTO "AuditEvent" SELECT * FROM "AuditPristine"');
  });
  afterAll(async () => {
    if (!skip) await db.drop();
  });

  it.skipIf(skip)('an intact chain exits 0', async () => {
    const run = await runCli(['audit', 'verify'], env);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/Audit trail intact: \d+ rows/);
  });

  it.skipIf(skip)('another HUB_SECRET is said to be the wrong key, not tampering', async () => {
    const run = await runCli(['audit', 'verify'], { ...env, HUB_SECRET: 'w'.repeat(64) });
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/HUB_SECRET không phải khóa của dữ liệu này[\s\S]*this is not a sign of tampering/);
    expect(run.stderr).not.toMatch(/dòng \d+ bị sửa|row \d+ altered|Audit trail tampered/);
  });

  it.skipIf(skip)('an altered row is named', async () => {
    await tamper(db, `UPDATE "AuditEvent" SET "data" = '{"role":"head"}' WHERE "seq" = 5`);
    const run = await runCli(['audit', 'verify'], env);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('dòng 5 bị sửa');
    expect(run.stderr).toContain('row 5 altered');
  });

  it.skipIf(skip)('a deleted row is named', async () => {
    await tamper(db, 'DELETE FROM "AuditEvent" WHERE "seq" = 7');
    const run = await runCli(['audit', 'verify'], env);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('row 7 missing');
  });

  it.skipIf(skip)('an inserted row is named', async () => {
    await tamper(db, `INSERT INTO "AuditEvent" ("seq", "at", "actorId", "action", "subjectType", "subjectId", "data", "prevHash", "hash", "mac")
      SELECT "seq" + 1, "at", "actorId", 'role.grant', "subjectType", "subjectId", "data", "hash", "hash", "mac" FROM "AuditEvent" ORDER BY "seq" DESC LIMIT 1`);
    const run = await runCli(['audit', 'verify'], env);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/row \d+ inserted/);
    await tamper(db, 'DELETE FROM "AuditEvent" WHERE "seq" > (SELECT MAX("seq") FROM "AuditPristine")');
    expect((await runCli(['audit', 'verify'], env)).code).toBe(0);
  });
});
