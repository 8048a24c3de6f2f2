import { describe, expect, it } from 'vitest';
import { makeMediaRef, mediaWarning, parseMediaRef, sortMediaRefs, storedMedia } from '../../src/core/mediaRef.js';

const SHA = 'a'.repeat(64);
const AT = new Date('2026-11-30T23:30:00Z');

describe('the one media reference format', () => {
  it('names a file by the month it came in (UTC), its content hash and its sniffed type, and reads it back', () => {
    const ref = makeMediaRef(SHA, 'jpg', AT);
    expect(ref).toBe(`2026-11/${SHA}.jpg`);
    expect(parseMediaRef(ref)).toEqual({ ok: true, media: { ref, kind: 'image', type: 'image/jpeg' } });
    expect(storedMedia(makeMediaRef(SHA, 'mp4', AT))?.kind).toBe('video');
    expect(storedMedia(makeMediaRef(SHA, 'pdf', AT))).toMatchObject({ kind: 'file', type: 'application/pdf' });
    expect(() => makeMediaRef(SHA, 'exe', AT)).toThrow();
    expect(() => makeMediaRef('../x', 'jpg', AT)).toThrow();
  });

  it('reads the refs the intake wrote before (yyyy/mm/…) as they are: revisions hash their refs, so they are never rewritten', () => {
    expect(parseMediaRef(`2026/11/${SHA}.jpg`)).toEqual({ ok: true, media: { ref: `2026/11/${SHA}.jpg`, kind: 'image', type: 'image/jpeg' } });
  });

  it('names every ref it cannot serve, and why, instead of dropping it', () => {
    const refs = [`2026-11/${SHA}.jpg`, 'telegram-file:AgAD', 'zalo-url:https://f.zdn.vn/x.jpg', `2026-11/${SHA}.exe`, `../2026-11/${SHA}.jpg`, `2026/11/${SHA}.mp4`];
    expect(sortMediaRefs(refs)).toEqual({
      media: [
        { ref: `2026-11/${SHA}.jpg`, kind: 'image', type: 'image/jpeg' },
        { ref: `2026/11/${SHA}.mp4`, kind: 'video', type: 'video/mp4' },
      ],
      problems: [
        { ref: 'telegram-file:AgAD', problem: 'platform_ref' },
        { ref: 'zalo-url:https://f.zdn.vn/x.jpg', problem: 'platform_ref' },
        { ref: `2026-11/${SHA}.exe`, problem: 'unknown_type' },
        { ref: `../2026-11/${SHA}.jpg`, problem: 'unknown_shape' },
      ],
    });
  });

  it('puts what cannot be shown in words on review cards, in either language, and says nothing when all is well', () => {
    const files = [{ ref: `2026-11/${SHA}.jpg`, name: 'a.jpg' }, { ref: 'telegram-file:AgAD', name: 'photo-12.jpg' }, { ref: 'zalo-url:https://f.zdn.vn/x' }];
    expect(mediaWarning('vi', files)).toBe('⚠️ 2 tệp sẽ KHÔNG hiện trên cổng và các kênh: photo-12.jpg (chưa tải về được từ nền tảng, cần gửi lại tệp); chưa tải về được từ nền tảng, cần gửi lại tệp');
    expect(mediaWarning('en', files.slice(1, 2))).toBe('⚠️ 1 file(s) will NOT show on the portal or the mirrors: photo-12.jpg (not downloaded from the platform, send the file again)');
    expect(mediaWarning('vi', files.slice(0, 1))).toBe('');
  });
});
