import { describe, expect, it } from 'vitest';
import { excerpt, paragraphsOf } from '../../../src/core/portal/text.js';

describe('submitted text as the portal draws it', () => {
  it('splits paragraphs on blank lines and keeps single line breaks inside them', () => {
    expect(paragraphsOf('Dòng một\nDòng hai\n\n\nĐoạn hai')).toEqual([[[{ text: 'Dòng một' }], [{ text: 'Dòng hai' }]], [[{ text: 'Đoạn hai' }]]]);
  });

  it('links web addresses, leaving sentence punctuation outside the link', () => {
    expect(paragraphsOf('Xem https://dongnai.gov.vn/tin?id=1. Hết')).toEqual([
      [[{ text: 'Xem ' }, { text: 'https://dongnai.gov.vn/tin?id=1', href: 'https://dongnai.gov.vn/tin?id=1' }, { text: '. Hết' }]],
    ]);
  });

  it('links nothing but http and https: javascript: and markup stay text', () => {
    const [[line]] = paragraphsOf('javascript:alert(1) <a href="javascript:x">a</a> data:text/html,<script>') as [[unknown[]]];
    expect(line).toEqual([{ text: 'javascript:alert(1) <a href="javascript:x">a</a> data:text/html,<script>' }]);
  });

  it('cuts an excerpt at a word boundary', () => {
    expect(excerpt('Một hai ba bốn năm sáu', 12)).toBe('Một hai ba…');
    expect(excerpt('  ngắn  gọn ', 50)).toBe('ngắn gọn');
  });

  it('gives a long body the same excerpt as folding all of it would, however much white space it starts with', () => {
    const words = Array.from({ length: 2000 }, (_, i) => `từ${i}`).join(' \n\t ');
    for (const lead of ['', ' '.repeat(10), '\n'.repeat(800), ' \t'.repeat(5000)]) {
      const text = `${lead}${words}`;
      const folded = text.replace(/\s+/g, ' ').trim();
      expect(excerpt(text, 180)).toBe(`${folded.slice(0, folded.slice(0, 179).lastIndexOf(' '))}…`);
    }
    // White space all the way to the end: no ellipsis, nothing cut.
    expect(excerpt(`${' '.repeat(3000)}Một câu ngắn.${'\n'.repeat(3000)}`, 180)).toBe('Một câu ngắn.');
  });
});
