import { describe, expect, it } from 'vitest';
import { receiveInteraction } from '../../src/app/interactions/moderation.js';
import { auditKeys } from '../../src/core/audit.js';
import { createPrismaStore } from '../../src/store/prismaStore.js';
import { BOT, type Call } from '../fakes/telegramApi.js';
import { BACKENDS } from '../helpers/databases.js';
import { HUB_SECRET, MODERATION, journeyPerTest } from '../helpers/journey.js';

type Button = { text: string; callback_data: string };

/**
 * Issue 14, the desk: a follower's message to the Zalo OA reaches the moderators' chat as a card in the
 * real service; an editor presses reply there, types the answer, and the answer is recorded and owed to
 * Zalo OA exactly once. The message is stored through `receiveInteraction`, the write path the Zalo OA
 * webhook uses (its adapter is built alongside); what reaches Zalo is the outbox runner's part.
 */
describe.each(BACKENDS)('a moderator answers a citizen from the moderators’ chat, on $name', ({ fresh, skip }) => {
  const journey = journeyPerTest(fresh, { mirrors: false, zaloGroup: false });

  it.skipIf(skip)('a new interaction is a card in the moderators’ chat; reply and the typed answer make one answer and one reply owed', async () => {
    const j = await journey();
    const editor = await j.person('Phạm Thu Dung', 'dung@example.vn', 'editor');
    await j.cli(['channel', 'connect', 'zalo-oa', '--platform', 'zalo-oa', '--account', 'oa-1'], JSON.stringify({ appId: j.zalo.appId, secretKey: j.zalo.secretKey, accessToken: j.zalo.accessToken, refreshToken: j.zalo.refreshToken }));
    await j.start();

    const store = createPrismaStore(j.databaseUrl, auditKeys(HUB_SECRET));
    try {
      const deps = { store, clock: () => new Date(), timeZone: 'Asia/Ho_Chi_Minh' };
      const channel = (await store.channels()).find((c) => c.platform === 'zalo-oa');
      expect(channel).toBeDefined();
      const { record } = await receiveInteraction(deps, {
        source: 'zalo-oa',
        kind: 'message',
        externalId: 'oa-msg-0001',
        verb: 'add',
        channelId: channel!.id,
        authorName: 'Ngô Thị Mai',
        authorRef: 'follower-8801',
        text: 'Đèn đường trên đường Phú Riềng Đỏ hỏng ba hôm nay, nhờ ban xem giúp.',
        occurredAt: new Date(),
      });

      const card = await j.telegram.waitFor(
        () => j.telegram.sent('sendMessage', MODERATION).find((c) => String(c.params.text).includes('Đèn đường trên đường Phú Riềng Đỏ') && c.params.reply_markup),
        30_000,
      );
      expect(String(card.params.text)).toContain('Zalo OA');
      expect(String(card.params.text)).toContain('Ngô Thị Mai');
      const messageId = (c: Call) => (c.result as { message_id: number }).message_id;
      const reply = (card.params.reply_markup as { inline_keyboard: Button[][] }).inline_keyboard.flat().find((b) => b.text.includes('Trả lời'))!;
      const pressId = `cq-${j.telegram.newMessageId()}`;
      j.telegram.push({
        callback_query: { id: pressId, from: editor, chat_instance: '-1', data: reply.callback_data, message: { message_id: messageId(card), from: BOT, chat: { id: MODERATION, type: 'supergroup', title: 'Kiểm duyệt' }, date: 0, text: String(card.params.text) } },
      });
      await j.telegram.waitFor(() => j.telegram.sent('answerCallbackQuery').find((c) => c.params.callback_query_id === pressId), 30_000);
      const prompt = await j.telegram.waitFor(() => j.telegram.sent('sendMessage', MODERATION).find((c) => String(c.params.text).includes('Phạm Thu Dung: trả lời')), 30_000);
      const answer = 'Cảm ơn chị, phường Tân Phú đã cử người sửa trong hôm nay.';
      j.say(editor, MODERATION, { text: answer, reply_to_message: { message_id: messageId(prompt), from: BOT, chat: { id: MODERATION, type: 'supergroup' }, date: 0 } });

      // The card shows who answered, and what.
      await j.telegram.waitFor(() => j.telegram.sent('editMessageText', MODERATION).find((c) => Number(c.params.message_id) === messageId(card) && String(c.params.text).includes('Phạm Thu Dung đã trả lời')), 30_000);
      const answered = await store.interactionById(record.id);
      expect([answered?.state, answered?.answerText]).toEqual(['answered', answer]);
      const actions = await store.actionsOf(record.id);
      expect(actions.map((a) => [a.action, a.text, a.channelId])).toEqual([['reply', answer, channel!.id]]);
      // One card for one interaction, and the same answer is not owed twice.
      expect(j.telegram.sent('sendMessage', MODERATION).filter((c) => String(c.params.text).includes('Đèn đường trên đường Phú Riềng Đỏ'))).toHaveLength(1);
    } finally {
      await store.close();
    }
  }, 300_000);
});
