import { describe, expect, it } from 'vitest';
import type { Genre } from '../../../src/core/royalties/frame.js';
import { notesFrame } from '../../fixtures/royalties/frame.js';
import { buildSheet, priorKey, type PaidWork, type Payee } from '../../../src/core/royalties/money.js';
import { workTermsProblem, type WorkRoyaltyTerms } from '../../../src/core/royalties/work.js';
import { explain } from '../../../src/core/messages.js';

/**
 * Fees (thù lao) as ../shared/notes/money-and-reports.md §1 states them: they go to editors and others who
 * worked on or supplied a work, and an author's royalty must not be lower than the fee for related work on
 * the same genre. Priced like a royalty (coefficient × one unit, 10 % of the base salary; a department site
 * at 20 % of the portal's rates), and paid with the person's other money of the month as one payment for tax
 * (10 % from 2,000,000 until 30/06/2026). Figures worked by hand.
 */
const GENRES: Genre[] = [{ key: 'tin-anh', nameVi: 'Tin có ảnh', nameEn: 'News with photo', min: 100, max: 250 }];
const FRAME = notesFrame(GENRES);
const payees: Payee[] = [
  { personId: 'lan', name: 'Nguyễn Thị Lan', nonResident: false, taxWaiver: false },
  { personId: 'minh', name: 'Trần Minh (biên tập)', nonResident: false, taxWaiver: false },
  { personId: 'kim', name: 'Kim Lee', nonResident: true, taxWaiver: false },
];
const work = (code: string, rateDay: string, extra: Partial<PaidWork> = {}): PaidWork => ({
  itemId: `item-${code}`, code, title: `Tin ${code}`, genreKey: 'tin-anh', coefficient: 150, encouragementPercent: 0, siteKind: 'province', rateDay,
  authors: [{ personId: 'lan', sharePercent: 100 }], fees: [], ...extra,
});

describe('a work’s fees against the frame', () => {
  const terms = (fees: WorkRoyaltyTerms['fees'], coefficient = 150): WorkRoyaltyTerms => ({
    genreKey: 'tin-anh', coefficient, encouragementPercent: 0, encouragementReason: null, authors: [{ personId: 'lan', penName: null, sharePercent: 100 }], fees,
  });
  it.each([
    ['an editor at half a unit', [{ personId: 'minh', role: 'editing', coefficient: 50 }], null],
    ['a fee as high as the work itself', [{ personId: 'minh', role: 'photo', coefficient: 150 }], null],
    ['a fee above the work (the author would earn less than the editor)', [{ personId: 'minh', role: 'editing', coefficient: 151 }], 'royalty_fee_above_work'],
    ['three fees each at the whole work: each is checked on its own', [{ personId: 'minh', role: 'editing', coefficient: 150 }, { personId: 'kim', role: 'photo', coefficient: 150 }, { personId: 'an', role: 'supply', coefficient: 150 }], null],
    ['a fee of nothing', [{ personId: 'minh', role: 'editing', coefficient: 0 }], 'royalty_fee_above_work'],
    ['the author paid a fee on top for their own work', [{ personId: 'lan', role: 'editing', coefficient: 50 }], 'royalty_fee_author'],
    ['one person with two fees', [{ personId: 'minh', role: 'editing', coefficient: 50 }, { personId: 'minh', role: 'photo', coefficient: 50 }], 'royalty_fee_twice'],
    ['a kind of fee nobody knows', [{ personId: 'minh', role: 'catering', coefficient: 50 }], 'royalty_fee_role'],
  ] as const)('%s', (_, fees, refusal) => {
    // The unknown role is what a hostile or mistyped value looks like at the edge: the rules must refuse it too.
    const problem = workTermsProblem(GENRES, terms(fees as unknown as WorkRoyaltyTerms['fees']));
    expect(problem?.reason ?? null).toBe(refusal);
  });

  it('with co-authors, no fee is above the smallest author’s part: 2.0 shared 90/10 leaves the second author 0.2', () => {
    const shared = (coefficient: number): WorkRoyaltyTerms => ({
      ...terms([{ personId: 'minh', role: 'editing', coefficient }], 200),
      authors: [{ personId: 'lan', penName: null, sharePercent: 90 }, { personId: 'kim', penName: null, sharePercent: 10 }],
    });
    expect(workTermsProblem(GENRES, shared(20))).toBeNull();
    const refused = workTermsProblem(GENRES, shared(21));
    expect(refused).toMatchObject({ reason: 'royalty_fee_above_work', detail: { person: 'minh', coefficient: '0,21', work: '0,2' } });
    // Each language writes the decimals its own way.
    expect(explain('vi', refused!)).toContain('hệ số 0,21');
    expect(explain('en', refused!)).toContain('coefficient 0.21 must be above 0 and no higher than the smallest author’s part of the work (coefficient 0.2)');
  });

  it('a pen name that would disguise the sheet people sign is refused, shown with the character made visible', () => {
    const penned = (penName: string): WorkRoyaltyTerms => ({ ...terms([]), authors: [{ personId: 'lan', penName, sharePercent: 100 }] });
    expect(workTermsProblem(GENRES, penned('Hoa Sen'))).toBeNull();
    expect(workTermsProblem(GENRES, penned('\u202eevil'))).toMatchObject({ reason: 'royalty_bad_pen_name', detail: { pen: '�evil' } });
    expect(workTermsProblem(GENRES, penned('Hoa\nSen'))).toMatchObject({ reason: 'royalty_bad_pen_name' });
  });
});

describe('fees on the month’s sheet', () => {
  it('an editing fee of 0.5 on a portal work in August 2026 is 126,500 đồng, on a row of its own beside the author’s', () => {
    const r = buildSheet(FRAME, [work('DN-1', '2026-08-03', { fees: [{ personId: 'minh', role: 'editing', coefficient: 50 }] })], payees, '2026-08-31');
    if (!r.ok) throw new Error(JSON.stringify(r.problem));
    expect(r.sheet.rows.map((x) => [x.personId, x.kind, x.feeRole, x.coefficient, x.amount])).toEqual([
      ['lan', 'author', null, 150, 379_500],
      ['minh', 'fee', 'editing', 50, 126_500],
    ]);
    expect(r.sheet.gross).toBe(506_000);
  });

  it('a fee is never raised by the work’s encouragement, and a department site pays 20 % of it', () => {
    const r = buildSheet(FRAME, [work('SYT-1', '2026-08-03', { siteKind: 'department', encouragementPercent: 30, fees: [{ personId: 'kim', role: 'photo', coefficient: 100 }] })], payees, '2026-08-31');
    if (!r.ok) throw new Error(JSON.stringify(r.problem));
    // Author: 1.5 × 253,000 × 20 % × 130 % = 98,670. Photos: 1.0 × 253,000 × 20 % = 50,600; Kim is non-resident: 20 % withheld.
    expect(r.sheet.rows.map((x) => [x.personId, x.amount])).toEqual([['lan', 98_670], ['kim', 50_600]]);
    expect(r.sheet.payees.find((p) => p.personId === 'kim')).toMatchObject({ gross: 50_600, tax: 10_120, net: 40_480 });
  });

  it('a fee is part of the person’s one payment of the month: with it, an editor’s June passes the 2,000,000 threshold', () => {
    // Five works of Minh's own at 1.5 × 234,000 = 351,000: 1,755,000, under the threshold. His fee for editing Lan's work
    // at 1.5 adds 351,000: 2,106,000, taxed 10 % = 210,600.
    const own = Array.from({ length: 5 }, (_, i) => work(`DN-${i + 1}`, '2026-06-10', { authors: [{ personId: 'minh', sharePercent: 100 }] }));
    const without = buildSheet(FRAME, own, payees, '2026-06-30');
    const withFee = buildSheet(FRAME, [...own, work('DN-9', '2026-06-12', { fees: [{ personId: 'minh', role: 'editing', coefficient: 150 }] })], payees, '2026-06-30');
    if (!without.ok || !withFee.ok) throw new Error('not priced');
    expect(without.sheet.payees.find((p) => p.personId === 'minh')).toMatchObject({ gross: 1_755_000, tax: 0 });
    expect(withFee.sheet.payees.find((p) => p.personId === 'minh')).toMatchObject({ gross: 2_106_000, tax: 210_600, net: 1_895_400 });
  });

  it('after a sheet paid it: an unchanged fee gives no row, a changed one the difference, a removed one its whole back', () => {
    const paid = new Map([
      [priorKey('item-DN-1', 'lan'), 379_500],
      [priorKey('item-DN-1', 'minh', 'editing'), 126_500],
    ]);
    const same = buildSheet(FRAME, [work('DN-1', '2026-08-03', { fees: [{ personId: 'minh', role: 'editing', coefficient: 50 }] })], payees, '2026-09-30', paid);
    if (!same.ok) throw new Error(JSON.stringify(same.problem));
    expect(same.sheet.rows).toEqual([]);
    const raised = buildSheet(FRAME, [work('DN-1', '2026-08-03', { fees: [{ personId: 'minh', role: 'editing', coefficient: 100 }] })], payees, '2026-09-30', paid);
    if (!raised.ok) throw new Error(JSON.stringify(raised.problem));
    expect(raised.sheet.rows.map((x) => [x.personId, x.kind, x.amount, x.prior])).toEqual([['minh', 'fee', 126_500, 126_500]]);
    const removed = buildSheet(FRAME, [work('DN-1', '2026-08-03')], payees, '2026-09-30', paid);
    if (!removed.ok) throw new Error(JSON.stringify(removed.problem));
    expect(removed.sheet.rows.map((x) => [x.personId, x.kind, x.feeRole, x.amount])).toEqual([['minh', 'fee', 'editing', -126_500]]);
    // The fee changed from editing to photos: the editing fee comes back whole, the photo fee is paid whole.
    const changed = buildSheet(FRAME, [work('DN-1', '2026-08-03', { fees: [{ personId: 'minh', role: 'photo', coefficient: 100 }] })], payees, '2026-09-30', paid);
    if (!changed.ok) throw new Error(JSON.stringify(changed.problem));
    expect(changed.sheet.rows.map((x) => [x.personId, x.feeRole, x.amount, x.prior])).toEqual([['minh', 'photo', 253_000, 0], ['minh', 'editing', -126_500, 126_500]]);
  });

  it('a fee taken back gives back the tax withheld on it: a non-resident repays what they received, and a new payment the same month is taxed on its own', () => {
    // August: Kim's photo fee of 1.0 × 253,000 = 253,000, 20 % withheld (50,600), 202,400 received.
    const paid = new Map([[priorKey('item-DN-1', 'lan'), 379_500], [priorKey('item-DN-1', 'kim', 'photo'), 253_000]]);
    const taxed = new Map([[priorKey('item-DN-1', 'kim', 'photo'), 50_600]]);
    const alone = buildSheet(FRAME, [work('DN-1', '2026-08-03')], payees, '2026-09-30', paid, taxed);
    if (!alone.ok) throw new Error(JSON.stringify(alone.problem));
    expect(alone.sheet.payees).toEqual([{ personId: 'kim', name: 'Kim Lee', gross: -253_000, tax: -50_600, net: -202_400 }]);
    // The same month a new fee of 1.5 on another work: 379,500 taxed 75,900; back 50,600: 25,300 withheld, 101,200 net
    // (303,600 received for the new work, 202,400 repaid for the old).
    const mixed = buildSheet(FRAME, [work('DN-1', '2026-08-03'), work('DN-2', '2026-09-03', { fees: [{ personId: 'kim', role: 'photo', coefficient: 150 }] })], payees, '2026-09-30', paid, taxed);
    if (!mixed.ok) throw new Error(JSON.stringify(mixed.problem));
    expect(mixed.sheet.payees.find((p) => p.personId === 'kim')).toMatchObject({ gross: 126_500, tax: 25_300, net: 101_200 });
  });

  it('an editor who became a co-author keeps the fee apart from the royalty: each row settles on its own', () => {
    const paid = new Map([[priorKey('item-DN-1', 'minh', 'editing'), 126_500], [priorKey('item-DN-1', 'lan'), 379_500]]);
    const r = buildSheet(FRAME, [work('DN-1', '2026-08-03', { authors: [{ personId: 'lan', sharePercent: 60 }, { personId: 'minh', sharePercent: 40 }] })], payees, '2026-09-30', paid);
    if (!r.ok) throw new Error(JSON.stringify(r.problem));
    // 379,500 split 60/40: Lan 227,700 (−151,800), Minh 151,800 as author; his fee comes back (−126,500).
    expect(r.sheet.rows.map((x) => [x.personId, x.kind, x.amount])).toEqual([['lan', 'author', -151_800], ['minh', 'author', 151_800], ['minh', 'fee', -126_500]]);
    expect(r.sheet.payees.find((p) => p.personId === 'minh')?.gross).toBe(25_300);
  });
});
