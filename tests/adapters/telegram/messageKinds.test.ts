import type { Message } from 'grammy/types';
import { describe, expect, it } from 'vitest';
import { continuesAlbum, kindOf, originOf, senderOf, threadOf, upgradeOf, type AlbumTail } from '../../../adapters/telegram/messageKinds.js';
import { fixture } from '../../helpers/telegram.js';

const service = fixture<Record<string, Message>>('service-messages.json');
const notContent = fixture<Record<string, Message>>('not-content.json');
const forwards = fixture<Record<string, Message>>('forwards.json');
const upgrade = fixture<Record<string, Message>>('group-upgrade.json');

describe('Telegram messages in intake’s terms (payloads shaped per the Bot API docs)', () => {
  it('sorts service messages and chat from content', () => {
    for (const msg of Object.values(service)) expect(kindOf(msg)).toBe('service');
    expect(Object.fromEntries(Object.entries(notContent).map(([k, m]) => [k, kindOf(m)]))).toEqual({ sticker: 'sticker', poll: 'poll', location: 'location', voice: 'voice', short_text: 'text' });
    expect(kindOf(upgrade.migrate_to!)).toBe('service');
    expect(kindOf(forwards.channel!)).toBe('text');
  });

  it('records where a forward came from: channel with its post link, hidden user, person, group', () => {
    expect(originOf(forwards.channel!)?.forwardedFrom).toEqual({ type: 'channel', name: 'Báo Bình Phước', username: 'baobinhphuoc', link: 'https://t.me/baobinhphuoc/4521', date: new Date(1796000000 * 1000).toISOString() });
    expect(originOf(forwards.hidden_user!)?.forwardedFrom).toMatchObject({ type: 'hiddenUser', name: 'Người dân Đồng Xoài' });
    expect(originOf(forwards.user!)?.forwardedFrom).toMatchObject({ type: 'user', name: 'Khoa Lê', username: 'lekhoa_pv' });
    expect(originOf(forwards.chat!)?.forwardedFrom).toMatchObject({ type: 'chat', name: 'UBND xã Tân Lập' });
    expect(originOf(notContent.short_text!)).toBeNull();
  });

  it('names an anonymous admin honestly, never “Group”', () => {
    const anon = fixture<Message>('anonymous-admin.json');
    const sender = senderOf(anon);
    expect(sender.name).toBe('Quản trị viên ẩn danh của nhóm “CTV gửi tin - Cổng TTĐT tỉnh”');
    expect(sender.platformId).toBe('chat:-1001987654321');
    expect(originOf(anon)).toEqual({ anonymousAdminOf: { chatTitle: 'CTV gửi tin - Cổng TTĐT tỉnh' } });
  });

  it('answers in the topic a message is in, and not in General', () => {
    expect(threadOf(fixture<Message>('topic-message.json'))).toBe(5);
    expect(threadOf(notContent.short_text!)).toBeUndefined();
  });

  it('reads a group upgrade from either side', () => {
    expect(upgradeOf(upgrade.migrate_to!)).toEqual({ from: '-4012345678', to: '-1002012345678' });
    expect(upgradeOf(upgrade.migrate_from!)).toEqual({ from: '-4012345678', to: '-1002012345678' });
    expect(upgradeOf(forwards.channel!)).toBeNull();
  });

  it('joins the second media group of a split album of more than ten, and nothing else', () => {
    const tail: AlbumTail = { chatId: '-1', senderId: '7', mediaGroupId: 'A', parts: 10, lastMessageId: 110, lastDate: 1000 };
    const next = { chatId: '-1', senderId: '7', mediaGroupId: 'B', messageId: 111, date: 1000 };
    expect(continuesAlbum(tail, next)).toBe(true);
    expect(continuesAlbum({ ...tail, parts: 9 }, next)).toBe(false);
    expect(continuesAlbum(tail, { ...next, senderId: '8' })).toBe(false);
    expect(continuesAlbum(tail, { ...next, messageId: 115 })).toBe(false);
    expect(continuesAlbum(tail, { ...next, date: 1100 })).toBe(false);
    expect(continuesAlbum(tail, { ...next, mediaGroupId: 'A' })).toBe(false);
    expect(continuesAlbum(undefined, next)).toBe(false);
  });
});
