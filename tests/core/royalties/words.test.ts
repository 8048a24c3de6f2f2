import { describe, expect, it } from 'vitest';
import { dongInWords, numberInWords } from '../../../src/core/royalties/words.js';

/** The footer of a payment sheet: amounts read as accounting offices write them. */
describe('amounts in Vietnamese words', () => {
  it.each([
    [0, 'Không đồng'],
    [5, 'Năm đồng'],
    [10, 'Mười đồng'],
    [15, 'Mười lăm đồng'],
    [21, 'Hai mươi mốt đồng'],
    [24, 'Hai mươi tư đồng'],
    [55, 'Năm mươi lăm đồng'],
    [101, 'Một trăm linh một đồng'],
    [105, 'Một trăm linh năm đồng'],
    [110, 'Một trăm mười đồng'],
    [211, 'Hai trăm mười một đồng'],
    [1_000, 'Một nghìn đồng'],
    [1_005, 'Một nghìn không trăm linh năm đồng'],
    [1_050, 'Một nghìn không trăm năm mươi đồng'],
    [15_000, 'Mười lăm nghìn đồng'],
    [105_000, 'Một trăm linh năm nghìn đồng'],
    [234_000, 'Hai trăm ba mươi tư nghìn đồng'],
    [1_000_005, 'Một triệu không trăm linh năm đồng'],
    [1_010_000, 'Một triệu không trăm mười nghìn đồng'],
    [2_530_000, 'Hai triệu năm trăm ba mươi nghìn đồng'],
    [20_000_001, 'Hai mươi triệu không trăm linh một đồng'],
    [1_000_000_000, 'Một tỷ đồng'],
    [1_200_000_000, 'Một tỷ hai trăm triệu đồng'],
    [5_000_000_005, 'Năm tỷ không trăm linh năm đồng'],
    [1_000_000_000_000, 'Một nghìn tỷ đồng'],
    // A sheet of corrections alone, taking back more than it pays.
    [-126_500, 'Âm một trăm hai mươi sáu nghìn năm trăm đồng'],
  ])('%d', (n, words) => {
    expect(dongInWords(n)).toBe(words);
  });

  it('refuses what is not a whole amount', () => {
    for (const bad of [-1, 1.5, Number.NaN, Number.MAX_SAFE_INTEGER + 2]) expect(() => numberInWords(bad)).toThrow();
  });
});
