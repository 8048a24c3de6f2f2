import { describe, expect, it } from 'vitest';
import { decodeCursor, encodeCursor } from '../../../src/core/portal/cursor.js';
import { articlePath, feedPath, translatePath } from '../../../src/core/portal/paths.js';

describe('portal addresses', () => {
  it('names pages in the reader’s language and finds the same page in the other', () => {
    expect(articlePath('vi', 'BP-2026-00001')).toBe('/vi/tin/BP-2026-00001');
    expect(translatePath('/vi/tin/BP-2026-00001', 'en')).toBe('/en/news/BP-2026-00001');
    expect(translatePath('/en/category/kinh-te', 'vi')).toBe('/vi/chuyen-muc/kinh-te');
    expect(translatePath('/vi/tim-kiem', 'en')).toBe('/en/search');
    expect(translatePath('/vi/', 'en')).toBe('/en/');
    expect(translatePath('/vi/khong-co/x', 'en')).toBe('/en/');
  });

  it('puts feeds beside the list they follow', () => {
    expect(feedPath('/vi/', 'rss')).toBe('/vi/feed.rss');
    expect(feedPath('/en/category/economy', 'json')).toBe('/en/category/economy/feed.json');
  });

  it('reads back only cursors it wrote', () => {
    const cursor = { publishedAt: new Date('2026-11-30T02:00:00Z'), itemId: 'abc' };
    expect(decodeCursor(encodeCursor(cursor))).toEqual(cursor);
    for (const bad of ['', 'xyz', Buffer.from('[1,2]').toString('base64url'), Buffer.from('["nope","id"]').toString('base64url')]) expect(decodeCursor(bad)).toBeNull();
  });

});
