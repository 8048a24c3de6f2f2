import { randomUUID } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { editPerson, OPERATOR, registerPerson } from '../../src/app/people.js';
import { openClient } from '../../src/store/client.js';
import { migrate } from '../../src/store/migrate.js';
import { BACKENDS, type TestDatabase } from '../helpers/databases.js';
import { seedDesk, type Desk } from '../helpers/desk.js';

/** Issue 18: one address, one person — also when several people type it at the same instant. */
describe.each(BACKENDS)('people filed by e-mail on $name', ({ fresh, skip }) => {
  const opened: TestDatabase[] = [];
  const desks: Desk[] = [];
  afterAll(async () => {
    for (const d of desks) await d.store.close();
    for (const db of opened) await db.drop();
  });

  it.skipIf(skip)('eight adds of one address at once (cases differ): one person filed, seven told who holds it', async () => {
    const db = await fresh();
    opened.push(db);
    const desk = await seedDesk(db.url);
    desks.push(desk);
    const typed = ['race@bp.gov.vn', 'RACE@bp.gov.vn', 'Race@BP.gov.vn', ' race@bp.gov.vn ', 'race@bp.GOV.vn', 'rAce@bp.gov.vn', 'race@Bp.gov.vn', 'RACE@BP.GOV.VN'];
    const results = await Promise.all(typed.map((email, i) => registerPerson(desk.deps, { displayName: `Người ${i}`, email }, OPERATOR)));
    const filed = results.filter((r) => r.ok);
    expect(filed).toHaveLength(1);
    const holder = filed[0]!.ok ? filed[0]!.value : null;
    for (const r of results.filter((x) => !x.ok)) expect(r).toMatchObject({ ok: false, reason: 'email_taken', detail: { email: 'race@bp.gov.vn', person: holder?.displayName } });
    expect((await desk.store.peopleByEmail('race@bp.gov.vn')).map((p) => p.id)).toEqual([holder?.id]);

    // Two people moving to one new address at once: one moves, the other is told.
    const a = await registerPerson(desk.deps, { displayName: 'Lê A', email: 'a@bp.gov.vn' }, OPERATOR);
    const b = await registerPerson(desk.deps, { displayName: 'Lê B', email: 'b@bp.gov.vn' }, OPERATOR);
    if (!a.ok || !b.ok) throw new Error('not filed');
    const moves = await Promise.all([editPerson(desk.deps, OPERATOR, a.value.id, { email: 'chung@bp.gov.vn' }), editPerson(desk.deps, OPERATOR, b.value.id, { email: 'CHUNG@bp.gov.vn' })]);
    expect(moves.filter((m) => m.ok)).toHaveLength(1);
    expect(moves.filter((m) => !m.ok)).toMatchObject([{ reason: 'email_taken' }]);
    expect(await desk.store.peopleByEmail('chung@bp.gov.vn')).toHaveLength(1);
  });

  it.skipIf(skip)('upgrading a database where an older release filed two people under one address merges nothing: the first keeps it', async () => {
    const db = await fresh({ upTo: '20261203204854_held_work_decisions' });
    opened.push(db);
    // As that release wrote people: the address as typed, case and all, nothing unique about it.
    const client = openClient(db.url);
    const first = randomUUID();
    const second = randomUUID();
    try {
      const early = new Date(Date.UTC(2026, 0, 1));
      const later = new Date(Date.UTC(2026, 5, 1));
      await client.$executeRaw`INSERT INTO "Person" ("id", "displayName", "email", "lang", "createdAt") VALUES (${first}, 'Phạm Thu Dung', 'dung@example.vn', 'vi', ${early})`;
      await client.$executeRaw`INSERT INTO "Person" ("id", "displayName", "email", "lang", "createdAt") VALUES (${second}, 'Phạm T. Dung (cũ)', 'Dung@Example.vn', 'vi', ${later})`;
      await client.$executeRaw`INSERT INTO "Person" ("id", "displayName", "email", "lang", "createdAt") VALUES (${randomUUID()}, 'Không thư', NULL, 'vi', ${later})`;
    } finally {
      await client.$disconnect();
    }
    await migrate(db.url);
    const desk = await seedDesk(db.url);
    desks.push(desk);
    expect((await desk.store.peopleByEmail('DUNG@example.vn')).map((p) => [p.id, p.displayName])).toEqual([[first, 'Phạm Thu Dung'], [second, 'Phạm T. Dung (cũ)']]);
    // Said at every start and every migrate until resolved (src/startupReport.ts, the migrate command).
    expect(await desk.store.sharedAddresses()).toEqual(['dung@example.vn']);
    // The later holder gives up the shared address for its own; the address still names one person, and a third is refused.
    expect(await editPerson(desk.deps, OPERATOR, second, { email: 'dung.cu@example.vn' })).toMatchObject({ ok: true });
    expect(await desk.store.sharedAddresses()).toEqual([]);
    expect(await registerPerson(desk.deps, { displayName: 'Người khác', email: 'Dung@example.vn' }, OPERATOR)).toMatchObject({ ok: false, reason: 'email_taken', detail: { person: 'Phạm Thu Dung' } });
  });
});
