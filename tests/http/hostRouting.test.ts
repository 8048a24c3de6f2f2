import { describe, expect, it } from 'vitest';
import { hostKeyPrefix } from '../../src/http/hostRouting.js';

describe('kept pages per host', () => {
  it('files a site’s pages under its domain too: after a domain change, no page drawn for the old name is served at the new', () => {
    expect(hostKeyPrefix({ key: 'so-y-te', domain: 'soyte.dongnai.gov.vn' })).not.toBe(hostKeyPrefix({ key: 'so-y-te', domain: 'yte.dongnai.gov.vn' }));
    expect(hostKeyPrefix({ key: 'so-y-te', domain: 'soyte.dongnai.gov.vn' })).not.toBe(hostKeyPrefix({ key: 'so-gd', domain: 'soyte.dongnai.gov.vn' }));
    // The province's own pages have no prefix: every prefix starts with what no path does.
    expect(hostKeyPrefix({ key: 'so-y-te', domain: null }).startsWith('/')).toBe(false);
  });
});
