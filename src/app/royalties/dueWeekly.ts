import { localDay, shownDay } from '../../core/dates.js';
import { message } from '../../core/messages.js';
import { visibleText } from '../../core/names.js';
import { dueStanding } from '../../core/royalties/due.js';
import type { Deps } from '../deps.js';
import { worksDue, type DueWork, type SiteDue } from './due.js';
import { onceAWeek } from '../weekly.js';


/** One site's list as a chat message, both languages; past `linesShown` works the terminal command that lists all is named. */
export function dueListText({ site, works, more }: SiteDue, timeZone: string, linesShown: number): string {
  const line = (w: DueWork) => {
    const standing = dueStanding(w.daysLeft, w.terms);
    return `• ${w.code} (${shownDay(localDay(w.publishedAt, timeZone))}) ${standing.days} — ${standing.terms} — ${visibleText(w.title).slice(0, 80)}`;
  };
  const rest = works.length > linesShown || more;
  return [
    `⏰ ${message('vi', 'royalty_due_head', { site: site.nameVi, count: String(works.length) })}`,
    message('en', 'royalty_due_head', { site: site.nameEn, count: String(works.length) }),
    ...works.slice(0, linesShown).map(line),
    ...(rest ? [`${message('vi', 'royalty_due_rest', { site: site.key })} / ${message('en', 'royalty_due_rest', { site: site.key })}`] : []),
  ].join('\n');
}

/**
 * The 60-day rule in a desk's chat (the secretary's), once a week (onceAWeek): each site's works published 45 to
 * 90 days ago and on no approved sheet, one message a site. Returns how many lists went.
 */
export async function sendWeeklyDue(deps: Deps, marker: (monday: string) => string, send: (site: SiteDue) => Promise<boolean>): Promise<number> {
  return onceAWeek(deps, marker, async () => {
    const due = await worksDue(deps);
    if (!due.ok) throw new Error(due.reason);
    return due.value;
  }, send);
}
