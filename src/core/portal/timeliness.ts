/**
 * Timeliness watch (issue 20, NĐ 224/2026 Điều 12): a site that published nothing for longer than its threshold
 * is listed to its board member and the standing agency every week.
 */

const DAY_MS = 86_400_000;

export interface StaleSite<S> {
  site: S;
  /** Its newest live publication; null: it has published nothing. */
  lastPublishedAt: Date | null;
  /** Whole days since then; null when it never published. */
  idleDays: number | null;
}

/**
 * The sites (in the order given) whose newest live publication is more than `days` days old, or that have none.
 * `last` maps a site's id to its newest live publication.
 */
export function staleSites<S extends { id: string }>(sites: readonly S[], last: ReadonlyMap<string, Date>, now: Date, days: number): StaleSite<S>[] {
  return sites.flatMap((site): StaleSite<S>[] => {
    const at = last.get(site.id) ?? null;
    if (at === null) return [{ site, lastPublishedAt: null, idleDays: null }];
    const idle = now.getTime() - at.getTime();
    return idle > days * DAY_MS ? [{ site, lastPublishedAt: at, idleDays: Math.floor(idle / DAY_MS) }] : [];
  });
}
