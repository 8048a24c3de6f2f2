import { refuse, ok, type Outcome } from '../../core/result.js';
import { daysSincePublished, SHEET_DEADLINE } from '../../core/royalties/work.js';
import type { Deps } from '../deps.js';
import type { SiteRecord } from '../ports.js';
import type { AwaitingWork } from './ports.js';

const DAY = 86_400_000;
/** A site's list is for reading, not a dump: past this many works the secretary is told how many more there are. */
export const DUE_LIST_MAX = 500;

export interface DueWork extends AwaitingWork {
  days: number;
  /** Days left of the 60; 0 or less: overdue. */
  daysLeft: number;
}

export interface SiteDue {
  site: SiteRecord;
  works: DueWork[];
  /** True when the site had more than DUE_LIST_MAX such works. */
  more: boolean;
}

/**
 * Works published between 45 and 90 days ago, still up, that no approved or paid sheet holds: what the
 * secretary must get onto a sheet before day 60 (a work taken down is held for a decision instead).
 * Sites with none are left out.
 */
export async function worksDue(deps: Deps, siteKey?: string): Promise<Outcome<SiteDue[], 'unknown_site'>> {
  const now = deps.clock();
  let sites: SiteRecord[];
  if (siteKey === undefined) sites = await deps.store.sites();
  else {
    const site = await deps.store.siteByKey(siteKey);
    if (!site) return refuse('unknown_site', { site: siteKey });
    sites = [site];
  }
  const from = new Date(now.getTime() - SHEET_DEADLINE.watchDays * DAY);
  const to = new Date(now.getTime() - SHEET_DEADLINE.listAfterDays * DAY);
  const due: SiteDue[] = [];
  for (const site of sites) {
    const found = await deps.store.worksAwaitingSheet(site.id, from, to, DUE_LIST_MAX + 1);
    if (found.length === 0) continue;
    const works = found.slice(0, DUE_LIST_MAX).map((w) => {
      const days = daysSincePublished(w.publishedAt, now);
      return { ...w, days, daysLeft: SHEET_DEADLINE.payWithinDays - days };
    });
    due.push({ site, works, more: found.length > DUE_LIST_MAX });
  }
  return ok(due);
}
