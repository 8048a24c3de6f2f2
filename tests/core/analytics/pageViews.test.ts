import { describe, expect, it } from 'vitest';
import { ownerOfPage, viewedPage } from '../../../src/core/analytics/pageViews.js';

const sites = [
  { key: 'so-y-te', codePrefix: 'SYT' },
  { key: 'so-y-te-du-phong', codePrefix: 'SYTDP' },
  { key: 'huyen-a', codePrefix: 'HA' },
];

describe('the page a view was of, and whose', () => {
  it('reads home, article, section, site and search pages; files, feeds and the API are no page view', () => {
    expect(viewedPage('/vi/')).toEqual({ kind: 'home', ref: '' });
    expect(viewedPage('/vi/tin/syt-2026-00001')).toEqual({ kind: 'article', ref: 'SYT-2026-00001' });
    expect(viewedPage('/en/site/so-y-te')).toEqual({ kind: 'site', ref: 'so-y-te' });
    expect(viewedPage('/vi/tim-kiem')).toEqual({ kind: 'search', ref: '' });
    for (const path of ['/api/v1/items', '/vi/feed.rss', '/media/2026/11/a.jpg', '/vi/tin/A/B']) expect(viewedPage(path)).toBeNull();
  });

  it('at the province’s host, a component site’s own page and its articles are that site’s; the rest the province’s', () => {
    expect(ownerOfPage('/vi/don-vi/so-y-te', sites)).toBe('so-y-te');
    expect(ownerOfPage('/vi/tin/SYT-2026-00012', sites)).toBe('so-y-te');
    // The longest prefix wins: SYTDP is not SYT's.
    expect(ownerOfPage('/vi/tin/SYTDP-2026-00003', sites)).toBe('so-y-te-du-phong');
    expect(ownerOfPage('/vi/tin/HA-2026-00001', sites)).toBe('huyen-a');
    expect(ownerOfPage('/vi/tin/BP-2026-00001', sites)).toBeNull();
    expect(ownerOfPage('/vi/don-vi/khong-co', sites)).toBeNull();
    expect(ownerOfPage('/vi/', sites)).toBeNull();
  });
});
