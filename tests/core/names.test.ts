import { describe, expect, it } from 'vitest';
import { NAME_MAX, shownName } from '../../src/core/names.js';

/** Names platforms give (a Page's name) are shown, never refused: what could take over a terminal line is made visible. */
describe('a name another system gave, as the terminal shows it', () => {
  it.each([
    ['Cổng thông tin điện tử tỉnh', 'Cổng thông tin điện tử tỉnh'],
    ['abc\u202Efdp.exe', 'abc�fdp.exe'],
    ['Trang\u001b[31m đỏ', 'Trang�[31m đỏ'],
    ['Dòng 1\nDòng 2', 'Dòng 1�Dòng 2'],
    ['\u2066isolated\u2069', '�isolated�'],
  ])('%j → %j', (given, shown) => {
    expect(shownName(given)).toBe(shown);
  });

  it('clips a name longer than a line holds', () => {
    expect(shownName('x'.repeat(NAME_MAX + 50))).toBe(`${'x'.repeat(NAME_MAX)}…`);
  });
});
