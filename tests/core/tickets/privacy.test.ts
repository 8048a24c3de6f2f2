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

describe('addresses and names inside what a citizen wrote', () => {
  it.each([
    ['Nhà tôi ở số 12 đường Lê Lợi, phường Tân Phú.', 'Nhà tôi ở […], phường Tân Phú.'],
    ['Đèn trước nhà 45 Trần Hưng Đạo hỏng.', 'Đèn trước nhà […] hỏng.'],
    ['Hẻm 12/3 Nguyễn Trãi ngập.', 'Hẻm […] ngập.'],
    ['Năm 2026 có 15 ngày nghỉ', 'Năm 2026 có 15 ngày nghỉ'],
    ['Theo Quyết định số 1234/QĐ-UBND của UBND tỉnh', 'Theo Quyết định số 1234/QĐ-UBND của UBND tỉnh'],
    ['Theo Điều 12 Luật Đất đai 2024', 'Theo Điều 12 Luật Đất đai 2024'],
    ['Nghị định số 15 của Chính phủ', 'Nghị định số 15 của Chính phủ'],
  ])('%s → %s', (text, expected) => {
    expect(withoutSenderData(text, { name: 'X Y' })).toBe(expected);
  });

  it('a part of the given address, and the given name after an honorific, are blanked too', () => {
    const sender = { name: 'Trần Văn Bình', address: 'Số 45 đường Hùng Vương, phường Tân Phú' };
    expect(withoutSenderData('Đèn trước nhà tôi ở phường Tân Phú hỏng. Ông Bình rất mong sớm sửa.', sender)).toBe('Đèn trước nhà tôi ở […] hỏng. Ông […] rất mong sớm sửa.');
    expect(withoutSenderData('Bình Dương và Bình Phước', sender)).toBe('Bình Dương và Bình Phước');
  });
});
