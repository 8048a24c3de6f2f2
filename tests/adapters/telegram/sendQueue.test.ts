import { describe, expect, it } from 'vitest';
import { SendQueue } from '../../../adapters/telegram/sendQueue.js';

describe('the Telegram send queue over years of senders', () => {
  it('keeps a lane per chat only while it matters: 5,000 private chats leave at most the cap and every notice is sent', async () => {
    const sent: string[] = [];
    let messageId = 0;
    const queue = new SendQueue(
      async (chatId) => (sent.push(chatId), { message_id: (messageId += 1) }),
      (_chat, error) => {
        throw error;
      },
      // No gaps: the lanes are idle as soon as they are sent, as a quiet sender's chat is a second later.
      { chatGapMs: 0, groupPerMinute: 20, globalGapMs: 0 },
      100,
    );
    let most = 0;
    for (let i = 0; i < 5000; i += 50) {
      await Promise.all(Array.from({ length: 50 }, (_, k) => queue.notice(String(1_000_000 + i + k), `Đã nhận tin số ${i + k}`)));
      most = Math.max(most, queue.chats);
    }
    expect(sent).toHaveLength(5000);
    expect(new Set(sent).size).toBe(5000);
    expect(most).toBeLessThanOrEqual(150);
  });

  it('a group that sent this minute keeps its lane, so its twenty-a-minute limit still holds', async () => {
    const queue = new SendQueue(async () => ({ message_id: 1 }), () => undefined, { chatGapMs: 0, groupPerMinute: 20, globalGapMs: 0 }, 10);
    await queue.notice('-1001234', 'Tin nhóm');
    for (let i = 0; i < 200; i += 1) await queue.notice(String(2_000_000 + i), 'Tin riêng');
    // Ten private lanes at most, plus the group's that still counts its minute.
    expect(queue.chats).toBeLessThanOrEqual(11);
    expect(queue.chats).toBeGreaterThanOrEqual(2);
  });
});
