import { localDay, shownDay, weeklyDue } from '../../core/dates.js';
import { message } from '../../core/messages.js';
import { visibleText } from '../../core/names.js';
import { dueStanding } from '../../core/royalties/due.js';
import type { Deps } from '../deps.js';
import { worksDue, type DueWork, type SiteDue } from './due.js';

/** The weekly list goes out from Monday 08:00 in the province, once per week. */
const FROM_HOUR = 8;
const SENT = 1;
const NOT_SENT = 0;

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
 * The 60-day rule in a desk's chat (the secretary's), once a week: each site's works published 45 to 90 days
 * ago and on no approved sheet, one message a site. `marker` names the week's mark for this chat. The week is
 * marked before the messages go: a crash in between loses one week's list (the next week's names the same
 * works), where marking after could send it twice. `send` says whether the platform took the list; the first it
 * did not take ends the run, and when none went out the week is open again for the next run. Returns how many
 * lists went.
 */
export async function sendWeeklyDue(deps: Deps, marker: (monday: string) => string, send: (site: SiteDue) => Promise<boolean>): Promise<number> {
  const monday = weeklyDue(deps.clock(), deps.timeZone, FROM_HOUR);
  if (monday === null || (await deps.store.chatCursor(marker(monday))) === SENT) return 0;
  const due = await worksDue(deps);
  if (!due.ok) throw new Error(due.reason);
  await deps.store.setChatCursor(marker(monday), SENT);
  let sent = 0;
  try {
    for (const site of due.value) {
      if (!(await send(site))) break;
      sent += 1;
    }
  } finally {
    // Nothing went out: the week is open again. Once one site's list went, the week stays marked (no list twice).
    if (sent === 0 && due.value.length > 0) await deps.store.setChatCursor(marker(monday), NOT_SENT);
  }
  return sent;
}
