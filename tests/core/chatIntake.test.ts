import { describe, expect, it } from 'vitest';
import { CONTENT_KINDS, hasSubstance, intakeVerdict, originLines, pageLines, senderChange, textOfParts, withPart, type ChatMessageKind } from '../../src/core/chatIntake.js';

describe('which chat messages become submissions', () => {
  // The table the desk follows, with the reason each kind is or is not an item.
  const KINDS: [ChatMessageKind, string, boolean, string][] = [
    ['text', 'Hội nghị chuyển đổi số tỉnh năm 2026', true, 'a headline with substance is an item'],
    ['text', 'cảm ơn admin nhiều ạ', false, 'thanks and reactions are chat'],
    ['text', 'ok', false, 'too short to be anything but chat'],
    ['photo', '', true, 'pictures are what the portal publishes, even without a caption'],
    ['video', '', true, 'footage is published as video'],
    ['document', '', true, 'press releases and decisions arrive as PDF/Word files'],
    ['audio', '', true, 'a recorded interview is material for a podcast'],
    ['animation', '', false, 'a GIF alone is a reaction'],
    ['animation', 'Lễ hội trái cây Bình Phước\nMàn trình diễn ánh sáng đêm khai mạc.', true, 'a silent clip with a caption is material'],
    ['voice', 'Báo cáo nhanh tình hình lũ', false, 'spoken chat; the sender is asked for a file'],
    ['videoNote', '', false, 'a round video message is chat'],
    ['sticker', '', false, 'a reaction'],
    ['poll', '', false, 'a question to the group'],
    ['location', '', false, 'a place shared in chat'],
    ['contact', '', false, 'a phone card shared in chat'],
    ['dice', '', false, 'a game'],
    ['story', '', false, 'a link to someone else’s story'],
    ['service', '', false, 'members joining or leaving, pins, titles, topics, upgrades'],
    ['other', '', false, 'anything new Telegram adds stays out until someone decides'],
  ];
  it.each(KINDS)('%s “%s” → %s (%s)', (kind, text, taken) => {
    expect(intakeVerdict(kind, text).take).toBe(taken);
  });

  it('covers every kind in the table', () => {
    expect(new Set(KINDS.map(([k]) => k))).toEqual(new Set(Object.keys(CONTENT_KINDS)));
  });

  it('asks for a file instead of a voice message, and says nothing of a sticker', () => {
    expect(intakeVerdict('voice', '')).toEqual({ take: false, why: 'ask_for_file' });
    expect(intakeVerdict('sticker', '')).toEqual({ take: false, why: 'not_content' });
    expect(intakeVerdict('text', '👍👍👍')).toEqual({ take: false, why: 'too_short' });
  });

  it('takes any answer to "needs more information", however short', () => {
    expect(intakeVerdict('text', 'Ảnh của UBND xã', true).take).toBe(true);
    expect(intakeVerdict('text', 'Ảnh của UBND xã').take).toBe(false);
    expect(intakeVerdict('sticker', '', true).take).toBe(false);
  });

  it('reads substance from words, letters and lines, in any script', () => {
    expect(hasSubstance('Tin số 1\nNội dung tin số 1.')).toBe(true);
    expect(hasSubstance('đã nhận')).toBe(false);
    expect(hasSubstance('   \n  \n ')).toBe(false);
    expect(hasSubstance('Provincial digital transformation conference')).toBe(true);
  });
});

describe('a sender’s answer or edit', () => {
  it('revises before triage and after "needs info"; later goes to the editors, to a correction, or nowhere', () => {
    expect(senderChange('received', null)).toBe('revise');
    expect(senderChange('needsInfo', null)).toBe('revise');
    expect(senderChange('accepted', 'review')).toBe('toEditors');
    expect(senderChange('accepted', 'scheduled')).toBe('toEditors');
    expect(senderChange('accepted', 'published')).toBe('askCorrection');
    expect(senderChange('accepted', 'takenDown')).toBe('closed');
    expect(senderChange('rejected', null)).toBe('closed');
    expect(senderChange('withdrawn', null)).toBe('closed');
  });

  it('an edit replaces its own message’s part; an answer adds one', () => {
    const parts = [{ messageId: '1', text: 'Tiêu đề\nThân bài' }];
    const answered = withPart(parts, { messageId: '7', text: 'Ảnh do xã cung cấp' });
    expect(textOfParts(answered)).toBe('Tiêu đề\nThân bài\n\nẢnh do xã cung cấp');
    const edited = withPart(answered, { messageId: '1', text: 'Tiêu đề mới\nThân bài' });
    expect(textOfParts(edited)).toBe('Tiêu đề mới\nThân bài\n\nẢnh do xã cung cấp');
  });
});

describe('origin and long lists', () => {
  it('names a forwarded channel post with its link, and an anonymous admin as such', () => {
    const lines = originLines({ forwardedFrom: { type: 'channel', name: 'Báo Bình Phước', username: 'baobinhphuoc', link: 'https://t.me/baobinhphuoc/4521', date: '2026-11-30T01:00:00.000Z' }, anonymousAdminOf: { chatTitle: 'CTV' } });
    expect(lines.map((l) => l.key)).toEqual(['origin_forward_channel', 'origin_link', 'origin_anonymous_admin']);
    expect(lines[0]!.detail.name).toBe('Báo Bình Phước (@baobinhphuoc)');
    expect(originLines(null)).toEqual([]);
  });

  it('pages 40 long titles under Telegram’s 4096 characters, each page saying where it is and how to go on', () => {
    const lines = Array.from({ length: 40 }, (_, i) => `• BP-2026-${String(i + 1).padStart(5, '0')} — ${'Hội nghị tổng kết công tác chuyển đổi số và cải cách hành chính '.repeat(2)}(Biên tập)`);
    // A footer only on pages that have a next one: the cut must leave room for it all the same.
    const pages = pageLines(lines, 4096, (p, n) => `📋 Chờ bạn (40): (trang ${p}/${n})`, (p, n) => (p < n ? `➡️ Xem tiếp: /pending ${p + 1} ${'·'.repeat(200)}` : ''));
    expect(pages.length).toBeGreaterThan(1);
    for (const page of pages) expect(page.length).toBeLessThanOrEqual(4096);
    expect(pages[0]).toContain('/pending 2');
    expect(pages.at(-1)).not.toContain('Xem tiếp');
    // Nothing is lost or repeated across pages.
    const shown = pages.flatMap((p) => p.split('\n').filter((l) => l.startsWith('• ')));
    expect(shown).toEqual(lines);
  });

  it('clips a single line longer than a page instead of failing', () => {
    const pages = pageLines(['x'.repeat(10_000)], 4096, () => 'h', () => '');
    expect(pages).toHaveLength(1);
    expect(pages[0]!.length).toBeLessThanOrEqual(4096);
  });
});
