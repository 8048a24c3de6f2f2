import { describe, expect, it } from 'vitest';
import { checkDocument, documentTypeOf, numberKey } from '../../../src/core/documents/record.js';
import { documentTimeliness, timelinessWording, UPDATE_DEADLINES } from '../../../src/core/documents/timeliness.js';
import { weekdayOf, type WorkingCalendar } from '../../../src/core/tickets/calendar.js';
import { bilingual, message } from '../../../src/core/messages.js';

const plain: WorkingCalendar = { daysOff: new Set(), workdays: new Set() };
// 2026: Friday 28/8, Monday 31/8 a bridge day off, Wednesday 2/9 National Day.
const withHolidays: WorkingCalendar = { daysOff: new Set(['2026-08-31', '2026-09-01', '2026-09-02']), workdays: new Set() };

describe('a document’s timeliness in working days', () => {
  it('a decision issued on Friday and published on Tuesday took 2 working days: on time for a legal document', () => {
    expect(weekdayOf('2026-06-05')).toBe(5);
    expect(documentTimeliness('quyet-dinh', '2026-06-05', '2026-06-09', plain)).toEqual({ workingDays: 2, deadline: UPDATE_DEADLINES.legal, onTime: true });
  });

  it('holidays in between do not count: Friday 28/8 to Thursday 3/9 over the National Day break is 1 working day', () => {
    expect(weekdayOf('2026-08-28')).toBe(5);
    expect(documentTimeliness('quyet-dinh', '2026-08-28', '2026-09-03', withHolidays)).toMatchObject({ workingDays: 1, onTime: true });
    // Without the holidays the same dates are 4 working days: late for a 2-day deadline.
    expect(documentTimeliness('quyet-dinh', '2026-08-28', '2026-09-03', plain)).toMatchObject({ workingDays: 4, onTime: false });
  });

  it('a plan has the 10-day deadline; published the day it was issued is 0; before it, 0 too', () => {
    expect(documentTimeliness('ke-hoach', '2026-06-05', '2026-06-19', plain)).toEqual({ workingDays: 10, deadline: 10, onTime: true });
    expect(documentTimeliness('quyet-dinh', '2026-06-05', '2026-06-05', plain).workingDays).toBe(0);
    expect(documentTimeliness('quyet-dinh', '2026-06-05', '2026-06-01', plain).workingDays).toBe(0);
  });
});

describe('how timeliness is worded', () => {
  const said = (lang: 'vi' | 'en', issued: string, published: string) => {
    const w = timelinessWording(documentTimeliness('quyet-dinh', issued, published, plain));
    return message(lang, w.key, w.detail);
  };
  it('late: by how many working days past the deadline, then the deadline; on time: the days it took', () => {
    // Issued Friday 5/6, published Friday 12/6: 5 working days against a 2-day deadline.
    expect(said('vi', '2026-06-05', '2026-06-12')).toBe('chậm 3 ngày làm việc (hạn 2 ngày làm việc)');
    expect(said('en', '2026-06-05', '2026-06-12')).toBe('3 working days late (deadline 2 working days)');
    expect(said('en', '2026-06-05', '2026-06-10')).toBe('1 working day late (deadline 2 working days)');
    expect(said('vi', '2026-06-05', '2026-06-09')).toBe('đúng hạn (đăng sau 2 ngày làm việc)');
    expect(said('en', '2026-06-05', '2026-06-08')).toBe('on time (published after 1 working day)');
  });
});

describe('checking what a clerk typed', () => {
  const good = { number: '123/QĐ-UBND', type: 'Quyết định', agency: 'UBND tỉnh Đồng Nai', signer: 'Nguyễn Văn A', field: 'Y tế', issued: '05/06/2026', effective: '15/06/2026' };

  it('takes a decision and folds its number for the index', () => {
    const done = checkDocument(good, '2026-06-10');
    expect(done).toEqual({ ok: true, value: { number: '123/QĐ-UBND', numberKey: '123/qd-ubnd', docType: 'quyet-dinh', agency: 'UBND tỉnh Đồng Nai', signer: 'Nguyễn Văn A', field: 'Y tế', issuedOn: '2026-06-05', effectiveOn: '2026-06-15' } });
    expect(numberKey(' 45/2026/NQ-HĐND')).toBe('45/2026/nq-hdnd');
    // Typed on a full-width keyboard: the same number.
    expect(numberKey('６/ＫＨ-UBND')).toBe(numberKey('6/KH-UBND'));
    expect(documentTypeOf('cong van')).toBe('cong-van');
    expect(documentTypeOf('Decision')).toBe('quyet-dinh');
  });

  it('names every problem at once: a direction override, an unknown type, an empty signer, a bad date, effective before issued', () => {
    const done = checkDocument({ ...good, number: '123/QĐ\u202E-UBND', type: 'Thư tình', signer: ' ', issued: '31/02/2026' }, '2026-06-10');
    expect(done.ok).toBe(false);
    if (done.ok) return;
    expect(done.problems.map((p) => p.reason)).toEqual(['doc_bad_number', 'doc_bad_type', 'doc_bad_name', 'doc_bad_date']);
    const before = checkDocument({ ...good, effective: '01/06/2026' }, '2026-06-10');
    expect(before.ok ? [] : before.problems.map((p) => p.reason)).toEqual(['doc_effective_before_issued']);
    const future = checkDocument(good, '2026-06-01');
    expect(future.ok ? [] : future.problems.map((p) => p.reason)).toEqual(['doc_issued_future']);
    expect(checkDocument({ ...good, issued: '2026-06-05' }, '2026-06-10').ok).toBe(false);
    // Before the state's founding (2/9/1945): a slip of the year, refused; that very day is taken.
    const early = checkDocument({ ...good, issued: '01/01/1900', effective: null }, '2026-06-10');
    expect(early.ok ? [] : early.problems).toEqual([{ reason: 'doc_issued_too_early', detail: { given: '01/01/1900', first: '02/09/1945' } }]);
    expect(bilingual('doc_issued_too_early', { given: '01/01/1900', first: '02/09/1945' })).toMatch(/^Ngày ban hành 01\/01\/1900 trước ngày thành lập nước 02\/09\/1945[\s\S]*\nThe issue date 01\/01\/1900 is before/);
    expect(checkDocument({ ...good, issued: '01/09/1945', effective: null }, '2026-06-10').ok).toBe(false);
    expect(checkDocument({ ...good, issued: '02/09/1945', effective: null }, '2026-06-10').ok).toBe(true);
    // Effective more than 10 years after issue: refused; 10 years to the day is taken.
    const far = checkDocument({ ...good, effective: '06/06/2036' }, '2026-06-10');
    expect(far.ok ? [] : far.problems.map((p) => p.reason)).toEqual(['doc_effective_too_late']);
    expect(checkDocument({ ...good, effective: '05/06/2036' }, '2026-06-10').ok).toBe(true);
  });

  it('says it in Vietnamese first, then English', () => {
    expect(bilingual('doc_effective_before_issued', { issued: '05/06/2026', effective: '01/06/2026' })).toMatch(/^Ngày hiệu lực 01\/06\/2026 trước ngày ban hành[\s\S]*The effective date/);
  });
});
