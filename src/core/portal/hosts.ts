/**
 * Which site a request's host name serves (Điều 3: each component site a portal of its own). A site with a
 * domain is served at the root of that host; the province's host, and the machine's own addresses (health
 * checks, the reverse proxy's probes), serve the province, which aggregates; any other name is no site here.
 */
import { unmapped } from '../interactions/rateWindow.js';

export interface HostedSite {
  id: string;
  key: string;
  domain: string | null;
}

/**
 * A site's host names as stored, comma-separated ("syt.dongnai.gov.vn,www.syt.dongnai.gov.vn"): each serves it; the
 * first is where its pages' addresses (canonical, feeds, sitemap, mirrors) point.
 */
export const hostNamesOf = (site: { domain: string | null }): string[] => (site.domain ? site.domain.split(',') : []);

export type HostScope<S extends HostedSite> = { kind: 'province' } | { kind: 'site'; site: S } | { kind: 'unknown'; host: string };

/** A Host header's name as domains are stored: lower case, no port, no trailing dot; IPv6 literals keep their brackets off. */
export function hostName(header: string | null | undefined): string | null {
  const raw = header?.split(',')[0]?.trim().toLowerCase();
  if (!raw) return null;
  const bracketed = /^\[([0-9a-f:.]+)\](?::\d+)?$/.exec(raw);
  if (bracketed) return bracketed[1] ?? null;
  const name = raw.replace(/:\d+$/, '').replace(/\.$/, '');
  return name === '' ? null : name;
}

const IPV4 = /^\d{1,3}(?:\.\d{1,3}){3}$/;
/** An IPv6 literal: hex digits and colons, two colons at least (`evil.example:x`, a port gone wrong, is none). */
const IPV6 = /^[0-9a-f]*:[0-9a-f:]*:[0-9a-f.]*$/;
const isAddress = (host: string) => IPV4.test(host) || IPV6.test(host);

/**
 * The scope of a host name. `provinceHosts`: the names the province answers to (its own domain and the
 * configured portal address's host). The province itself is never a "site" scope: its host is the aggregate.
 */
export function scopeOfHost<S extends HostedSite>(host: string | null, sites: readonly S[], provinceHosts: ReadonlySet<string>): HostScope<S> {
  if (host === null) return { kind: 'province' };
  const province = sites[0];
  if ((province && hostNamesOf(province).includes(host)) || provinceHosts.has(host) || host === 'localhost' || isAddress(host)) return { kind: 'province' };
  const site = sites.find((s, i) => i > 0 && hostNamesOf(s).includes(host));
  return site ? { kind: 'site', site } : { kind: 'unknown', host };
}

/**
 * Where a site's pages live: its own host under the portal's scheme, or the province's address for a site
 * without a domain (and for the province itself unless it has one).
 */
export function siteBaseUrl(provinceBase: string, site: { domain: string | null } | null | undefined): string {
  const first = site ? hostNamesOf(site)[0] : undefined;
  if (!first) return provinceBase;
  return `${new URL(provinceBase).protocol}//${first}`;
}

/**
 * The host the reader typed: a trusted proxy's X-Forwarded-Host, else the Host header. Of a list (a proxy that
 * appends, or two header lines), the last name: the one our proxy wrote; the ones before it came from the client.
 */
export function requestHost(hostHeader: string | undefined, forwardedHost: string | undefined, peer: string, trustedProxies: ReadonlySet<string>): string | null {
  if (forwardedHost && trustedProxies.has(unmapped(peer))) return hostName(forwardedHost.split(',').at(-1));
  return hostName(hostHeader);
}
