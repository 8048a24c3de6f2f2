import { localDay, shownDay, weeklyDue } from '../../src/core/dates.js';
import { message } from '../../src/core/messages.js';
import { visibleText } from '../../src/core/names.js';
import { dueStanding } from '../../src/core/royalties/due.js';
import { worksDue, type DueWork, type SiteDue } from '../../src/app/royalties/due.js';
import type { DeskEnv } from './cards.js';
import { sortError } from './errors.js';

/** The weekly list goes out from Monday 08:00 in the province, once per week. */
const FROM_HOUR = 8;
/** Lines per site in one chat message (Telegram holds 4,096 characters); the rest is counted, the terminal lists all. */
const LINES_SHOWN = 25;
const markerOf = (monday: string) => `royalty-due:${monday}`;
const SENT = 1;
const NOT_SENT = 0;

/**
 * The 60-day rule in the editorial chat (the secretary's): once a week, each site's works published 45 to
 * 90 days ago and on no approved sheet. The week is marked before the message goes: a crash in between
 * loses one week's list (the next week's names the same works), where marking after could send it twice.
 * A send that fails before any list went out clears the mark, so the next run tries again.
 */
export class RoyaltyDueList {
  private running: Promise<number> = Promise.resolve(0);

  constructor(private readonly env: DeskEnv) {}

  remind(): Promise<number> {
    this.running = this.running.then(() => this.sendDue()).catch((error: unknown) => (this.env.log.error({ failure: sortError(error) }, 'weekly royalty list not sent; tried again at the next run'), 0));
    return this.running;
  }

  private async sendDue(): Promise<number> {
    const { deps, editorialChat } = this.env;
    if (editorialChat === null) return 0;
    const monday = weeklyDue(deps.clock(), deps.timeZone, FROM_HOUR);
    if (monday === null || (await deps.store.chatCursor(markerOf(monday))) === SENT) return 0;
    const due = await worksDue(deps);
    if (!due.ok) throw new Error(due.reason);
    await deps.store.setChatCursor(markerOf(monday), SENT);
    let sent = 0;
    try {
      for (const site of due.value) {
        await this.env.queue.call(editorialChat, () => this.env.api.sendMessage(editorialChat, this.text(site)));
        sent += 1;
      }
    } catch (error) {
      // Nothing went out: the week is open again. Once one site's list went, the week stays marked (no list twice).
      if (sent === 0) await deps.store.setChatCursor(markerOf(monday), NOT_SENT);
      throw error;
    }
    return sent;
  }

  private text({ site, works, more }: SiteDue): string {
    const line = (w: DueWork) => {
      const standing = dueStanding(w.daysLeft, w.terms);
      return `• ${w.code} (${shownDay(localDay(w.publishedAt, this.env.deps.timeZone))}) ${standing.days} — ${standing.terms} — ${visibleText(w.title).slice(0, 80)}`;
    };
    const rest = works.length > LINES_SHOWN || more;
    return [
      `⏰ ${message('vi', 'royalty_due_head', { site: site.nameVi, count: String(works.length) })}`,
      message('en', 'royalty_due_head', { site: site.nameEn, count: String(works.length) }),
      ...works.slice(0, LINES_SHOWN).map(line),
      ...(rest ? [`${message('vi', 'royalty_due_rest', { site: site.key })} / ${message('en', 'royalty_due_rest', { site: site.key })}`] : []),
    ].join('\n');
  }
}
