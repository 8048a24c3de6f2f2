import { describe, expect, it } from 'vitest';
import { checkForm, portalInteractions, readForm } from '../../../src/core/interactions/portalForm.js';

const form = (fields: Record<string, string>) => readForm((f) => fields[f] ?? null);

describe('the portal form’s fields', () => {
  it('takes a comment, a rating, or both; a rating is always a record of its own, with no name', () => {
    const both = checkForm(form({ name: '  Lan ', text: 'Cảm ơn\r\nBan Biên tập', content: '5', support: '3' }).input);
    expect(both).toEqual({ ok: true, value: { name: 'Lan', text: 'Cảm ơn\nBan Biên tập', rating: { content: 5, support: 3 } } });
    const at = new Date('2026-11-30T02:00:00Z');
    expect(portalInteractions(both.ok ? both.value : never(), 'DN-2026-00001', { comment: 'id-1', rating: 'id-9' }, at)).toEqual([
      expect.objectContaining({ source: 'portal', kind: 'comment', externalId: 'id-1', itemCode: 'DN-2026-00001', authorName: 'Lan', authorRef: null, rating: null }),
      expect.objectContaining({ source: 'portal', kind: 'rating', externalId: 'id-9', itemCode: 'DN-2026-00001', authorName: null, authorRef: null, text: '', rating: { content: 5, support: 3 } }),
    ]);
    const rating = checkForm(form({ quality: '2' }).input);
    expect(rating).toEqual({ ok: true, value: { name: null, text: '', rating: { quality: 2 } } });
    expect(portalInteractions(rating.ok ? rating.value : never(), 'DN-2026-00001', { comment: 'id-2', rating: 'id-3' }, at).map((e) => [e.kind, e.externalId, e.authorName])).toEqual([['rating', 'id-3', null]]);
    expect(checkForm(form({ name: 'Lan' }).input)).toEqual({ ok: false, reason: 'form_empty' });
  });

  it('holds names to 80 and comments to 2000 characters as people count them', () => {
    // Decomposed Vietnamese (as some phones send it) counts once composed.
    const decomposed = 'ệ'.normalize('NFD');
    expect(decomposed.length).toBe(3);
    expect(checkForm(form({ name: decomposed.repeat(80), text: 'x' }).input).ok).toBe(true);
    expect(checkForm(form({ name: 'a'.repeat(81), text: 'x' }).input)).toEqual({ ok: false, reason: 'form_name_too_long' });
    expect(checkForm(form({ text: 'ệ'.repeat(2000) }).input).ok).toBe(true);
    expect(checkForm(form({ text: 'a'.repeat(2001) }).input)).toEqual({ ok: false, reason: 'form_text_too_long' });
  });

  it('points out a score outside 1–5 instead of dropping it', () => {
    for (const bad of ['0', '6', '4.5', 'năm']) expect(checkForm(form({ text: 'x', interface: bad }).input)).toEqual({ ok: false, reason: 'form_bad_rating' });
  });

  it('notices a filled honeypot', () => {
    expect(form({ text: 'x' }).honeypot).toBe(false);
    expect(form({ text: 'x', website: 'http://spam.example' }).honeypot).toBe(true);
  });
});

function never(): never {
  throw new Error('unexpected refusal');
}
