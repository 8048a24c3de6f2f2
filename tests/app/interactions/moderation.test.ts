import { afterEach, describe, expect, it } from 'vitest';
import { connectChannel } from '../../../src/app/channels.js';
import { writeItem } from '../../../src/app/items.js';
import { sealingKey } from '../../../src/core/sealing.js';
import { CHANNEL_PROFILES } from '../../../src/mirrorSetup.js';
import { moderateInteraction, receiveInteraction } from '../../../src/app/interactions/moderation.js';
import type { InboundInteraction } from '../../../src/core/interactions/model.js';
import { openClient } from '../../../src/store/client.js';
import { BACKENDS, type TestDatabase } from '../../helpers/databases.js';
import { seedDesk, TEST_HUB_SECRET } from '../../helpers/desk.js';

const comment = (over: Partial<InboundInteraction> = {}): InboundInteraction => ({
  source: 'facebook',
  kind: 'comment',
  externalId: '111_222',
  verb: 'add',
  mirrorExternalId: null,
  authorName: 'Nguyễn Văn Bình',
  authorRef: '9001',
  text: 'Khi nào đường ĐT768 thông xe?',
  occurredAt: new Date('2026-11-30T02:00:00Z'),
  ...over,
});

/** What the public sends back is stored once, keeps what the platform changed, and moves only by a moderator's decision. */
describe.each(BACKENDS)('interactions on $name', ({ fresh, skip }) => {
  let db: TestDatabase | null = null;
  afterEach(async () => {
    await db?.drop();
    db = null;
  });

  it.skipIf(skip)('the same event five times is one record; an edit then a removal both show, audited', async () => {
    db = await fresh();
    const desk = await seedDesk(db.url);
    const results = [];
    for (let i = 0; i < 5; i += 1) results.push(await receiveInteraction(desk.deps, comment()));
    expect(results.map((r) => r.change)).toEqual(['created', 'none', 'none', 'none', 'none']);
    const edited = await receiveInteraction(desk.deps, comment({ verb: 'edited', text: 'Khi nào đường ĐT768 thông xe ạ?' }));
    expect(edited.change).toBe('edited');
    expect((await receiveInteraction(desk.deps, comment({ verb: 'edited', text: 'Khi nào đường ĐT768 thông xe ạ?' }))).change).toBe('none');
    const removed = await receiveInteraction(desk.deps, comment({ verb: 'remove', text: '' }));
    expect(removed.change).toBe('removed');
    expect((await receiveInteraction(desk.deps, comment({ verb: 'remove', text: '' }))).change).toBe('none');
    const record = await desk.store.interactionById(removed.record.id);
    expect(record?.text).toBe('Khi nào đường ĐT768 thông xe ạ?');
    expect(record?.history.map((h) => [h.verb, h.text])).toEqual([
      ['edited', 'Khi nào đường ĐT768 thông xe?'],
      ['remove', 'Khi nào đường ĐT768 thông xe ạ?'],
    ]);
    const read = openClient(db.url);
    try {
      expect(await read.interaction.count()).toBe(1);
      const audit = await read.auditEvent.findMany({ where: { subjectType: 'interaction' }, orderBy: { seq: 'asc' } });
      expect(audit.map((a) => a.action)).toEqual(['interaction_edited', 'interaction_removed']);
    } finally {
      await read.$disconnect();
    }
  });

  it.skipIf(skip)('only the site’s desk moderates; hiding needs a reason and asks the platform to hide it too', async () => {
    db = await fresh();
    const desk = await seedDesk(db.url);
    const { record } = await receiveInteraction(desk.deps, comment());
    const byCollaborator = await moderateInteraction(desk.deps, desk.id.collaborator, record.id, { type: 'publish' });
    expect(byCollaborator).toEqual({ ok: false, reason: 'not_moderator' });
    expect(await moderateInteraction(desk.deps, desk.id.editor1, record.id, { type: 'hide', reason: '  ' })).toEqual({ ok: false, reason: 'reason_required' });
    const published = await moderateInteraction(desk.deps, desk.id.editor1, record.id, { type: 'publish' });
    expect(published.ok && published.value.publicText).toBe(record.text);
    // An edit on the platform after publishing: the public still reads what the moderator let out.
    await receiveInteraction(desk.deps, comment({ verb: 'edited', text: 'Nội dung đã sửa, chưa ai duyệt' }));
    expect((await desk.store.interactionById(record.id))?.publicText).toBe(record.text);
    const hidden = await moderateInteraction(desk.deps, desk.id.secretary, record.id, { type: 'hide', reason: 'Quảng cáo' });
    expect(hidden.ok && [hidden.value.state, hidden.value.reason, hidden.value.decidedById]).toEqual(['hidden', 'Quảng cáo', desk.id.secretary]);
    expect(await moderateInteraction(desk.deps, desk.id.editor1, record.id, { type: 'publish' })).toEqual({ ok: false, reason: 'interaction_hidden' });
    // Not tied to a channel here (no mirror matched): nothing is asked of a platform.
    expect(await desk.store.actionsOf(record.id)).toEqual([]);

    // A comment that came through the connected Page: hiding it asks the Page to hide it too, once.
    const page = await connectChannel(desk.deps, sealingKey(TEST_HUB_SECRET), CHANNEL_PROFILES, { key: 'facebook', platform: 'facebook', accountId: '1000', token: 'page-token' });
    if (!page.ok) throw new Error(page.reason);
    const onPage = await receiveInteraction(desk.deps, comment({ externalId: '111_333', channelAccount: '1000' }));
    expect((await moderateInteraction(desk.deps, desk.id.editor1, onPage.record.id, { type: 'hide', reason: 'Lừa đảo' })).ok).toBe(true);
    expect((await desk.store.actionsOf(onPage.record.id)).map((a) => [a.action, a.channelId, a.state])).toEqual([['hide', page.value.channel.id, 'pending']]);
  });

  it.skipIf(skip)('a portal comment with a rating is invisible until published; a bare rating counts at once; hidden ones never', async () => {
    db = await fresh();
    const desk = await seedDesk(db.url);
    const item = await writeItem(desk.deps, desk.id.editor1, 'tinh', { kind: 'news', content: { title: 'Lịch tiếp công dân', body: 'Nội dung.' } });
    if (!item.ok) throw new Error(item.reason);
    const code = item.value.code;
    const portal = (id: string, text: string, rating: Record<string, number>): InboundInteraction => ({ source: 'portal', kind: text ? 'comment' : 'rating', externalId: id, verb: 'add', itemCode: code, authorName: 'Bạn đọc', authorRef: null, text, rating, occurredAt: desk.time.clock() });
    const withText = await receiveInteraction(desk.deps, portal('p1', 'Rất hữu ích', { content: 5, quality: 5 }));
    await receiveInteraction(desk.deps, portal('p2', '', { content: 3, interface: 3 }));
    const spam = await receiveInteraction(desk.deps, portal('p3', '', { content: 1 }));
    expect(withText.record.code).toBe(code);
    expect(await desk.store.publicOfItem(item.value.id, 50)).toEqual([]);
    expect((await desk.store.ratingOfItem(item.value.id)).count).toBe(2);
    await moderateInteraction(desk.deps, desk.id.editor1, spam.record.id, { type: 'hide', reason: 'Chấm điểm hàng loạt' });
    await moderateInteraction(desk.deps, desk.id.editor1, withText.record.id, { type: 'answer', text: 'Cảm ơn bạn.' });
    const shown = await desk.store.publicOfItem(item.value.id, 50);
    expect(shown.map((r) => [r.publicText, r.answerText])).toEqual([['Rất hữu ích', 'Cảm ơn bạn.']]);
    const rating = await desk.store.ratingOfItem(item.value.id);
    expect([rating.count, rating.mean]).toEqual([2, 4]);
    expect(rating.byAspect.content).toEqual({ count: 2, mean: 4 });
  });

  it.skipIf(skip)('an edit that lands while its card is being sent is owed a card of its own, never marked with the old text', async () => {
    db = await fresh();
    const desk = await seedDesk(db.url);
    const { record } = await receiveInteraction(desk.deps, comment());
    const readAt = desk.time.clock();
    expect((await desk.store.unannounced(10)).map((r) => r.text)).toEqual([record.text]);
    desk.time.advance(1_000);
    await receiveInteraction(desk.deps, comment({ verb: 'edited', text: 'Sửa trong lúc thẻ đang gửi' }));
    await desk.store.markAnnounced([record.id], desk.time.clock(), readAt);
    expect((await desk.store.unannounced(10)).map((r) => r.text)).toEqual(['Sửa trong lúc thẻ đang gửi']);
    // The next run reads the edit, sends its card and marks it.
    desk.time.advance(1_000);
    await desk.store.markAnnounced([record.id], desk.time.clock(), desk.time.clock());
    expect(await desk.store.unannounced(10)).toEqual([]);
  });

  it.skipIf(skip)('a comment arriving leaves cached pages alone; letting it out, or a rating arriving, changes what the portal shows and renews them', async () => {
    db = await fresh();
    const desk = await seedDesk(db.url);
    const before = await desk.store.changeStamp();
    const { record } = await receiveInteraction(desk.deps, comment());
    for (let i = 0; i < 20; i += 1) await receiveInteraction(desk.deps, comment({ externalId: `111_${300 + i}` }));
    expect(await desk.store.changeStamp()).toBe(before);
    expect((await moderateInteraction(desk.deps, desk.id.editor1, record.id, { type: 'publish' })).ok).toBe(true);
    const published = await desk.store.changeStamp();
    expect(published).not.toBe(before);
    // A bare rating is public on arrival (it moves an average): it renews them too.
    await receiveInteraction(desk.deps, { ...comment({ externalId: 'rating-1', kind: 'rating', text: '' }), source: 'portal', rating: { content: 4 } });
    expect(await desk.store.changeStamp()).not.toBe(published);
  });
});
