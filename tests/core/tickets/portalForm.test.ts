import { describe, expect, it } from 'vitest';
import { isMessageKey } from '../../../src/core/messages.js';
import { checkTicketForm, formDedupeKey, readTicketForm, TICKET_FIELDS, type TicketFormInput } from '../../../src/core/tickets/portalForm.js';
import { formPath, otherTicketPath, questionPath, sentPath, statusPath, ticketRouteOf } from '../../../src/core/tickets/portalPaths.js';

const INPUT: TicketFormInput = { name: 'Trần Văn Dân', email: 'dan@example.vn', phone: '+84 912.345.678', address: '', field: 'y-te', subject: 'Tiêm chủng', question: 'Lịch tiêm chủng tháng này?', token: 't.1.x' };

describe('the ticket pages’ addresses', () => {
  it.each([
    ['vi', ['hoi-dap'], { kind: 'list' }],
    ['vi', ['hoi-dap', 'gui'], { kind: 'form', form: 'question' }],
    ['vi', ['lien-he'], { kind: 'form', form: 'contact' }],
    ['en', ['contact'], { kind: 'form', form: 'contact' }],
    ['en', ['questions', 'ask'], { kind: 'form', form: 'question' }],
    ['vi', ['hoi-dap', 'hd-2026-00042'], { kind: 'one', code: 'HD-2026-00042' }],
    ['en', ['questions', 'status', 'PA-2026-00001'], { kind: 'status', code: 'PA-2026-00001' }],
    ['vi', ['hoi-dap', 'da-gui', 'PA-2026-00001'], { kind: 'sent', code: 'PA-2026-00001' }],
    ['vi', ['hoi-dap', 'ask'], null],
    ['en', ['questions', 'gui'], null],
    ['vi', ['hoi-dap', 'BP-2026-00001'], null],
    ['vi', ['hoi-dap', 'trang-thai'], null],
    ['vi', ['lien-he', 'x'], null],
    ['vi', ['hoi-dap', 'trang-thai', 'HD-2026-00001', 'x'], null],
  ] as const)('%s %j → %j', (lang, rest, route) => {
    expect(ticketRouteOf(lang, rest)).toEqual(route);
  });

  it('every page has its twin in the other language, and reading a path back gives the same page', () => {
    const code = 'HD-2026-00042';
    const paths = [formPath('vi', 'question'), formPath('en', 'contact'), questionPath('vi', code), statusPath('en', code), sentPath('vi', code)];
    for (const path of paths) {
      const [, lang, ...rest] = path.split('/');
      const route = ticketRouteOf(lang as 'vi' | 'en', rest)!;
      expect(route).not.toBeNull();
      const other = otherTicketPath(route, lang === 'vi' ? 'en' : 'vi');
      const [, otherLang, ...otherRest] = other.split('/');
      expect(ticketRouteOf(otherLang as 'vi' | 'en', otherRest)).toEqual(route);
    }
  });
});

describe('the question and contact forms', () => {
  it('reads what was typed, composed and trimmed; the question form keeps no address; the hidden field gives a bot away', () => {
    const fields: Record<string, string> = { name: '  Tra\u0300n  Văn\nDân ', question: ' Dòng 1\r\nDòng 2 ', address: 'Ấp 3', website: 'x' };
    const read = readTicketForm((f) => fields[f] ?? null, 'question');
    expect(read.input.name).toBe('Tràn Văn Dân');
    expect(read.input.question).toBe('Dòng 1\nDòng 2');
    expect(read.input.address).toBe('');
    expect(read.honeypot).toBe(true);
    expect(readTicketForm((f) => fields[f] ?? null, 'contact').input.address).toBe('Ấp 3');
  });

  it.each([
    [{}, null],
    [{ email: '', phone: '', field: '' }, null],
    [{ name: '' }, 'ticket_name_required'],
    [{ name: 'a'.repeat(101) }, 'tportal_name_too_long'],
    [{ email: 'dan@' }, 'ticket_email_invalid'],
    [{ phone: '12345' }, 'tportal_phone_invalid'],
    [{ phone: '0912 345 678 ext' }, 'tportal_phone_invalid'],
    [{ address: 'a'.repeat(301) }, 'tportal_address_too_long'],
    [{ field: 'khong-co' }, 'tportal_field_unknown'],
    [{ subject: '' }, 'tportal_subject_required'],
    [{ subject: 'a'.repeat(201) }, 'tportal_subject_too_long'],
    [{ question: '' }, 'ticket_question_required'],
    [{ question: 'ạ'.repeat(10_000) }, null],
    [{ question: 'ạ'.repeat(10_001) }, 'ticket_question_too_long'],
  ] as const)('%j → %s', (change, reason) => {
    const checked = checkTicketForm({ ...INPUT, ...change });
    expect(checked.ok ? null : checked.reason).toBe(reason);
    if (!checked.ok) expect(isMessageKey(checked.reason)).toBe(true);
  });

  it('one key per token and content: the same page sent twice is one receipt, an edit or another page is another', () => {
    expect(formDedupeKey('question', INPUT)).toBe(formDedupeKey('question', { ...INPUT }));
    expect(formDedupeKey('question', INPUT)).not.toBe(formDedupeKey('question', { ...INPUT, question: `${INPUT.question}!` }));
    expect(formDedupeKey('question', INPUT)).not.toBe(formDedupeKey('question', { ...INPUT, token: 't.2.x' }));
    expect(formDedupeKey('question', INPUT)).not.toBe(formDedupeKey('contact', INPUT));
  });

  it('every field has a name in both languages', () => {
    for (const field of TICKET_FIELDS) expect(isMessageKey(`tportal_field_${field.replace(/-/g, '_')}`), field).toBe(true);
  });
});
