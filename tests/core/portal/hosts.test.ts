import { describe, expect, it } from 'vitest';
import { hostName, requestHost, scopeOfHost, siteBaseUrl } from '../../../src/core/portal/hosts.js';

const sites = [
  { id: 'p', key: 'tinh', domain: 'dongnai.gov.vn' },
  { id: 'a', key: 'so-y-te', domain: 'soyte.dongnai.gov.vn' },
  { id: 'b', key: 'huyen-a', domain: null },
  { id: 'c', key: 'xa-b', domain: 'xab.dongnai.gov.vn' },
];
const provinceHosts = new Set(['portal.example.vn']);

describe('which site a host serves', () => {
  it.each([
    ['soyte.dongnai.gov.vn', 'site:so-y-te'],
    ['xab.dongnai.gov.vn', 'site:xa-b'],
    ['dongnai.gov.vn', 'province'],
    ['portal.example.vn', 'province'],
    ['127.0.0.1', 'province'],
    ['::1', 'province'],
    ['localhost', 'province'],
    ['evil.example.com', 'unknown'],
    // A name that ends like a site's is not that site.
    ['x.soyte.dongnai.gov.vn', 'unknown'],
    ['soyte.dongnai.gov.vn.evil.com', 'unknown'],
    // A port gone wrong is no address of this machine.
    ['evil.example:x', 'unknown'],
    ['soyte.dongnai.gov.vn:x', 'unknown'],
    ['fe80::1', 'province'],
  ])('%s → %s', (host, expected) => {
    const scope = scopeOfHost(host, sites, provinceHosts);
    expect(scope.kind === 'site' ? `site:${scope.site.key}` : scope.kind).toBe(expected);
  });

  it('a request without a Host header is the province’s', () => {
    expect(scopeOfHost(null, sites, provinceHosts).kind).toBe('province');
  });

  it('reads Host headers as browsers and proxies send them', () => {
    expect(hostName('SoYTe.DongNai.gov.vn:8443')).toBe('soyte.dongnai.gov.vn');
    expect(hostName('soyte.dongnai.gov.vn.')).toBe('soyte.dongnai.gov.vn');
    expect(hostName('[::1]:3000')).toBe('::1');
    expect(hostName('a.example, b.example')).toBe('a.example');
    expect(hostName('')).toBeNull();
    expect(hostName(undefined)).toBeNull();
  });

  it('believes X-Forwarded-Host only from a configured proxy', () => {
    const trusted = new Set(['10.0.0.2']);
    expect(requestHost('127.0.0.1:3000', 'soyte.dongnai.gov.vn', '10.0.0.2', trusted)).toBe('soyte.dongnai.gov.vn');
    expect(requestHost('127.0.0.1:3000', 'soyte.dongnai.gov.vn', '::ffff:10.0.0.2', trusted)).toBe('soyte.dongnai.gov.vn');
    expect(requestHost('portal.example.vn', 'soyte.dongnai.gov.vn', '203.0.113.9', trusted)).toBe('portal.example.vn');
    // A proxy that appends (Apache's mod_proxy), or the client's own line beside the proxy's: the last name is the proxy's.
    expect(requestHost('127.0.0.1:3000', 'evil.example, soyte.dongnai.gov.vn', '10.0.0.2', trusted)).toBe('soyte.dongnai.gov.vn');
  });

  it('a site’s address is its own host under the portal’s scheme; without a domain, the portal’s', () => {
    expect(siteBaseUrl('https://portal.example.vn', sites[1])).toBe('https://soyte.dongnai.gov.vn');
    expect(siteBaseUrl('http://127.0.0.1:3000', sites[1])).toBe('http://soyte.dongnai.gov.vn');
    expect(siteBaseUrl('https://portal.example.vn', sites[2])).toBe('https://portal.example.vn');
    expect(siteBaseUrl('https://portal.example.vn', null)).toBe('https://portal.example.vn');
  });
});
