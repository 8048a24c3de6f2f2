import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { isIP, type LookupFunction } from 'node:net';
import { Readable } from 'node:stream';
import { hostAllowed, isPublicAddress } from './core/outbound.js';

/** A URL, or a hop it redirected to, that the policy does not let the hub fetch. */
export class OutboundRefused extends Error {
  constructor(
    readonly host: string,
    readonly why: 'scheme' | 'host' | 'address' | 'redirects',
  ) {
    super(`outbound fetch refused (${why}): ${host}`);
  }
}

/** How a download is made: `fetch` fits, and so does the guarded one below. */
export type Download = (url: string, init: { signal: AbortSignal }) => Promise<Response>;

const MAX_REDIRECTS = 5;

/**
 * Resolves like the system does, then refuses the connection when any address is private: the check
 * is made on the address actually connected to, so a name that resolves differently the second time
 * (DNS rebinding) gains nothing.
 */
const publicOnlyLookup: LookupFunction = (hostname, options, callback) => {
  dnsLookup(hostname, { ...options, all: true }, (error, addresses: LookupAddress[]) => {
    if (error) return callback(error, '', 4);
    const closed = addresses.find((a) => !isPublicAddress(a.address));
    if (closed || addresses.length === 0) return callback(new OutboundRefused(hostname, 'address'), '', 4);
    if (options.all) return (callback as unknown as (e: null, all: LookupAddress[]) => void)(null, addresses);
    const first = addresses[0]!;
    return callback(null, first.address, first.family);
  });
};

function checkHop(url: URL, hosts: readonly string[]): void {
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new OutboundRefused(url.hostname, 'scheme');
  if (url.username || url.password || !hostAllowed(url.hostname, hosts)) throw new OutboundRefused(url.hostname, 'host');
}

function get(url: URL, signal: AbortSignal, trustedAddress: boolean): Promise<IncomingMessage> {
  const request = url.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise((resolve, reject) => {
    // An address listed as such is taken as configured (a test's 127.0.0.1); a name goes through the check.
    const req = request(url, { method: 'GET', signal, ...(trustedAddress ? {} : { lookup: publicOnlyLookup }) }, resolve);
    req.on('error', reject);
    req.end();
  });
}

/**
 * A download of a user-supplied URL: only from `hosts` (each with its subdomains), never from an
 * address inside our network, and every redirect hop is checked the same way before it is followed.
 */
export function guardedDownload(hosts: readonly string[]): Download {
  return async (input, init) => {
    let url = new URL(input);
    for (let hop = 0; ; hop++) {
      checkHop(url, hosts);
      const host = url.hostname.replace(/^\[|\]$/g, '');
      const response = await get(url, init.signal, isIP(host) !== 0);
      const status = response.statusCode ?? 0;
      const location = response.headers.location;
      if (status >= 300 && status < 400 && location) {
        response.resume();
        if (hop >= MAX_REDIRECTS) throw new OutboundRefused(url.hostname, 'redirects');
        url = new URL(location, url);
        continue;
      }
      const headers = new Headers();
      for (const [name, value] of Object.entries(response.headers)) if (typeof value === 'string') headers.set(name, value);
      if (status < 200 || status >= 300) {
        response.resume();
        return new Response(null, { status: status >= 200 && status <= 599 ? status : 502, headers });
      }
      if (status === 204 || status === 205) return new Response(null, { status, headers });
      return new Response(Readable.toWeb(response) as ReadableStream<Uint8Array>, { status, headers });
    }
  };
}
