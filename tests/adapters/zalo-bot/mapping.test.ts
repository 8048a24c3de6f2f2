import { describe, expect, it } from 'vitest';
import { sortBotError } from '../../../adapters/zalo-bot/errors.js';
import { toBotEvent, withoutMention } from '../../../adapters/zalo-bot/mapping.js';
import { MAX_TEXT, pieces } from '../../../adapters/zalo-bot/sender.js';

/** The platform documentation's own sample (platforms.md, doc copy dated 10/12/2025), a private text. */
const DOC_SAMPLE = { message: { chat: { id: 'e4ea8ff3c5a0d2', chat_type: 'PRIVATE' }, text: 'Xin chào', message_id: '16f6a9b1c0', date: 1766619597466, from: { id: 'e4ea8ff3c5a0d2', first_name: 'Nguyen Van A' } } };

describe('Zalo Bot Platform updates as the desk reads them', () => {
  it('reads the documented sample: a private text, its date in milliseconds, the sender’s first name', () => {
    const event = toBotEvent(DOC_SAMPLE)!;
    expect(event).toMatchObject({ key: 'zalo-bot:e4ea8ff3c5a0d2:16f6a9b1c0', kind: 'text', chatId: 'e4ea8ff3c5a0d2', isGroup: false, from: 'e4ea8ff3c5a0d2', name: 'Nguyen Van A', text: 'Xin chào', photoUrl: null });
    expect(event.at.toISOString()).toBe(new Date(1766619597466).toISOString());
  });

  it('reads a group photo under each field name adapters have seen, with its caption, and a date in seconds', () => {
    for (const field of ['photo', 'photo_url', 'image']) {
      const event = toBotEvent({ event_name: 'message.image.received', message: { message_id: 'm1', date: 1766619597, chat: { id: 'g1', chat_type: 'GROUP' }, from: { id: 'u1', display_name: 'Tư' }, [field]: 'https://photo-stal-1.zdn.vn/a.jpg', caption: '@Cổng tin tỉnh Lễ khánh thành' } }, 'Cổng tin tỉnh')!;
      expect(event).toMatchObject({ kind: 'photo', isGroup: true, photoUrl: 'https://photo-stal-1.zdn.vn/a.jpg', text: 'Lễ khánh thành', name: 'Tư' });
      expect(event.at.getUTCFullYear()).toBe(2025);
    }
  });

  it('refuses what is not a message it can key: no message, no id, no chat, not an object', () => {
    for (const bad of [null, 'x', [], {}, { message: {} }, { message: { message_id: 'm', chat: {} } }, { message: { chat: { id: 'c' } } }]) expect(toBotEvent(bad)).toBeNull();
  });

  it('takes a sticker or an unknown event for what it is, never for text', () => {
    expect(toBotEvent({ event_name: 'message.sticker.received', message: { message_id: 's', chat: { id: 'g', chat_type: 'GROUP' }, from: { id: 'u' }, sticker: 'abc' } })?.kind).toBe('sticker');
    expect(toBotEvent({ event_name: 'message.unsupported.received', message: { message_id: 'v', chat: { id: 'g', chat_type: 'GROUP' }, from: { id: 'u' } } })?.kind).toBe('unsupported');
  });

  it('cuts the bot’s @mention, whatever its name, and keeps an @ inside the text', () => {
    expect(withoutMention('@Cổng tin tỉnh /duyet DN-2026-00001 ab12c', 'Cổng tin tỉnh')).toBe('/duyet DN-2026-00001 ab12c');
    expect(withoutMention('@Bot Tỉnh Mới /duyet X y', null)).toBe('/duyet X y');
    expect(withoutMention('@bot Tin mới về lễ hội', null)).toBe('Tin mới về lễ hội');
    expect(withoutMention('Liên hệ @ubnd để biết thêm', 'Cổng tin tỉnh')).toBe('Liên hệ @ubnd để biết thêm');
  });
});

describe('Zalo Bot Platform errors, sorted by status and code', () => {
  it('a refused token needs a person; a burst and a server error wait; a bad request is refused', () => {
    expect(sortBotError(401, 401, 'Unauthorized').kind).toBe('needsReauth');
    expect(sortBotError(200, 403, 'Forbidden').kind).toBe('needsReauth');
    expect(sortBotError(429, 429, 'Too Many Requests')).toMatchObject({ kind: 'retryLater', afterMs: 30_000 });
    expect(sortBotError(502, null, 'Bad Gateway').kind).toBe('retryLater');
    expect(sortBotError(400, 400, 'text must be 1-2000 characters').kind).toBe('rejected');
  });
});

describe('long texts', () => {
  it('are cut into pieces the platform takes, at line or word ends, losing nothing', () => {
    const text = Array.from({ length: 300 }, (_, i) => `Dòng ${i}: nội dung thông báo của Ủy ban nhân dân tỉnh.`).join('\n');
    const parts = pieces(text);
    expect(parts.length).toBeGreaterThan(1);
    for (const p of parts) expect(p.length).toBeLessThanOrEqual(MAX_TEXT);
    expect(parts.join('\n')).toBe(text);
    expect(pieces('ngắn')).toEqual(['ngắn']);
  });
});
