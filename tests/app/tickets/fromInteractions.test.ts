import { afterEach, describe, expect, it } from 'vitest';
import { moderateInteraction, receiveInteraction } from '../../../src/app/interactions/moderation.js';
import { actOnTicket } from '../../../src/app/tickets/act.js';
import { ticketsFromInteractions } from '../../../src/app/tickets/fromInteractions.js';
import type { TicketEnv } from '../../../src/app/tickets/env.js';
import { ticketLinkKey } from '../../../src/core/tickets/links.js';
import { BACKENDS, type TestDatabase } from '../../helpers/databases.js';
import { seedDesk, TEST_HUB_SECRET } from '../../helpers/desk.js';

/** A comment a moderator turns into a question becomes one ticket, whoever runs the job and however often. */
describe.each(BACKENDS)('interactions turned into tickets on $name', ({ fresh, skip }) => {
  let db: TestDatabase | null = null;
  afterEach(async () => {
    await db?.drop();
    db = null;
  });

  it.skipIf(skip)('one ticket per interaction, named after its author, received by the moderator who turned it', async () => {
    db = await fresh();
    const desk = await seedDesk(db.url);
    const env: TicketEnv = {
      deps: desk.deps,
      calendar: async () => ({ daysOff: new Set(), workdays: new Set() }),
      settings: { answerWorkingDays: 15, remindWorkingDays: 2, publicName: 'initials', linkDays: 14 },
      portalBaseUrl: 'https://portal.example.test',
      linkKey: ticketLinkKey(TEST_HUB_SECRET),
    };
    const { record } = await receiveInteraction(desk.deps, {
      source: 'facebook', kind: 'comment', externalId: '111_333', verb: 'add', mirrorExternalId: null,
      authorName: 'Lý Thị Mai', authorRef: '9002', text: 'Xin hỏi thủ tục đăng ký kết hôn với người nước ngoài?', occurredAt: new Date('2026-11-30T01:00:00Z'),
    });
    expect(await ticketsFromInteractions(env)).toBe(0);
    const turned = await moderateInteraction(desk.deps, desk.id.editor1, record.id, { type: 'toTicket' });
    expect(turned).toMatchObject({ ok: true, value: { state: 'ticket' } });
    const [a, b] = await Promise.all([ticketsFromInteractions(env), ticketsFromInteractions(env)]);
    expect(a + b).toBe(1);
    expect(await ticketsFromInteractions(env)).toBe(0);
    const [ticket] = await desk.store.listTickets({ limit: 10 });
    expect(ticket).toMatchObject({ code: 'HD-2026-00001', channel: 'interaction', senderName: 'Lý Thị Mai', interactionId: record.id, receivedById: desk.id.editor1, question: 'Xin hỏi thủ tục đăng ký kết hôn với người nước ngoài?' });
    // No address and no platform channel to answer on: the answer waits on the status page.
    const answered = await actOnTicket(env, { kind: 'person', personId: desk.id.editor1 }, 'HD-2026-00001', { type: 'answer', text: 'Mời chị liên hệ Sở Tư pháp.' });
    expect(answered).toMatchObject({ ok: true, value: { answerSentVia: 'status-page' } });
  });
});
