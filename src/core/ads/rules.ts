/**
 * Ads on the portal (seed Điều 14, NĐ 342/2025 Điều 17, Luật Quảng cáo sửa đổi 75/2025): named zones
 * outside article content, labelled, closable in one action, counted without third parties.
 */

/** Where an ad may stand: under the masthead, beside the content, between the items of a list. Never inside an article. */
export const AD_ZONES = ['header', 'sidebar', 'between'] as const;
export type AdZone = (typeof AD_ZONES)[number];
export const isAdZone = (value: string): value is AdZone => (AD_ZONES as readonly string[]).includes(value);

/** An ad as the portal serves it. */
export interface LiveAd {
  id: string;
  code: string;
  siteId: string;
  zone: AdZone;
  alt: string;
  width: number;
  height: number;
  weight: number;
  fixed: boolean;
  startDay: string;
  endDay: string;
}

/** Whether an ad is shown on a local day: between its first and last day, both included. */
export const showsOn = (ad: Pick<LiveAd, 'startDay' | 'endDay'>, day: string): boolean => ad.startDay <= day && day <= ad.endDay;

/** One ad of a zone, by weight: `roll` in [0, 1) picks it (Math.random in the server, fixed in tests). */
export function pickByWeight<T extends { weight: number }>(ads: readonly T[], roll: number): T | null {
  const total = ads.reduce((a, ad) => a + ad.weight, 0);
  if (total <= 0) return null;
  let at = roll * total;
  for (const ad of ads) {
    if (at < ad.weight) return ad;
    at -= ad.weight;
  }
  return ads[ads.length - 1] ?? null;
}

/** What a reader's visit can count, and how often per reader (AdRotate's rule, kept simple). */
export type AdEvent = 'impression' | 'view' | 'click';
export const COUNT_ONCE_PER_MS: Record<AdEvent, number> = { impression: 3_600_000, view: 3_600_000, click: 86_400_000 };
/** Ad requests one reader may make in a minute; beyond it nothing more is counted. */
export const READER_EVENTS_PER_MINUTE = 120;
/**
 * Readers one network (an address, an IPv6 /64) counts for one ad and event within the event's window:
 * an office behind one address has a few dozen people, and one machine rotating its browser name is
 * still one visitor, so past this nothing more from that network counts.
 */
export const NETWORK_READERS_PER_AD = 20;

/** The UTC hour an event is filed under: "2026-12-04T05". */
export const hourOf = (at: Date): string => at.toISOString().slice(0, 13);

/** A target must be a web address (no javascript:, data: or relative paths). */
export function targetProblem(url: string): boolean {
  try {
    const u = new URL(url);
    return !(u.protocol === 'https:' || u.protocol === 'http:') || u.username !== '' || u.password !== '' || url.length > 500;
  } catch {
    return true;
  }
}

/** The picture kinds an ad may be, by their first bytes. */
export function pictureType(bytes: Uint8Array): 'image/png' | 'image/jpeg' | 'image/webp' | 'image/gif' | null {
  const at = (i: number) => bytes[i] ?? -1;
  if (at(0) === 0x89 && at(1) === 0x50 && at(2) === 0x4e && at(3) === 0x47) return 'image/png';
  if (at(0) === 0xff && at(1) === 0xd8 && at(2) === 0xff) return 'image/jpeg';
  if (at(0) === 0x47 && at(1) === 0x49 && at(2) === 0x46) return 'image/gif';
  if (at(0) === 0x52 && at(1) === 0x49 && at(2) === 0x46 && at(3) === 0x46 && at(8) === 0x57 && at(9) === 0x45 && at(10) === 0x42 && at(11) === 0x50) return 'image/webp';
  return null;
}
