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
});
