import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { GroupMessage, Reaction, Undo, type TGroupMessage } from 'zca-js';
import { quoteFrom, quoteRef, toIncomingMessage, toIncomingReaction, toIncomingRecall } from '../../../adapters/zalo-group/mapping.js';

const messages = JSON.parse(readFileSync(join(import.meta.dirname, '../../fixtures/zalo/group-messages.json'), 'utf8')) as Record<string, TGroupMessage>;
const incoming = (name: string) => toIncomingMessage(new GroupMessage('100', structuredClone(messages[name]!)));

describe('what the desk reads from Zalo', () => {
  it('a text, a picture with its caption, a file with its name and size, a shared link as text', () => {
    expect(incoming('text')).toMatchObject({ kind: 'text', threadId: '7412000000000000001', from: '880100200300', name: 'Đặng Thị Hoa', text: 'Ra quân Mùa hè xanh\nSáng nay…', href: null, isGroup: true });
    expect(incoming('photo')).toMatchObject({ kind: 'photo', text: 'Lễ ra quân', href: 'https://photo-stal-1.zadn.vn/abc.jpg', fileName: null });
    expect(incoming('file')).toMatchObject({ kind: 'file', text: '', href: 'https://f21-zpc.zdn.vn/123/ke-hoach.pdf', fileName: 'Ke hoach 2027.pdf', declaredSize: 482113 });
    expect(incoming('link')).toMatchObject({ kind: 'text', text: 'Báo Bình Phước: Ra quân Mùa hè xanh\nhttps://baobinhphuoc.com.vn/news/1', href: null });
    expect(incoming('sticker').kind).toBe('other');
    expect(incoming('text').at.toISOString()).toBe(new Date(1796016000000).toISOString());
  });

  it('a quoted reply names the message it quotes; the quote kept with a submission comes back as zca-js takes it', () => {
    expect(incoming('reply').quotedMsgId).toBe('5004');
    const photo = incoming('photo');
    expect(quoteFrom(quoteRef(photo.quote))).toEqual(photo.quote);
    const long = toIncomingMessage(new GroupMessage('100', { ...structuredClone(messages['text']!), content: 'x'.repeat(2000) }));
    expect(quoteFrom(quoteRef(long.quote))?.content).toHaveLength(300);
    expect(quoteFrom('not json')).toBeNull();
    expect(quoteFrom(null)).toBeNull();
  });

  it('a reaction names the message reacted to; a recall the message taken back', () => {
    const reaction = new Reaction('100', { actionId: '1', msgId: '9100', cliMsgId: '9100', msgType: 'reaction', uidFrom: '880200', idTo: '7412000000000000002', dName: 'Lê Minh Châu', ts: '1', ttl: 0, content: { rMsg: [{ gMsgID: '5003', cMsgID: '5003', msgType: 1 }], rIcon: '/-strong' as never, rType: 3, source: 6 } }, true);
    expect(toIncomingReaction(reaction)).toEqual({ threadId: '7412000000000000002', isGroup: true, id: '9100', from: '880200', name: 'Lê Minh Châu', icon: '/-strong', targetMsgId: '5003' });
    const undo = new Undo('100', { actionId: '1', msgId: '9200', cliMsgId: '9200', msgType: 'chat.undo', uidFrom: '880100200300', idTo: '7412000000000000001', dName: 'Đặng Thị Hoa', ts: '1', status: 1, content: { globalMsgId: 7002, cliMsgId: 1732950000002, deleteMsg: 1, srcId: 1, destId: 2 }, notify: '1', ttl: 0, userId: '0', uin: '0', cmd: 521, st: 3, at: 5, realMsgId: '0' }, true);
    expect(toIncomingRecall(undo)).toEqual({ threadId: '7412000000000000001', isGroup: true, id: '9200', from: '880100200300', name: 'Đặng Thị Hoa', recalledMsgId: '7002' });
  });
});
