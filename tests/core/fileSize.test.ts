import { describe, expect, it } from 'vitest';
import { limitText, sizeAgainstLimit } from '../../src/core/fileSize.js';

const MB = 1024 * 1024;

describe('file sizes in a refusal', () => {
  it('uses whole numbers only, so Vietnamese and English read them alike', () => {
    for (const size of [1, 1000, 1.1 * MB, 2 * MB + 1, 9.99 * MB, 20.4 * MB, 700 * MB]) {
      for (const limit of [1 * MB, 1.5 * MB, 20 * MB, 25.5 * MB]) {
        const shown = sizeAgainstLimit(Math.round(size), limit);
        expect(`${shown.size} ${shown.limit}`).toMatch(/^\d+ (KB|MB) \d+ (KB|MB)$/);
      }
    }
  });

  it('shows a file over its limit as more than the limit, in the same unit', () => {
    expect(sizeAgainstLimit(2 * MB + 1, 2 * MB)).toEqual({ size: '2049 KB', limit: '2048 KB' });
    expect(sizeAgainstLimit(2 * MB, 1 * MB)).toEqual({ size: '2 MB', limit: '1 MB' });
    expect(sizeAgainstLimit(Math.round(1.1 * MB), 1 * MB)).toEqual({ size: '1127 KB', limit: '1024 KB' });
    expect(sizeAgainstLimit(Math.round(20.4 * MB), 20 * MB)).toEqual({ size: '21 MB', limit: '20 MB' });
    expect(sizeAgainstLimit(Math.round(25.6 * MB), Math.round(25.5 * MB))).toEqual({ size: '26 MB', limit: '25 MB' });
    for (const [size, limit] of [[2 * MB + 1, 2 * MB], [20 * MB + 1, 20 * MB], [1025, 1024], [Math.round(25.51 * MB), Math.round(25.5 * MB)]] as const) {
      const shown = sizeAgainstLimit(size, limit);
      expect(Number.parseInt(shown.size, 10), `${size} against ${limit}`).toBeGreaterThan(Number.parseInt(shown.limit, 10));
    }
  });

  it('says "more than the limit" when only that much is known, and a limit alone in its plainest unit', () => {
    expect(sizeAgainstLimit(null, 20 * MB)).toEqual({ size: '> 20 MB', limit: '20 MB' });
    expect(limitText(1.5 * MB)).toBe('1536 KB');
    expect(limitText(80 * MB)).toBe('80 MB');
  });
});
