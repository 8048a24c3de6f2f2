/**
 * Timeliness watch (issue 20, NĐ 224/2026 Điều 12): a site that published nothing for longer than its threshold,
 * or whose documents keep going up after their deadline, is listed to its board member and the standing agency
 * every week.
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
 * The sites (in the order given) whose newest live publication is more than `days` days old, or that have none
 * and were made more than `days` days ago (or when is not known).
 * `last` maps a site's id to its newest live publication.
 */
export function staleSites<S extends { id: string; createdAt?: Date }>(sites: readonly S[], last: ReadonlyMap<string, Date>, now: Date, days: number): StaleSite<S>[] {
  return sites.flatMap((site): StaleSite<S>[] => {
    const at = last.get(site.id) ?? null;
    // A site made within the threshold has had no time to go stale: its days count from its making.
    if (at === null) return site.createdAt && now.getTime() - site.createdAt.getTime() <= days * DAY_MS ? [] : [{ site, lastPublishedAt: null, idleDays: null }];
    const idle = now.getTime() - at.getTime();
    return idle > days * DAY_MS ? [{ site, lastPublishedAt: at, idleDays: Math.floor(idle / DAY_MS) }] : [];
  });
}

/** The days of documents looked at when asking whether a site keeps missing deadlines: four weeks. */
export const LATE_WINDOW_DAYS = 28;
/** Late documents in the window from which a site is listed (one late document is a slip, not a habit). */
export const LATE_AT_LEAST = 2;

export interface LateSite<S> {
  site: S;
  /** Documents it published in the window, and how many of them after their deadline. */
  published: number;
  late: number;
}

/** A site keeps missing deadlines when at least LATE_AT_LEAST of its documents in the window were late, and at least half of them. */
export function keepsMissingDeadlines(published: number, late: number): boolean {
  return late >= LATE_AT_LEAST && late * 2 >= published;
}
