import { dueListText, sendWeeklyDue } from '../../src/app/royalties/dueWeekly.js';
import type { DeskEnv } from './cards.js';
import { sortError } from './errors.js';

/** Lines per site in one chat message (Telegram holds 4,096 characters); the rest is counted, the terminal lists all. */
const LINES_SHOWN = 25;

/** The 60-day rule's weekly list in the editorial chat (the secretary's); see sendWeeklyDue. */
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
    return sendWeeklyDue(deps, (monday) => `royalty-due:${monday}`, async (site) => {
      await this.env.queue.call(editorialChat, () => this.env.api.sendMessage(editorialChat, dueListText(site, deps.timeZone, LINES_SHOWN)));
      return true;
    });
  }
}
