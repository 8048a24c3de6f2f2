import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setWorkRoyalty, workRoyaltyOf } from '../../../src/app/royalties/works.js';
import { OPERATOR } from '../../../src/app/people.js';
import { openClient } from '../../../src/store/client.js';
import { BACKENDS, type TestDatabase } from '../../helpers/databases.js';
import { seedDesk, type Desk } from '../../helpers/desk.js';
import { publishThrough } from '../../helpers/portal.js';

/** Issue 19.1: each published work carries what pays it; the desk proposes, the publisher confirms. */
describe.each(BACKENDS)('what pays a work on $name', ({ fresh, skip }) => {
  let db: TestDatabase;
  let desk: Desk;
  let code = '';

  beforeAll(async () => {
    if (skip) return;
    db = await fresh();
    desk = await seedDesk(db.url);
    code = (await publishThrough(desk, { title: 'Khánh thành cầu', summary: 'Tóm tắt.', body: 'Nội dung.', mediaRefs: [] })).code;
  });
  afterAll(async () => {
    if (skip) return;
    await desk.store.close();
    await db.drop();
  });

  it.skipIf(skip)('an editor proposes within the frame; the author is whoever wrote it, with all of it', async () => {
    expect(await setWorkRoyalty(desk.deps, { kind: 'person', personId: desk.id.editor2 }, code, { genreKey: 'tin-anh', coefficient: 160 })).toMatchObject({ ok: false, reason: 'royalty_outside_frame', detail: { coefficient: '1,6', min: '1,5', max: '1,5' } });
    expect(await setWorkRoyalty(desk.deps, { kind: 'person', personId: desk.id.editor2 }, code, { coefficient: 150 })).toMatchObject({ ok: false, reason: 'royalty_no_terms' });
    const proposed = await setWorkRoyalty(desk.deps, { kind: 'person', personId: desk.id.editor2 }, code, { genreKey: 'tin-tong-hop', coefficient: 200 });
    expect(proposed).toMatchObject({ ok: true, value: { genreKey: 'tin-tong-hop', coefficient: 200, proposedById: desk.id.editor2, confirmedById: null, authors: [{ personId: desk.id.editor1, sharePercent: 100 }] } });
  });

  it.skipIf(skip)('people outside the desk are refused and nothing changes', async () => {
    for (const who of [desk.id.collaborator, desk.id.tech]) {
      expect(await setWorkRoyalty(desk.deps, { kind: 'person', personId: who }, code, { coefficient: 250 })).toMatchObject({ ok: false, reason: 'royalty_not_editor' });
    }
    expect((await workRoyaltyOf(desk.deps, code))).toMatchObject({ ok: true, value: { record: { coefficient: 200 } } });
    const client = openClient(db.url);
    const written = await client.auditEvent.count({ where: { action: 'royalty.work' } });
    await client.$disconnect();
    expect(written).toBe(1);
  });

  it.skipIf(skip)('the deputy head adjusts and confirms; co-authors, encouragement with its reason; shares must sum to 100', async () => {
    const deputy = { kind: 'person' as const, personId: desk.id.deputy };
    expect(await setWorkRoyalty(desk.deps, deputy, code, { authors: [{ personId: desk.id.editor1, penName: null, sharePercent: 60 }, { personId: desk.id.collaborator, penName: 'Hoa Sen', sharePercent: 30 }] })).toMatchObject({ ok: false, reason: 'royalty_shares', detail: { sum: '90' } });
    expect(await setWorkRoyalty(desk.deps, deputy, code, { encouragementPercent: 30 })).toMatchObject({ ok: false, reason: 'royalty_reason_needed' });
    const confirmed = await setWorkRoyalty(desk.deps, deputy, code, {
      coefficient: 250,
      encouragementPercent: 30,
      encouragementReason: 'Viết bằng tiếng dân tộc',
      authors: [{ personId: desk.id.editor1, penName: null, sharePercent: 70 }, { personId: desk.id.collaborator, penName: 'Hoa Sen', sharePercent: 30 }],
    });
    expect(confirmed).toMatchObject({ ok: true, value: { coefficient: 250, proposedById: desk.id.editor2, confirmedById: desk.id.deputy, encouragementPercent: 30 } });
    expect((await workRoyaltyOf(desk.deps, code.toLowerCase()))).toMatchObject({ ok: true, value: { record: { authors: [{ sharePercent: 70 }, { penName: 'Hoa Sen', sharePercent: 30 }] } } });
    // The terminal only proposes: a later change there wants the publisher's confirmation again.
    expect(await setWorkRoyalty(desk.deps, OPERATOR, code, { encouragementPercent: 0 })).toMatchObject({ ok: true, value: { confirmedById: null, encouragementReason: null } });
    expect((await desk.store.verifyAudit([])).findings).toEqual([]);
  });
});
