import type { IncomingMessage } from 'node:http';
import type { PageViewCounter } from '../app/analytics/pageViewCounter.js';
import { senderAddress } from '../core/interactions/rateWindow.js';
import type { HostSites } from './hostRouting.js';

/** A served page told to the counter, with the site it belongs to (HostSites.pageSiteKeyOf) and the reader's address as a trusted proxy gives it. */
export function pageViewsOf(counter: PageViewCounter, hosts: HostSites, trustedProxies: ReadonlySet<string>): (req: IncomingMessage) => void {
  return (req) => {
    const siteKey = hosts.pageSiteKeyOf(req);
    if (siteKey === null) return;
    const forwarded = req.headers['x-forwarded-for'];
    const address = senderAddress(req.socket.remoteAddress ?? 'unknown', Array.isArray(forwarded) ? forwarded.join(',') : forwarded, trustedProxies);
    counter.seen({ siteKey, url: req.url ?? '/', address, userAgent: req.headers['user-agent'] ?? '' });
  };
}
