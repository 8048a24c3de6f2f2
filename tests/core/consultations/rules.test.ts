import { describe, expect, it } from 'vitest';
import { checkDraft } from '../../../src/core/consultations/draft.js';
import { CONSULTATION_MESSAGES } from '../../../src/core/consultations/messages.js';
import { acceptsComments, groundOf, isDue, moderate, needsSummary, publicComment, slugFor, type CommentRecord, type SectionRecord } from '../../../src/core/consultations/model.js';
import { summaryOf } from '../../../src/core/consultations/summary.js';

const NOW = new Date('2026-12-10T03:00:00Z');
const LATER = new Date('2026-12-20T10:00:00Z');

describe('a draft consultation, as the rules see it', () => {
  it('takes comments only while open and before its deadline, even when the closing job has not run yet', () => {
    const c = { state: 'open' as const, opensAt: NOW, closesAt: LATER };
    expect(acceptsComments(c, NOW)).toBe(true);
    expect(acceptsComments(c, new Date(LATER.getTime() - 1))).toBe(true);
    expect(acceptsComments(c, LATER)).toBe(false);
    expect(acceptsComments(c, new Date(NOW.getTime() - 1))).toBe(false);
    expect(acceptsComments({ ...c, state: 'closed' }, NOW)).toBe(false);
    expect(isDue(c, LATER)).toBe(true);
    expect(isDue({ ...c, state: 'closed' }, LATER)).toBe(false);
  });

  it('pre-moderates: new → published or hidden with its ground; hidden stays hidden; "other" needs a why', () => {
    expect(moderate('new', { type: 'publish' })).toEqual({ ok: true, state: 'published', reason: null });
    expect(moderate('new', { type: 'hide', ground: 'spam', note: '' })).toEqual({ ok: true, state: 'hidden', reason: 'spam' });
    expect(moderate('published', { type: 'hide', ground: 'abuse', note: 'lời lẽ xúc phạm' })).toEqual({ ok: true, state: 'hidden', reason: 'abuse: lời lẽ xúc phạm' });
    expect(moderate('new', { type: 'hide', ground: 'other', note: '  ' })).toEqual({ ok: false, reason: 'consultation_reason_required' });
    expect(moderate('hidden', { type: 'publish' })).toEqual({ ok: false, reason: 'consultation_comment_hidden' });
    expect(moderate('published', { type: 'publish' })).toEqual({ ok: false, reason: 'consultation_comment_published' });
    expect([groundOf('spam'), groundOf('abuse: x'), groundOf('other: trùng'), groundOf('written by hand')]).toEqual(['spam', 'abuse', 'other', 'other']);
  });

  it('shows the public a reduced name and no contact data', () => {
    const shown = publicComment({ id: 'c1', sectionId: 's1', authorName: 'Nguyễn Văn An', text: 'Liên hệ tôi: an@example.vn, 0912 345 678. Điều 3 nên rõ hơn.', receivedAt: NOW }, 'initials');
    expect(shown.author).toBe('N.V.A.');
    expect(shown.text).toBe('Liên hệ tôi: […], […]. Điều 3 nên rõ hơn.');
    expect(publicComment({ id: 'c1', sectionId: 's1', authorName: 'Nguyễn Văn An', text: 'x', receivedAt: NOW }, 'none').author).toBeNull();
  });

  it('makes an address from the title, and another when it is taken', () => {
    expect(slugFor('Dự thảo Quyết định về giá đất năm 2027', () => false)).toBe('du-thao-quyet-dinh-ve-gia-dat-nam-2027');
    const taken = new Set(['quy-che-a', 'quy-che-a-2']);
    expect(slugFor('Quy chế A', (s) => taken.has(s))).toBe('quy-che-a-3');
    expect(slugFor('!!!', () => false)).toBe('du-thao');
    expect(slugFor('Đường '.repeat(30), () => false).length).toBeLessThanOrEqual(60);
  });

  it('refuses a draft closing in the past, without sections, or whose file is not PDF or DOCX by its bytes', () => {
    const good = { siteId: 's', title: ' Quy chế  quản lý ', agency: 'Sở Tư pháp', contactEmail: 'vanthu@stp.example.vn', sections: [{ title: 'Chương I' }], closesAt: LATER };
    const r = checkDraft(good, 'pdf', NOW);
    expect(r.ok && r.value).toMatchObject({ title: 'Quy chế quản lý', sections: [{ position: 1, title: 'Chương I', text: '' }], opensAt: NOW });
    expect(checkDraft(good, 'docx', NOW).ok).toBe(true);
    expect(checkDraft({ ...good, closesAt: NOW }, 'pdf', NOW)).toMatchObject({ ok: false, reason: 'consultation_closes_in_past' });
    expect(checkDraft({ ...good, sections: [] }, 'pdf', NOW)).toMatchObject({ ok: false, reason: 'consultation_sections_required' });
    expect(checkDraft({ ...good, sections: [{ title: ' ' }] }, 'pdf', NOW)).toMatchObject({ ok: false, reason: 'consultation_section_title_required', detail: { n: '1' } });
    expect(checkDraft(good, 'jpg', NOW)).toMatchObject({ ok: false, reason: 'consultation_bad_file', detail: { type: 'jpg' } });
    expect(checkDraft(good, null, NOW)).toMatchObject({ ok: false, reason: 'consultation_bad_file' });
    expect(checkDraft({ ...good, contactEmail: 'not-mail' }, 'pdf', NOW)).toMatchObject({ ok: false, reason: 'consultation_bad_contact' });
  });

  it('summarises every comment received by section, except those hidden as spam or abuse, and says how many were left out', () => {
    const sections: SectionRecord[] = [
      { id: 's2', consultationId: 'k', position: 2, title: 'Chương II', text: '' },
      { id: 's1', consultationId: 'k', position: 1, title: 'Chương I', text: '' },
    ];
    let i = 0;
    const comment = (sectionId: string, state: CommentRecord['state'], reason: string | null = null): CommentRecord => ({
      id: `c${(i += 1)}`, consultationId: 'k', sectionId, dedupeKey: `d${i}`, authorName: 'Trần Thị Bình', senderEmail: 'binh@example.vn', senderContact: {},
      text: `Ý kiến ${i}, gọi 0912345678`, state, reason, decidedById: null, decidedAt: null, receivedAt: new Date(NOW.getTime() + i * 1000), announcedAt: null,
    });
    const comments = [comment('s1', 'published'), comment('s2', 'new'), comment('s1', 'hidden', 'spam'), comment('s1', 'hidden', 'other: trùng lặp'), comment('s2', 'hidden', 'abuse'), comment('s1', 'new')];
    const s = summaryOf({ title: 'T', agency: 'A', opensAt: NOW, closesAt: LATER, closedAt: LATER }, sections, comments, 'initials');
    expect(s.sections.map((x) => [x.position, x.count, x.rows.map((r) => r.n)])).toEqual([
      [1, 3, [1, 2, 3]],
      [2, 1, [4]],
    ]);
    expect(s.total).toBe(4);
    expect(s.leftOut).toEqual({ spam: 1, abuse: 1 });
    expect(s.sections[0]!.rows.map((r) => r.state)).toEqual(['published', 'hidden', 'new']);
    expect(s.sections[0]!.rows[0]).toMatchObject({ author: 'T.T.B.', text: 'Ý kiến 1, gọi […]' });
    expect(JSON.stringify(s)).not.toContain('binh@example.vn');
  });

  it('says everything in Vietnamese and English', () => {
    for (const [key, text] of Object.entries(CONSULTATION_MESSAGES)) {
      expect(key.startsWith('consultation_'), key).toBe(true);
      expect(text.vi.trim(), key).not.toBe('');
      expect(text.en.trim(), key).not.toBe('');
    }
    expect(needsSummary({ state: 'closed', summaryDocxRef: 'a', summaryXlsxRef: 'b', summarySentAt: null })).toBe(true);
  });
});
