import { afterEach, describe, expect, it } from 'vitest';
import { delegate, endLapsedDelegations } from '../../src/app/delegation.js';
import { act, writeItem } from '../../src/app/items.js';
import { addPerson, grant, OPERATOR } from '../../src/app/people.js';
import { openClient } from '../../src/store/client.js';
import { BACKENDS, type TestDatabase } from '../helpers/databases.js';
import { seedDesk } from '../helpers/desk.js';

const HOUR = 3_600_000;

/** A deputy appointed until a date: the loan they gave lapses with the appointment, in the rules and on record. */
describe.each(BACKENDS)('delegations of a role that lapses on $name', ({ fresh, skip }) => {
  let db: TestDatabase | null = null;
  afterEach(async () => {
    await db?.drop();
    db = null;
  });

  it.skipIf(skip)('the secretary stops publishing when the deputy’s term ends, and the job records the end once', async () => {
    db = await fresh();
    const desk = await seedDesk(db.url);
    const acting = await addPerson(desk.deps, { displayName: 'Quyền Phó Trưởng ban' }, OPERATOR);
    const until = new Date(desk.time.clock().getTime() + HOUR);
    expect((await grant(desk.deps, OPERATOR, { personId: acting.id, siteKey: 'tinh', role: 'deputy', validTo: until })).ok).toBe(true);
    expect((await delegate(desk.deps, acting.id, { siteKey: 'tinh', toPersonId: desk.id.secretary, until: new Date(until.getTime() + 30 * 24 * HOUR) })).ok).toBe(true);
    expect(await endLapsedDelegations(desk.deps)).toBe(0);

    desk.time.advance(2 * HOUR);
    const item = await writeItem(desk.deps, desk.id.editor1, 'tinh', { kind: 'news', content: { title: 'Thông báo nghỉ lễ', body: 'Nội dung.' } });
    if (!item.ok) throw new Error(item.reason);
    const hash = item.value.revision.contentHash;
    expect((await act(desk.deps, desk.id.editor2, item.value.code, { type: 'approve', revisionHash: hash })).ok).toBe(true);
    const bySecretary = await act(desk.deps, desk.id.secretary, item.value.code, { type: 'approve', revisionHash: hash });
    expect(bySecretary.ok && bySecretary.value.state).toBe('review');
    expect(bySecretary.ok && bySecretary.value.step).toBe('deputy');

    expect(await endLapsedDelegations(desk.deps)).toBe(1);
    expect(await endLapsedDelegations(desk.deps)).toBe(0);
    const read = openClient(db.url);
    try {
      const rows = await read.auditEvent.findMany({ where: { action: 'delegation.end' } });
      expect(rows.map((r) => JSON.parse(r.data) as { reason: string }).map((d) => d.reason)).toEqual(['role_lapsed']);
    } finally {
      await read.$disconnect();
    }
  });
});
