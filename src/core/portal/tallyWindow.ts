/**
 * Lists read newest first from an index, which makes the first pages cheap whatever the archive's
 * size; two cases stay costly on their own: a deep page (the database steps over every row before the
 * offset) and a filter no index leads with (a site's items in one section: the walk passes the site's
 * other sections until a page is found). The live counts per month (PublicationTally) say where a page
 * lies before the list is read, so the read is given a publication-time window around it: the months
 * wholly before the page are skipped (their count leaves the offset), and the walk stops at the start
 * of the oldest month the page can reach. Work per page is then bounded by a month or two of the list.
 */

/** Live publications matching a list's filters that were published in one month ('YYYY-MM', UTC). */
export interface MonthCount {
  month: string;
  live: number;
}

/** Where a page lies: published before `before`, at or after `since`, after skipping `offset` rows. */
export interface ListWindow {
  before: Date | null;
  since: Date | null;
  offset: number;
}

export const monthOf = (d: Date): string => d.toISOString().slice(0, 7);
export const monthStart = (month: string): Date => new Date(`${month}-01T00:00:00.000Z`);

/** The first instant of the month after `month`. */
export function monthEnd(month: string): Date {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return new Date(Date.UTC(y, m, 1)); // months count from 0: `m` is the next one
}

/**
 * The window of one page, from the months' counts newest first. `upper` is the list's own upper bound
 * (a `to` date, exclusive, or a cursor): months after it do not count and its own month counts as none
 * (it is partly outside), which can only widen the window. Offsets skip whole months only when there
 * is no upper bound. Null when the offset is past the last row: the page is empty without a read.
 */
export function windowOf(months: readonly MonthCount[], page: { offset: number; limit: number; upper: Date | null }): ListWindow | null {
  const upperMonth = page.upper ? monthOf(new Date(page.upper.getTime() - 1)) : null;
  let offset = page.offset;
  let before: Date | null = null;
  let started = page.upper !== null;
  let seen = 0;
  let oldest: string | null = null;
  for (const m of months) {
    if (upperMonth !== null && m.month > upperMonth) continue;
    oldest = m.month;
    const live = m.month === upperMonth ? 0 : Math.max(0, m.live);
    if (!started) {
      if (offset >= live) {
        offset -= live;
        continue;
      }
      started = true;
      before = monthEnd(m.month);
    }
    seen += live;
    if (seen >= offset + page.limit) return { before, since: monthStart(m.month), offset };
  }
  if (!started) return null;
  // The counts hold every live row: none is older than the oldest month they list.
  return { before, since: oldest === null ? null : monthStart(oldest), offset };
}
