import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { delegate, revokeDelegation } from '../../src/app/delegation.js';
import { submit, triage } from '../../src/app/intake.js';
import { act, approve, correct, edit, publishDue, writeItem } from '../../src/app/items.js';
import { addPerson, grant, issueLinkCode, linkIdentity, OPERATOR } from '../../src/app/people.js';
import type { ItemRecord } from '../../src/app/ports.js';
import { BACKENDS, type TestDatabase } from '../helpers/databases.js';
import { seedDesk, type Desk } from '../helpers/desk.js';

const DAY = 86_400_000;

function value<T>(outcome: { ok: true; value: T } | { ok: false; reason: string }): T {
  if (!outcome.ok) throw new Error(`refused: ${outcome.reason}`);
  return outcome.value;
}

describe.each(BACKENDS)('editorial scenarios on $name', ({ fresh, skip }) => {
  let db: TestDatabase;
  let desk: Desk;

  beforeAll(async () => {
    if (skip) return;
    db = await fresh();
    desk = await seedDesk(db.url);
  });
  afterAll(async () => {
    if (skip) return;
    await desk.store.close();
    await db.drop();
  });

  let message = 0;
  /** A collaborator's chat message, accepted by an editor: the usual start of an item. */
  async function acceptedItem(text = 'UBND tỉnh họp về giải ngân vốn đầu tư công\nSáng 25/11, UBND tỉnh họp trực tuyến.'): Promise<ItemRecord> {
    message += 1;
    const { submission } = await submit(desk.deps, {
      siteId: desk.site.id, channel: 'telegram', chatId: '-100200', messageIds: [String(message)], senderPlatformId: '5551', senderName: 'Hoa',
      senderPersonId: desk.id.collaborator, receivedAt: desk.deps.clock(), rawText: text, attachments: [],
    });
    const triaged = value(await triage(desk.deps, desk.id.editor1, submission.id, { type: 'accept' }));
    return triaged.item!;
  }

  const current = async (code: string) => (await desk.store.itemByCode(code))!;
  const approveAs = async (who: keyof Desk['id'], code: string) => approve(desk.deps, desk.id[who], code, (await current(code)).revision.contentHash);

  it.skipIf(skip)('normal publish: editor → secretary → deputy', async () => {
    const item = await acceptedItem();
    expect(item.code).toMatch(/^BP-2026-\d{5}$/);
    expect(item).toMatchObject({ state: 'review', step: 'editor' });
    expect(value(await approveAs('editor1', item.code))).toMatchObject({ state: 'review', step: 'secretary' });
    expect(value(await approveAs('secretary', item.code))).toMatchObject({ state: 'review', step: 'deputy' });
    const published = value(await approveAs('deputy', item.code));
    expect(published.state).toBe('published');
    expect(published.publishedAt).toEqual(desk.deps.clock());
    const decisions = await desk.store.decisionsOf(item.id);
    expect(decisions.map((d) => [d.action, d.step, d.actorName])).toEqual([
      ['accepted', null, 'Phạm Thu Dung'],
      ['approve', 'editor', 'Phạm Thu Dung'],
      ['approve', 'secretary', 'Lê Minh Châu'],
      ['approve', 'deputy', 'Trần Thị Bích'],
    ]);
    expect(decisions.slice(1).every((d) => d.revisionHash === item.revision.contentHash)).toBe(true);
  });

  it.skipIf(skip)("publish under delegation: the secretary's approval publishes and names the delegation", async () => {
    const d = value(await delegate(desk.deps, desk.id.deputy, { siteKey: 'tinh', toPersonId: desk.id.secretary, until: new Date(desk.deps.clock().getTime() + 7 * DAY) }));
    const item = await acceptedItem();
    await approveAs('editor1', item.code);
    const published = value(await approveAs('secretary', item.code));
    expect(published.state).toBe('published');
    const decisions = await desk.store.decisionsOf(item.id);
    expect(decisions.filter((x) => x.step === 'secretary' || x.step === 'deputy').map((x) => [x.step, x.actorName, x.delegationId])).toEqual([
      ['secretary', 'Lê Minh Châu', d.id],
      ['deputy', 'Lê Minh Châu', d.id],
    ]);
    value(await revokeDelegation(desk.deps, desk.id.deputy, 'tinh', d.id));
  });

  it.skipIf(skip)('a revoked delegation gives no power: the item waits for the deputy', async () => {
    const d = value(await delegate(desk.deps, desk.id.deputy, { siteKey: 'tinh', toPersonId: desk.id.secretary, until: new Date(desk.deps.clock().getTime() + 7 * DAY) }));
    value(await revokeDelegation(desk.deps, desk.id.deputy, 'tinh', d.id));
    const item = await acceptedItem();
    await approveAs('editor1', item.code);
    expect(value(await approveAs('secretary', item.code))).toMatchObject({ state: 'review', step: 'deputy' });
    expect(await approveAs('secretary', item.code)).toMatchObject({ ok: false, reason: 'not_your_step' });
    expect(await revokeDelegation(desk.deps, desk.id.deputy, 'tinh', d.id)).toMatchObject({ ok: false, reason: 'unknown_delegation' });
    expect(await delegate(desk.deps, desk.id.secretary, { siteKey: 'tinh', toPersonId: desk.id.secretary, until: new Date(desk.deps.clock().getTime() + DAY) })).toMatchObject({ ok: false, reason: 'not_deputy' });
  });

  it.skipIf(skip)("a sensitive item goes through the head and the chairman's opinion", async () => {
    const item = await acceptedItem('Thông tin về thu hồi đất dự án khu công nghiệp\nNội dung chi tiết.');
    await approveAs('editor1', item.code);
    value(await act(desk.deps, desk.id.secretary, item.code, { type: 'flagSensitive', note: 'liên quan khiếu nại đất đai' }));
    await approveAs('secretary', item.code);
    expect(value(await approveAs('deputy', item.code))).toMatchObject({ state: 'review', step: 'head' });
    expect(value(await act(desk.deps, desk.id.head, item.code, { type: 'requireChairman', note: 'xin ý kiến Chủ tịch UBND tỉnh' }))).toMatchObject({ state: 'review', step: 'chairman' });
    expect(await approveAs('deputy', item.code)).toMatchObject({ ok: false, reason: 'not_your_step' });
    expect(value(await approveAs('head', item.code))).toMatchObject({ state: 'published' });
    const actions = (await desk.store.decisionsOf(item.id)).map((d) => `${d.action}@${d.step}`);
    expect(actions).toEqual(['accepted@null', 'approve@editor', 'flagSensitive@secretary', 'approve@secretary', 'approve@deputy', 'requireChairman@head', 'approve@chairman']);
  });

  it.skipIf(skip)("an edit after the secretary's approval returns the item to the secretary", async () => {
    const item = await acceptedItem();
    const firstHash = item.revision.contentHash;
    await approveAs('editor1', item.code);
    await approveAs('secretary', item.code);
    const edited = value(await edit(desk.deps, desk.id.secretary, item.code, { title: 'UBND tỉnh họp về giải ngân vốn đầu tư công năm 2026', body: 'Sáng 25/11, UBND tỉnh họp trực tuyến với các sở.' }));
    expect(edited).toMatchObject({ state: 'review', step: 'secretary' });
    expect(edited.revision.number).toBe(2);
    expect(await approve(desk.deps, desk.id.secretary, item.code, firstHash)).toMatchObject({ ok: false, reason: 'stale_revision' });
    expect(await approveAs('deputy', item.code)).toMatchObject({ ok: false, reason: 'not_your_step' });
    expect(value(await approveAs('secretary', item.code))).toMatchObject({ step: 'deputy' });
    expect(value(await approveAs('deputy', item.code))).toMatchObject({ state: 'published' });
  });

  it.skipIf(skip)('nobody approves their own submission; another editor can', async () => {
    const own = value(await writeItem(desk.deps, desk.id.editor1, 'tinh', { kind: 'news', content: { title: 'Tin do biên tập viên viết', body: 'Nội dung.' } }));
    expect(own).toMatchObject({ step: 'editor' });
    expect(await approveAs('editor1', own.code)).toMatchObject({ ok: false, reason: 'own_submission' });
    expect(value(await approveAs('editor2', own.code))).toMatchObject({ step: 'secretary' });
    expect(await writeItem(desk.deps, desk.id.collaborator, 'tinh', { kind: 'news', content: { title: 'x', body: 'y' } })).toMatchObject({ ok: false, reason: 'not_authorised' });
  });

  it.skipIf(skip)('a sixth editor is refused', async () => {
    for (const name of ['Biên tập 3', 'Biên tập 4', 'Biên tập 5']) {
      const p = await addPerson(desk.deps, { displayName: name }, OPERATOR);
      value(await grant(desk.deps, OPERATOR, { personId: p.id, siteKey: 'tinh', role: 'editor' }));
    }
    const sixth = await addPerson(desk.deps, { displayName: 'Biên tập 6' }, OPERATOR);
    expect(await grant(desk.deps, OPERATOR, { personId: sixth.id, siteKey: 'tinh', role: 'editor' })).toMatchObject({ ok: false, reason: 'team_cap_reached', detail: { limit: '5' } });
    expect(await grant(desk.deps, { kind: 'person', personId: desk.id.editor1 }, { personId: sixth.id, siteKey: 'tinh', role: 'tech' })).toMatchObject({ ok: false, reason: 'not_admin' });
  });

  it.skipIf(skip)('two grants racing for the last technical place: one wins, the other hears the team is full', async () => {
    const [a, b, c] = await Promise.all(['Kỹ thuật 2', 'Kỹ thuật 3', 'Kỹ thuật 4'].map((n) => addPerson(desk.deps, { displayName: n }, OPERATOR)));
    value(await grant(desk.deps, OPERATOR, { personId: a!.id, siteKey: 'tinh', role: 'tech' }));
    const results = await Promise.all([b!, c!].map((p) => grant(desk.deps, OPERATOR, { personId: p.id, siteKey: 'tinh', role: 'tech' })));
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.find((r) => !r.ok)).toMatchObject({ reason: 'team_cap_reached', detail: { limit: '3' } });
    const active = (await desk.store.grantsOnSite(desk.site.id)).filter((g) => g.role === 'tech' && g.revokedAt === null);
    expect(active).toHaveLength(3);
  });

  it.skipIf(skip)('a link code binds one chat account once, and not after it expires', async () => {
    const code = value(await issueLinkCode(desk.deps, OPERATOR, desk.id.editor2, 24));
    const telegram = { platform: 'telegram', platformUserId: '777001', username: 'dat_bt' };
    expect(await linkIdentity(desk.deps, code.code.toLowerCase(), telegram)).toEqual({ ok: true, personId: desk.id.editor2 });
    expect((await desk.store.personByIdentity('telegram', '777001'))?.displayName).toBe('Hoàng Quốc Đạt');
    expect(await linkIdentity(desk.deps, code.code, { ...telegram, platformUserId: '777002' })).toEqual({ ok: false, reason: 'invalid_code' });
    const second = value(await issueLinkCode(desk.deps, OPERATOR, desk.id.editor1, 24));
    expect(await linkIdentity(desk.deps, second.code, telegram)).toEqual({ ok: false, reason: 'identity_taken' });
    const late = value(await issueLinkCode(desk.deps, OPERATOR, desk.id.head, 1));
    desk.time.advance(2 * 3_600_000);
    expect(await linkIdentity(desk.deps, late.code, { platform: 'telegram', platformUserId: '777003', username: null })).toEqual({ ok: false, reason: 'invalid_code' });
    expect(await linkIdentity(desk.deps, 'NOTACODE42', { platform: 'telegram', platformUserId: '777004', username: null })).toEqual({ ok: false, reason: 'invalid_code' });
  });

  it.skipIf(skip)('take-down by an unauthorised person is refused and changes nothing; the deputy takes down with a reason', async () => {
    const item = await acceptedItem();
    for (const who of ['editor1', 'secretary', 'deputy'] as const) await approveAs(who, item.code);
    const before = await current(item.code);
    expect(await act(desk.deps, desk.id.editor2, item.code, { type: 'takeDown', note: 'tôi muốn gỡ' })).toMatchObject({ ok: false, reason: 'not_authorised' });
    expect(await act(desk.deps, desk.id.deputy, item.code, { type: 'takeDown', note: '' })).toMatchObject({ ok: false, reason: 'note_required' });
    expect(await current(item.code)).toEqual(before);
    const down = value(await act(desk.deps, desk.id.deputy, item.code, { type: 'takeDown', note: 'Thông tin chưa chính xác' }));
    expect(down.state).toBe('takenDown');
    expect(down.takenDownAt).not.toBeNull();
    expect(down.revision.contentHash).toBe(before.revision.contentHash);
  });

  it.skipIf(skip)('a correction of a published item is a decision with a reason, and shows when it was corrected', async () => {
    const item = await acceptedItem();
    for (const who of ['editor1', 'secretary', 'deputy'] as const) await approveAs(who, item.code);
    desk.time.advance(3_600_000);
    expect(await correct(desk.deps, desk.id.editor1, item.code, { title: 'Đính chính', body: 'x' }, 'sửa số liệu')).toMatchObject({ ok: false, reason: 'not_authorised' });
    const corrected = value(await correct(desk.deps, desk.id.deputy, item.code, { title: item.revision.title, body: 'Đến hết tháng 10, toàn tỉnh giải ngân 68%.' }, 'Sửa số liệu giải ngân'));
    expect(corrected).toMatchObject({ state: 'published', correctedAt: desk.deps.clock() });
    expect(corrected.revision.number).toBe(2);
  });

  it.skipIf(skip)('a scheduled item is published by the clock when its time comes', async () => {
    const item = await acceptedItem();
    const at = new Date(desk.deps.clock().getTime() + 2 * 3_600_000);
    value(await act(desk.deps, desk.id.editor1, item.code, { type: 'schedule', at }));
    for (const who of ['editor1', 'secretary', 'deputy'] as const) await approveAs(who, item.code);
    expect(await current(item.code)).toMatchObject({ state: 'scheduled', publishedAt: null });
    expect(await publishDue(desk.deps)).not.toContain(item.code);
    desk.time.advance(2 * 3_600_000);
    expect(await publishDue(desk.deps)).toContain(item.code);
    expect(await current(item.code)).toMatchObject({ state: 'published', publishedAt: at });
  });

  it.skipIf(skip)('intake: a re-delivered message is one submission; rejection and questions carry their note; triage happens once', async () => {
    const input = {
      siteId: desk.site.id, channel: 'telegram', chatId: '-100200', messageIds: ['dup-1', 'dup-2'], senderPlatformId: '5551', senderName: 'Hoa',
      senderPersonId: desk.id.collaborator, receivedAt: desk.deps.clock(), rawText: 'Ảnh lễ hội\nMô tả', attachments: [{ kind: 'photo', ref: 'media/1.jpg' }],
    };
    const first = await submit(desk.deps, input);
    const again = await submit(desk.deps, input);
    expect([first.created, again.created]).toEqual([true, false]);
    expect(again.submission.id).toBe(first.submission.id);
    const [a, b] = await Promise.all([
      triage(desk.deps, desk.id.editor1, first.submission.id, { type: 'accept' }),
      triage(desk.deps, desk.id.editor2, first.submission.id, { type: 'needsInfo', note: 'Xin tên tác giả ảnh' }),
    ]);
    expect([a.ok, b.ok].filter(Boolean)).toHaveLength(1);
    const loser = a.ok ? b : a;
    expect(loser).toMatchObject({ ok: false, reason: 'already_decided' });
    if (a.ok) expect(a.value.item?.revision.mediaRefs).toEqual(['media/1.jpg']);
  });

  it.skipIf(skip)('20 parallel approvals of the same step make exactly one decision; the others hear who decided', async () => {
    const item = await acceptedItem();
    await approveAs('editor1', item.code);
    const secretaries: string[] = [desk.id.secretary];
    for (let i = 2; i <= 20; i += 1) {
      const p = await addPerson(desk.deps, { displayName: `Thư ký ${i}` }, OPERATOR);
      value(await grant(desk.deps, OPERATOR, { personId: p.id, siteKey: 'tinh', role: 'secretary' }));
      secretaries.push(p.id);
    }
    const hash = (await current(item.code)).revision.contentHash;
    const results = await Promise.all(secretaries.map((s) => approve(desk.deps, s, item.code, hash)));
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    const refused = results.filter((r) => !r.ok);
    expect(refused).toHaveLength(19);
    const decisions = (await desk.store.decisionsOf(item.id)).filter((d) => d.step === 'secretary');
    expect(decisions).toHaveLength(1);
    for (const r of refused) expect(r).toMatchObject({ ok: false, reason: 'already_decided', detail: { by: decisions[0]!.actorName } });
    expect(await current(item.code)).toMatchObject({ step: 'deputy' });
  });

  it.skipIf(skip)('every decision above left an intact audit chain', async () => {
    const result = await desk.store.verifyAudit([]);
    expect(result.findings).toEqual([]);
    expect(result.verified).toBeGreaterThan(50);
  });
});
