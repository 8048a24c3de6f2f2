import type { IncomingMessage } from 'node:http';
import type { Context, MiddlewareHandler } from 'hono';
import type { Deps } from '../app/deps.js';
import type { SiteRecord } from '../app/ports.js';
import { ownerOfPage } from '../core/analytics/pageViews.js';
import { hostName, requestHost, scopeOfHost, type HostScope } from '../core/portal/hosts.js';
import { peerOf } from './portal/postedForm.js';

/** Host headers remembered at most (a scanner sending made-up names fills it; it is then started afresh). */
const HOST_HEADERS_KEPT = 1000;
/** Sites are read again after this long even if nothing said they changed (as the page frame is). */
const SITES_KEPT_MS = 60_000;

/**
 * Which site each request's host serves. The sites are read once while the page cache's stamp stays (a site's
 * domain set or changed moves it: src/core/portal/changes.ts FRAME); a name no site has makes it read the trail first.
 * The last reading is kept for the fast path, which must decide without waiting.
 */
export class HostSites {
  private kept: { stamp: number; at: number; sites: Promise<SiteRecord[]> } | null = null;
  private last: SiteRecord[] | null = null;
  private readonly provinceHosts: ReadonlySet<string>;

  constructor(
    private readonly deps: Deps,
    private readonly stamp: () => number,
    provinceBase: string,
    readonly trustedProxies: ReadonlySet<string>,
    /** Reads the trail now (the page cache's check, at most every few hundred ms): the stamp then says what moved. */
    private readonly readChanges?: () => Promise<unknown>,
  ) {
    const own = hostName(new URL(provinceBase).host);
    this.provinceHosts = new Set(own ? [own] : []);
  }

  private sites(): Promise<SiteRecord[]> {
    const now = this.stamp();
    const at = performance.now();
    if (!this.kept || this.kept.stamp !== now || at - this.kept.at > SITES_KEPT_MS) {
      const entry = { stamp: now, at, sites: this.deps.store.sites() };
      this.kept = entry;
      entry.sites.then(
        (sites) => {
          if (this.kept === entry) this.last = sites;
        },
        () => {
          if (this.kept === entry) this.kept = null;
        },
      );
    }
    return this.kept.sites;
  }

  async scope(host: string | null): Promise<HostScope<SiteRecord>> {
    const found = scopeOfHost(host, await this.sites(), this.provinceHosts);
    if (found.kind !== 'unknown' || !this.readChanges) return found;
    // A name no site had when the sites were read may have just been given to one: its requests reach no kept page,
    // so nothing else would read the trail for them (a site moved to a new name answered there a minute late).
    await this.readChanges();
    return scopeOfHost(host, await this.sites(), this.provinceHosts);
  }

  /** From the last reading, for the fast path; null before the first (the app then decides). */
  scopeNow(host: string | null): HostScope<SiteRecord> | null {
    return this.last ? scopeOfHost(host, this.last, this.provinceHosts) : null;
  }

  /** Host headers already read: one lookup a request on the fast path instead of parsing them again. */
  private scopeOfHeader = { sites: null as SiteRecord[] | null, scopes: new Map<string, HostScope<SiteRecord>>() };

  /** The scope a raw request names, from the last reading (null before the first: the app then decides). */
  scopeOfRequest(req: IncomingMessage): HostScope<SiteRecord> | null {
    const forwarded = req.headers['x-forwarded-host'];
    // Only a request without X-Forwarded-Host is told by its Host header alone, so only those are remembered.
    const header = forwarded === undefined ? req.headers.host : undefined;
    if (this.scopeOfHeader.sites !== this.last || this.scopeOfHeader.scopes.size > HOST_HEADERS_KEPT) this.scopeOfHeader = { sites: this.last, scopes: new Map() };
    const known = header === undefined ? undefined : this.scopeOfHeader.scopes.get(header);
    if (known !== undefined) return known;
    const scope = this.scopeNow(requestHost(req.headers.host, Array.isArray(forwarded) ? forwarded[0] : forwarded, req.socket.remoteAddress ?? 'unknown', this.trustedProxies));
    if (header !== undefined && scope) this.scopeOfHeader.scopes.set(header, scope);
    return scope;
  }

  /** The key of the site whose host a request named (the province's for its own); null: not known here. */
  siteKeyOf(req: IncomingMessage): string | null {
    const scope = this.scopeOfRequest(req);
    return !scope || scope.kind === 'unknown' ? null : scope.kind === 'site' ? scope.site.key : (this.last?.[0]?.key ?? null);
  }

  /**
   * The site a served page is counted for: the host's, except at the province's host, where a component site's own
   * page or article counts for that site (ownerOfPage). Null: not known here.
   */
  pageSiteKeyOf(req: IncomingMessage): string | null {
    const hostKey = this.siteKeyOf(req);
    const province = this.last?.[0];
    if (hostKey === null || !this.last || !province || hostKey !== province.key) return hostKey;
    const url = req.url ?? '/';
    const queryAt = url.indexOf('?');
    return ownerOfPage(queryAt < 0 ? url : url.slice(0, queryAt), this.last) ?? hostKey;
  }

  hostOf(c: Context): string | null {
    return requestHost(c.req.header('Host'), c.req.header('X-Forwarded-Host'), peerOf(c), this.trustedProxies);
  }
}

/** The cache key prefix of a site's own host: its pages are never another host's, nor its old domain's after a change. */
export const hostKeyPrefix = (site: { key: string; domain: string | null }) => `@${site.key}@${site.domain ?? ''}`;

/** A name as the 404 page repeats it: a made-up 9,000-character Host header is not sent back twice. */
const shownHost = (host: string) => (host.length <= 100 ? host : `${host.slice(0, 60)}… (${host.length} ký tự / characters)`);

const UNKNOWN_HOST = (typed: string, host = shownHost(typed)) =>
  `<!doctype html><html lang="vi"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><meta name="robots" content="noindex"><title>Không có trang này / No such site</title></head><body><h1>Không có trang nào ở địa chỉ này</h1><p>Địa chỉ ${escapeText(host)} không thuộc cổng thông tin này.</p><h2 lang="en">No site at this address</h2><p lang="en">${escapeText(host)} is not served by this portal.</p></body></html>`;

const escapeText = (text: string) => text.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);

/**
 * Sends each request to the app of the host it named: the province's (the rest of the chain), a component site's
 * own, or a clear 404 for a name this portal does not serve — never another site's pages.
 */
export function byHost(hosts: HostSites, siteApp: (site: SiteRecord) => { fetch: (request: Request, env?: unknown) => Response | Promise<Response> }): MiddlewareHandler {
  return async (c, next) => {
    const host = hosts.hostOf(c);
    const scope = await hosts.scope(host);
    if (scope.kind === 'province') return next();
    if (scope.kind === 'unknown') return c.html(UNKNOWN_HOST(scope.host), 404, { 'Cache-Control': 'no-store' });
    return siteApp(scope.site).fetch(c.req.raw, c.env);
  };
}
