import { describe, expect, it } from 'vitest';
import { royaltySheetDocx } from '../../../adapters/office/royaltySheetDocx.js';
import type { SheetDocument } from '../../../src/app/royalties/ports.js';
import { rowFactors } from '../../../src/core/royalties/rows.js';
import { readDocx } from '../../helpers/officeFiles.js';

/** A component site's work with encouragement: 1.5 × 253,000 × 20 % × 1.3 = 98,670. The document people sign shows every factor. */
const row = {
  itemId: 'i1', personId: 'p1', kind: 'author' as const, feeRole: null, penName: null, code: 'DX-2026-00002', title: 'Khánh thành trường', genreKey: 'tin-anh', coefficient: 150,
  unitValue: 253_000, sitePercent: 20, encouragementPercent: 30, sharePercent: 100, amount: 98_670, prior: 0, name: 'Đặng Thị Hoa', genreName: 'Tin có ảnh',
};
const doc: SheetDocument = {
  siteName: 'UBND TP. Đồng Xoài', held: [], month: '2026-12', state: 'draft', paymentDay: '2026-12-31', taxRuleFrom: '2026-07-01', gross: 98_670, tax: 0, net: 98_670,
  payees: [{ personId: 'p1', name: 'Đặng Thị Hoa', gross: 98_670, tax: 0, net: 98_670 }], rows: [row], builtBy: null, checkedBy: null, approvedBy: null,
};

describe('the royalty sheet for signing', () => {
  it('shows the site’s rate and the encouragement beside the coefficient, so the row adds up', async () => {
    const blocks = await readDocx(await royaltySheetDocx(doc));
    const [works = []] = blocks.flatMap((b) => ('table' in b ? [b.table] : []));
    expect(works[0]?.slice(5, 10)).toEqual(['Hệ số', 'Giá trị 1 hệ số', 'Mức của trang', 'Khuyến khích', 'Tỷ lệ']);
    expect(works.find((r) => r[1] === 'DX-2026-00002')?.slice(5)).toEqual(['1,5', '253.000', '20 %', '30 %', '100 %', '98.670']);
  });

  it('says the same in words where a row is read as a line (/nhuanbut, the terminal)', () => {
    expect(rowFactors(row, 'vi')).toBe(' × 20 % (mức của trang) × (1 + 30 % khuyến khích)');
    expect(rowFactors(row, 'en')).toBe(' × 20 % (the site’s rate) × (1 + 30 % encouragement)');
    expect(rowFactors({ sitePercent: 100, encouragementPercent: 0 }, 'vi')).toBe('');
  });
});
