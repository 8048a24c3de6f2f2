import { createHmac, randomBytes } from 'node:crypto';
import { BoundedMap } from '../../core/boundedMap.js';
import { COUNT_ONCE_PER_MS, NETWORK_READERS_PER_AD, READER_EVENTS_PER_MINUTE, hourOf, type AdEvent } from '../../core/ads/rules.js';
import { RateWindow, networkOf } from '../../core/interactions/rateWindow.js';
import type { AdHourCounts, AdStore } from './ports.js';

/** Readers remembered at once for de-duplication: a few MB, whatever a flood sends. */
const SEEN_MAX = 200_000;
const READERS_MAX = 50_000;
const NETWORK_SLOTS_MAX = 100_000;

/** The network part of a reader ("network.browser"): the same for every browser behind one address. */
export const networkOfReader = (reader: string): string => reader.slice(0, Math.max(0, reader.indexOf('.')));

/**
 * Impressions, views and clicks counted in this process's memory and added to the hour rows by the
 * flush job (`ads-counts`). A reader is a salted hash of their network and browser, the salt drawn
 * at random each UTC day and never written anywhere: no address is stored, no cookie set. Each event
 * counts once per reader and ad in its window (an hour; a day for clicks), a view only after an
 * impression of that ad, nothing past a reader's share of the minute, and at most
 * NETWORK_READERS_PER_AD readers per network, so a browser name changed at each request counts no more.
 */
export class AdCounter {
  private salt = { day: '', key: Buffer.alloc(0) };
  private readonly seen = new BoundedMap<string, number>(SEEN_MAX);
  private readonly readers = new RateWindow(READER_EVENTS_PER_MINUTE, 60_000, READERS_MAX);
  private readonly networks = new BoundedMap<string, { since: number; readers: number }>(NETWORK_SLOTS_MAX);
  private pending = new Map<string, AdHourCounts>();

  constructor(private readonly clock: () => Date) {}

  /** The reader behind a request, "network.browser": today's salted hashes of their network (an IPv6 /64), and of it with their browser. */
  readerOf(address: string, userAgent: string): string {
    const day = this.clock().toISOString().slice(0, 10);
    if (this.salt.day !== day) this.salt = { day, key: randomBytes(32) };
    const network = networkOf(address);
    const hash = (...parts: string[]) => createHmac('sha256', this.salt.key).update(parts.join('\n')).digest('base64url');
    return `${hash(network).slice(0, 16)}.${hash(network, userAgent.slice(0, 300)).slice(0, 22)}`;
  }

  /** Counts the event if this reader has not had it counted for this ad within its window; whether it counted. */
  count(reader: string, adId: string, event: AdEvent): boolean {
    const now = this.clock().getTime();
    if (!this.readers.take(reader, now)) return false;
    if (event === 'view') {
      const shown = this.seen.get(`${reader}|${adId}|impression`);
      if (shown === undefined || now - shown >= COUNT_ONCE_PER_MS.impression) return false;
    }
    const key = `${reader}|${adId}|${event}`;
    const last = this.seen.get(key);
    if (last !== undefined && now - last < COUNT_ONCE_PER_MS[event]) return false;
    if (!this.networkMayCount(networkOfReader(reader), adId, event, now)) return false;
    this.seen.set(key, now);
    const hour = hourOf(new Date(now));
    const slot = `${adId}|${hour}`;
    const row = this.pending.get(slot) ?? { adId, hour, impressions: 0, views: 0, clicks: 0 };
    if (event === 'impression') row.impressions += 1;
    else if (event === 'view') row.views += 1;
    else row.clicks += 1;
    this.pending.set(slot, row);
    return true;
  }

  private networkMayCount(network: string, adId: string, event: AdEvent, now: number): boolean {
    const key = `${network}|${adId}|${event}`;
    const slot = this.networks.get(key);
    if (slot === undefined || now - slot.since >= COUNT_ONCE_PER_MS[event]) {
      this.networks.set(key, { since: now, readers: 1 });
      return true;
    }
    if (slot.readers >= NETWORK_READERS_PER_AD) return false;
    slot.readers += 1;
    return true;
  }

  /** Adds what was counted since the last flush to the hour rows; kept for the next flush if the database refuses. */
  async flush(store: Pick<AdStore, 'addAdCounts'>): Promise<number> {
    if (this.pending.size === 0) return 0;
    const rows = [...this.pending.values()];
    this.pending = new Map();
    try {
      await store.addAdCounts(rows);
      return rows.length;
    } catch (error) {
      for (const r of rows) {
        const now = this.pending.get(`${r.adId}|${r.hour}`);
        this.pending.set(`${r.adId}|${r.hour}`, now ? { ...r, impressions: r.impressions + now.impressions, views: r.views + now.views, clicks: r.clicks + now.clicks } : r);
      }
      throw error;
    }
  }
}
