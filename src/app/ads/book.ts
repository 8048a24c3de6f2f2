import { localDay } from '../../core/dates.js';
import { pickByWeight, showsOn, type AdZone } from '../../core/ads/rules.js';
import type { Deps } from '../deps.js';
import type { AdRecord } from './ports.js';

/**
 * The ads live now, held in memory and read again by the `ads-book` job (every 30 s): choosing an
 * ad for a page costs no query. An ad stopped or past its last day is gone from the next reading on.
 */
export class AdBook {
  private bySite = new Map<string, Map<AdZone, AdRecord[]>>();
  private byId = new Map<string, AdRecord>();
  private day = '';
  private sites = new Map<string, string>();

  constructor(private readonly deps: Pick<Deps, 'store' | 'clock' | 'timeZone'>) {}

  async refresh(): Promise<number> {
    const now = this.deps.clock();
    const today = localDay(now, this.deps.timeZone);
    const ads = await this.deps.store.liveAds(today, today);
    const bySite = new Map<string, Map<AdZone, AdRecord[]>>();
    for (const ad of ads) {
      const zones = bySite.get(ad.siteId) ?? new Map<AdZone, AdRecord[]>();
      zones.set(ad.zone, [...(zones.get(ad.zone) ?? []), ad]);
      bySite.set(ad.siteId, zones);
    }
    this.bySite = bySite;
    this.sites = new Map((await this.deps.store.sites()).map((s) => [s.key, s.id]));
    this.byId = new Map(ads.map((a) => [a.id, a]));
    this.day = today;
    return ads.length;
  }

  /** One ad per zone asked for, by weight; only ads whose days include today (checked again, in case the book is a day old). */
  choose(siteId: string, zones: readonly AdZone[], roll: () => number): Map<AdZone, AdRecord> {
    const today = localDay(this.deps.clock(), this.deps.timeZone);
    const chosen = new Map<AdZone, AdRecord>();
    const ofSite = this.bySite.get(siteId);
    if (!ofSite) return chosen;
    for (const zone of zones) {
      const ad = pickByWeight((ofSite.get(zone) ?? []).filter((a) => showsOn(a, today)), roll());
      if (ad) chosen.set(zone, ad);
    }
    return chosen;
  }

  /** A site's id by its key, as of the last reading (a page's zones ask by key). */
  siteIdOf(key: string): string | null {
    return this.sites.get(key) ?? null;
  }

  /** A live ad by id (its picture, its click), or null once it is stopped or out of its days. */
  live(id: string): AdRecord | null {
    const ad = this.byId.get(id);
    return ad && showsOn(ad, localDay(this.deps.clock(), this.deps.timeZone)) ? ad : null;
  }

  /** The day the book was last read for (for health and tests). */
  readFor(): string {
    return this.day;
  }
}
