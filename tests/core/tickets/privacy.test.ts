import { describe, expect, it } from 'vitest';
import { publicNameOf, withoutContactData, withoutSenderData } from '../../../src/core/tickets/privacy.js';

describe('what the public may read of a sender', () => {
  it.each([
    ['initials', 'N.V.A.'],
    ['given', 'An'],
    ['full', 'Nguyễn Văn An'],
    ['none', null],
  ] as const)('the name in mode %s reads %s', (mode, expected) => {
    expect(publicNameOf('  Nguyễn   Văn An ', mode)).toBe(expected);
  });

  it.each([
    ['Gọi tôi 0912 345 678 nhé', 'Gọi tôi […] nhé'],
    ['SĐT: +84 912.345.678.', 'SĐT: […].'],
    ['Văn phòng (0271) 3879 123', 'Văn phòng […]'],
    ['Thư: an.nguyen@example.vn', 'Thư: […]'],
    ['CCCD 079123456789 cấp ngày', 'CCCD […] cấp ngày'],
    ['Năm 2026 có 15 ngày', 'Năm 2026 có 15 ngày'],
    ['Quyết định 1234/QĐ-UBND', 'Quyết định 1234/QĐ-UBND'],
  ])('%s → %s', (text, expected) => {
    expect(withoutContactData(text)).toBe(expected);
  });

  it('blanks what the sender gave about themselves wherever it appears, the full name too', () => {
    const text = 'Tôi là nguyễn văn an, ở 12 Lê Lợi, Đồng Xoài; gọi 0912345678.';
    expect(withoutSenderData(text, { name: 'Nguyễn Văn An', phone: '0912345678', address: '12 Lê Lợi, Đồng Xoài' })).toBe('Tôi là […], ở […]; gọi […].');
  });
});
