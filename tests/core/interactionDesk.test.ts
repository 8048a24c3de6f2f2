import { describe, expect, it } from 'vitest';
import { cardGroups, decodeLines, digestDay, encodeLines, lineActions, MAX_LINES_PER_CARD, readLineRef, lineRef } from '../../src/core/interactions/desk.js';
import type { InteractionRecord } from '../../src/core/interactions/model.js';

const TZ = 'Asia/Ho_Chi_Minh';
let n = 0;
const record = (over: Partial<InteractionRecord>): InteractionRecord => ({
  id: `id-${(n += 1)}`, sourceKey: `facebook:${n}`, source: 'facebook', kind: 'comment', externalId: String(n), parentExternalId: null, mirrorExternalId: null, channelId: null,
  itemId: null, code: null, siteId: null, authorName: 'A', authorRef: null, text: 'Xin hỏi', publicText: null, rating: null, ratingMean: null, count: null,
  occurredAt: new Date(0), receivedAt: new Date(0), editedAt: null, removedAt: null, history: [], state: 'new', reason: null, decidedById: null, decidedAt: null,
  answerText: null, answeredById: null, answeredAt: null, announcedAt: null, ...over,
});

describe('the moderators’ chat, pure', () => {
  it('groups a burst per item, then per source for what is under no item, a card holding at most its share of lines', () => {
    const burst = [...Array.from({ length: 8 }, () => record({ itemId: 'a', code: 'DN-1' })), record({ source: 'zalo-oa', kind: 'message' }), record({ itemId: 'b', code: 'DN-2' })];
    const groups = cardGroups(burst);
    expect(groups.map((g) => [g.key, g.records.length])).toEqual([
      ['item:a', MAX_LINES_PER_CARD],
      ['item:a', 8 - MAX_LINES_PER_CARD],
      ['source:zalo-oa', 1],
      ['item:b', 1],
    ]);
    const lines = groups[0]!.records.map((r) => ({ id: r.id, version: r.history.length }));
    expect(decodeLines(encodeLines(lines))).toEqual(lines);
  });

  it('names a line and the state it showed in a few characters', () => {
    expect(lineRef(5, 'published')).toBe('5p');
    expect(readLineRef('5p')).toEqual({ index: 5, state: 'published' });
    expect(readLineRef('5z')).toBeNull();
    expect(readLineRef(null)).toBeNull();
  });

  it('offers what a moderator may still do on a line', () => {
    expect(lineActions(record({}))).toEqual(['publish', 'reply', 'hide', 'ticket']);
    expect(lineActions(record({ state: 'published', publicText: 'Xin hỏi' }))).toEqual(['reply', 'hide', 'ticket']);
    expect(lineActions(record({ state: 'published', publicText: 'Trước khi sửa' }))).toEqual(['publish', 'reply', 'hide', 'ticket']);
    expect(lineActions(record({ state: 'answered', publicText: 'Xin hỏi', answerText: 'Vâng' }))).toEqual([]);
    expect(lineActions(record({ state: 'answered', publicText: 'Trước khi sửa', answerText: 'Vâng' }))).toEqual(['publish', 'hide']);
    expect(lineActions(record({ state: 'hidden' }))).toEqual([]);
    expect(lineActions(record({ removedAt: new Date(1) }))).toEqual([]);
  });

  it('owes the digest once a day, from its time in the province’s zone', () => {
    // 00:59Z is 07:59 in Ho Chi Minh City; 01:00Z is 08:00.
    expect(digestDay(new Date('2026-12-01T00:59:00Z'), TZ, '08:00', '2026-11-30')).toBeNull();
    expect(digestDay(new Date('2026-12-01T01:00:00Z'), TZ, '08:00', '2026-11-30')).toBe('2026-12-01');
    expect(digestDay(new Date('2026-12-01T16:59:00Z'), TZ, '08:00', '2026-12-01')).toBeNull();
    // 17:30Z on 01/12 is already 00:30 on 02/12 there: before 08:00, nothing yet.
    expect(digestDay(new Date('2026-12-01T17:30:00Z'), TZ, '08:00', '2026-12-01')).toBeNull();
    expect(digestDay(new Date('2026-12-01T01:00:00Z'), TZ, '08:00', null)).toBe('2026-12-01');
  });
});
