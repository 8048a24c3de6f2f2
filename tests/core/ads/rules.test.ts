import { describe, expect, it } from 'vitest';
import { pickByWeight, pictureType, showsOn, targetProblem } from '../../../src/core/ads/rules.js';

describe('ad rules', () => {
  it('a zone’s ads rotate by weight: over many page views each is shown in proportion to its weight', () => {
    const ads = [{ id: 'a', weight: 60 }, { id: 'b', weight: 30 }, { id: 'c', weight: 10 }];
    const shown = { a: 0, b: 0, c: 0 };
    for (let i = 0; i < 10_000; i += 1) shown[pickByWeight(ads, i / 10_000)!.id as 'a' | 'b' | 'c'] += 1;
    expect(shown).toEqual({ a: 6_000, b: 3_000, c: 1_000 });
    expect(pickByWeight([], 0.5)).toBeNull();
    expect(pickByWeight([{ weight: 0 }], 0.5)).toBeNull();
  });

  it('an ad shows from its first day to its last, both included, and not a day outside', () => {
    const ad = { startDay: '2026-12-01', endDay: '2026-12-31' };
    expect(['2026-11-30', '2026-12-01', '2026-12-31', '2027-01-01'].map((d) => showsOn(ad, d))).toEqual([false, true, true, false]);
  });

  it('a click leads only to a web address', () => {
    for (const good of ['https://example.vn/le-hoi', 'http://so.gov.vn/a?b=c']) expect(targetProblem(good), good).toBe(false);
    for (const bad of ['javascript:alert(1)', 'data:text/html,hi', '/vi/tin/DN-1', 'https://user:pw@example.vn/', 'ftp://x.vn', `https://x.vn/${'a'.repeat(600)}`, 'không phải địa chỉ']) expect(targetProblem(bad), bad).toBe(true);
  });

  it('a picture is known by its first bytes, not its name', () => {
    expect(pictureType(Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a]))).toBe('image/png');
    expect(pictureType(Uint8Array.from([0xff, 0xd8, 0xff, 0xe0]))).toBe('image/jpeg');
    expect(pictureType(new TextEncoder().encode('GIF89a'))).toBe('image/gif');
    expect(pictureType(new TextEncoder().encode('RIFF\0\0\0\0WEBPVP8 '))).toBe('image/webp');
    expect(pictureType(new TextEncoder().encode('<svg onload="alert(1)">'))).toBeNull();
    expect(pictureType(new Uint8Array())).toBeNull();
  });
});
