import { termsConfirmed } from '../../../src/core/royalties/work.js';
import { describe, expect, it } from 'vitest';
import { coefficientProblem, formatCoefficient, inForce, parseCoefficient, unitValue } from '../../../src/core/royalties/frame.js';
import { notesFrame } from '../../fixtures/royalties/frame.js';
import { buildSheet, priorKey, splitByShares, withheld, workRoyalty, type PaidWork, type Payee } from '../../../src/core/royalties/money.js';

/**
 * The rules as ../shared/notes/money-and-reports.md §1 states them, figures worked by hand:
 * one unit = 10 % of the base salary (2,340,000 from 01/07/2024, 2,530,000 from 01/07/2026);
 * tax 10 % on a payment of ≥ 2,000,000 until 30/06/2026 and ≥ 5,000,000 from 01/07/2026, 20 % for
 * non-residents, none under a signed commitment; a department site pays 20 % of the portal's rates.
 */
const FRAME = notesFrame([{ key: 'tin-anh', nameVi: 'Tin có ảnh', nameEn: 'News with photo', min: 120, max: 250 }]);
const RESIDENT = { nonResident: false, taxWaiver: false };
const before = inForce(FRAME.taxes, '2026-06-30')!;
const after = inForce(FRAME.taxes, '2026-07-01')!;

describe('tax withheld on one payment', () => {
  it.each([
    ['30/06/2026, just under 2,000,000', before, 1_999_999, RESIDENT, 0],
    ['30/06/2026, at 2,000,000', before, 2_000_000, RESIDENT, 200_000],
    ['30/06/2026, 3,000,005 (rounded to the đồng)', before, 3_000_005, RESIDENT, 300_001],
    ['01/07/2026, 2,000,000 no longer taxed', after, 2_000_000, RESIDENT, 0],
    ['01/07/2026, just under 5,000,000', after, 4_999_999, RESIDENT, 0],
    ['01/07/2026, at 5,000,000', after, 5_000_000, RESIDENT, 500_000],
    ['a non-resident, any amount, before', before, 1_000_000, { nonResident: true, taxWaiver: false }, 200_000],
    ['a non-resident, any amount, after', after, 1_000_000, { nonResident: true, taxWaiver: false }, 200_000],
    ['a signed commitment waives it', after, 9_000_000, { nonResident: false, taxWaiver: true }, 0],
  ] as const)('%s', (_name, rule, gross, payee, tax) => {
    expect(withheld(gross, payee, rule)).toBe(tax);
  });
});

describe('what a work earns', () => {
  it('one unit is 234,000 before 01/07/2026 and 253,000 from that day; nothing before the first period', () => {
    expect(unitValue(FRAME, '2026-06-30')).toBe(234_000);
    expect(unitValue(FRAME, '2026-07-01')).toBe(253_000);
    expect(unitValue(FRAME, '2024-06-30')).toBeNull();
  });
  it.each([
    ['1.5 at 234,000 on the portal', 150, 234_000, 100, 0, 351_000],
    ['1.5 at 253,000 on the portal', 150, 253_000, 100, 0, 379_500],
    ['1.5 at 253,000 on a department site (20 %)', 150, 253_000, 20, 0, 75_900],
    ['1.5 at 253,000 with +30 % encouragement', 150, 253_000, 100, 30, 493_350],
    ['1.01 at 253,000, 20 %, +30 %: 66,437.8 rounds to 66,438', 101, 253_000, 20, 30, 66_438],
  ] as const)('%s', (_name, coefficient, unit, percent, encouragement, amount) => {
    expect(workRoyalty(coefficient, unit, percent, encouragement)).toBe(amount);
  });
  it('co-authors 50/30/20 get whole đồng that sum to the work’s royalty', () => {
    // 51,106 × 50/30/20 = 25,553 / 15,331.8 / 10,221.2: the đồng left goes to the largest remainder.
    expect(splitByShares(51_106, [50, 30, 20])).toEqual([25_553, 15_332, 10_221]);
    expect(splitByShares(100, [33, 33, 34])).toEqual([33, 33, 34]);
    expect(splitByShares(10, [33, 33, 34])).toEqual([3, 3, 4]);
    for (const total of [1, 7, 99_999, 1_234_567]) expect(splitByShares(total, [50, 30, 20]).reduce((a, b) => a + b, 0)).toBe(total);
  });
  it('coefficients as people type them, and the frame of a genre', () => {
    expect(parseCoefficient('1,5')).toBe(150);
    expect(parseCoefficient('1.25')).toBe(125);
    expect(parseCoefficient('2')).toBe(200);
    for (const bad of ['', '-1', '1.234', 'abc', '1,5,2']) expect(parseCoefficient(bad), bad).toBeNull();
    expect(formatCoefficient(150, 'vi')).toBe('1,5');
    expect(formatCoefficient(125, 'en')).toBe('1.25');
    expect(formatCoefficient(105, 'vi')).toBe('1,05');
    expect(coefficientProblem(FRAME.genres[0]!, 110)).toBe('below_frame');
    expect(coefficientProblem(FRAME.genres[0]!, 250)).toBeNull();
    expect(coefficientProblem(FRAME.genres[0]!, 260)).toBe('above_frame');
  });
});

describe('the month’s sheet', () => {
  const work = (code: string, rateDay: string, authors: PaidWork['authors'], extra: Partial<PaidWork> = {}): PaidWork => ({
    itemId: `item-${code}`, code, title: `Tin ${code}`, genreKey: 'tin-anh', coefficient: 150, encouragementPercent: 0, siteKind: 'province', rateDay, authors, fees: [], ...extra,
  });
  const payees: Payee[] = [
    { personId: 'lan', name: 'Nguyễn Thị Lan', ...RESIDENT },
    { personId: 'minh', name: 'Trần Minh', ...RESIDENT },
    { personId: 'kim', name: 'Kim Lee', nonResident: true, taxWaiver: false },
  ];

  it('two works of one month either side of the base-salary change are each priced by their own day', () => {
    const r = buildSheet(FRAME, [work('DN-1', '2026-06-30', [{ personId: 'lan', sharePercent: 100 }]), work('DN-2', '2026-07-01', [{ personId: 'lan', sharePercent: 100 }])], payees, '2026-07-31');
    if (!r.ok) throw new Error(JSON.stringify(r.problem));
    expect(r.sheet.rows.map((x) => [x.code, x.unitValue, x.amount])).toEqual([['DN-1', 234_000, 351_000], ['DN-2', 253_000, 379_500]]);
    expect(r.sheet.payees).toEqual([{ personId: 'lan', name: 'Nguyễn Thị Lan', gross: 730_500, tax: 0, net: 730_500 }]);
    expect(r.sheet.netInWords).toBe('Bảy trăm ba mươi nghìn năm trăm đồng');
  });

  it('one person’s month is one payment: taxed on the total under the rule of the payment day', () => {
    // Six works at 1.5 × 234,000 = 2,106,000 in June: over 2,000,000 if paid on 30/06, under 5,000,000 if paid on 01/07.
    const june = Array.from({ length: 6 }, (_, i) => work(`DN-${i + 1}`, '2026-06-15', [{ personId: 'minh', sharePercent: 100 }]));
    const paidJune = buildSheet(FRAME, june, payees, '2026-06-30');
    const paidJuly = buildSheet(FRAME, june, payees, '2026-07-01');
    if (!paidJune.ok || !paidJuly.ok) throw new Error('not priced');
    expect(paidJune.sheet.payees[0]).toMatchObject({ gross: 2_106_000, tax: 210_600, net: 1_895_400 });
    expect(paidJune.sheet.taxRuleFrom).toBe('2014-01-01');
    expect(paidJuly.sheet.payees[0]).toMatchObject({ gross: 2_106_000, tax: 0, net: 2_106_000 });
    expect(paidJuly.sheet.taxRuleFrom).toBe('2026-07-01');
  });

  it('co-authors, a department site and a non-resident: rows, totals and the words reconcile', () => {
    const r = buildSheet(FRAME, [work('SYT-1', '2026-08-03', [{ personId: 'lan', sharePercent: 50 }, { personId: 'minh', sharePercent: 30 }, { personId: 'kim', sharePercent: 20 }], { coefficient: 101, siteKind: 'department', encouragementPercent: 30 })], payees, '2026-08-31');
    if (!r.ok) throw new Error(JSON.stringify(r.problem));
    // 1.01 × 253,000 × 20 % × 130 % = 66,437.8 → 66,438; split 33,219 / 19,931.4 / 13,287.6.
    expect(r.sheet.rows.map((x) => [x.personId, x.amount])).toEqual([['lan', 33_219], ['minh', 19_931], ['kim', 13_288]]);
    expect(r.sheet.gross).toBe(66_438);
    expect(r.sheet.payees.find((p) => p.personId === 'kim')).toMatchObject({ gross: 13_288, tax: 2_658, net: 10_630 });
    expect(r.sheet.net).toBe(66_438 - 2_658);
    expect(r.sheet.netInWords).toBe('Sáu mươi ba nghìn bảy trăm tám mươi đồng');
  });

  it('an approved sheet is never paid twice: a work paid in full gives no row, changed terms an adjustment for the difference', () => {
    const first = work('DN-1', '2026-07-02', [{ personId: 'lan', sharePercent: 100 }]);
    // Paid in July at 1.5 × 253,000 = 379,500.
    const paid = new Map([[priorKey('item-DN-1', 'lan'), 379_500]]);
    const again = buildSheet(FRAME, [first], payees, '2026-08-31', paid);
    if (!again.ok) throw new Error(JSON.stringify(again.problem));
    expect(again.sheet.rows).toEqual([]);
    expect(again.sheet.net).toBe(0);
    // The coefficient raised to 2.0 and Minh added at 40 %: Lan gets 303,600 − 379,500 back off, Minh his 202,400.
    const raised = buildSheet(FRAME, [{ ...first, coefficient: 200, authors: [{ personId: 'lan', sharePercent: 60 }, { personId: 'minh', sharePercent: 40 }] }], payees, '2026-08-31', paid);
    if (!raised.ok) throw new Error(JSON.stringify(raised.problem));
    expect(raised.sheet.rows.map((x) => [x.personId, x.amount, x.prior])).toEqual([['lan', -75_900, 379_500], ['minh', 202_400, 0]]);
    expect(raised.sheet.payees.find((p) => p.personId === 'lan')).toMatchObject({ gross: -75_900, tax: 0, net: -75_900 });
    // An author taken off returns what they had.
    const removed = buildSheet(FRAME, [{ ...first, authors: [{ personId: 'minh', sharePercent: 100 }] }], payees, '2026-08-31', paid);
    if (!removed.ok) throw new Error(JSON.stringify(removed.problem));
    expect(removed.sheet.rows.map((x) => [x.personId, x.amount])).toEqual([['minh', 379_500], ['lan', -379_500]]);
    expect(removed.sheet.gross).toBe(0);
  });

  it('what the frame cannot price is refused, naming it', () => {
    expect(buildSheet(FRAME, [work('DN-9', '2026-07-02', [{ personId: 'lan', sharePercent: 60 }, { personId: 'minh', sharePercent: 30 }])], payees, '2026-07-31')).toEqual({ ok: false, problem: { kind: 'shares_not_100', code: 'DN-9', sum: 90 } });
    expect(buildSheet(FRAME, [work('DN-8', '2024-01-02', [{ personId: 'lan', sharePercent: 100 }])], payees, '2026-07-31')).toEqual({ ok: false, problem: { kind: 'no_salary', day: '2024-01-02' } });
    expect(buildSheet(FRAME, [work('DN-7', '2026-07-02', [{ personId: 'ghost', sharePercent: 100 }])], payees, '2026-07-31')).toEqual({ ok: false, problem: { kind: 'unknown_payee', personId: 'ghost' } });
    expect(buildSheet({ ...FRAME, taxes: [] }, [], payees, '2026-07-31')).toEqual({ ok: false, problem: { kind: 'no_tax_rule', day: '2026-07-31' } });
  });
});

describe('when a work’s terms stand for the sheet', () => {
  const published = new Date('2026-11-30T02:00:00Z');
  it('set by a publisher, or proposed before publication and published with them; a later proposal waits', () => {
    expect(termsConfirmed({ confirmedAt: new Date('2026-12-05T00:00:00Z'), updatedAt: new Date('2026-12-05T00:00:00Z') }, published)).toBe(true);
    expect(termsConfirmed({ confirmedAt: null, updatedAt: new Date('2026-11-30T01:00:00Z') }, published)).toBe(true);
    expect(termsConfirmed({ confirmedAt: null, updatedAt: new Date('2026-12-01T01:00:00Z') }, published)).toBe(false);
  });
});
