import { sendWeeklyStale, boardOf, staleListText, staleOwnText, watchedSites } from '../../src/app/timeliness.js';
import { PLATFORM, type DeskEnv } from './cards.js';
import { sortError } from './errors.js';

/** Lines in one chat message (Telegram holds 4,096 characters); the rest is counted. */
const LINES_SHOWN = 40;

/**
 * Sites gone stale or late, weekly: the whole list in the editorial chat (the standing agency's), and each site's own
 * line to its head and standing deputy head privately, in their language (see sendWeeklyStale).
 */
export class StaleSitesList {
  private running: Promise<number> = Promise.resolve(0);

  constructor(
    private readonly env: DeskEnv,
    private readonly staleDays: number,
  ) {}

  remind(): Promise<number> {
    this.running = this.running.then(() => this.sendDue()).catch((error: unknown) => (this.env.log.error({ failure: sortError(error) }, 'weekly list of stale sites not sent; tried again at the next run'), 0));
    return this.running;
  }

  private async sendDue(): Promise<number> {
    const { deps, editorialChat } = this.env;
    return sendWeeklyStale(deps, this.staleDays, (monday) => `stale-sites:${monday}`, async (watch) => {
      let went = false;
      if (editorialChat !== null) {
        await this.env.queue.call(editorialChat, () => this.env.api.sendMessage(editorialChat, staleListText(watch, this.staleDays, deps.timeZone, LINES_SHOWN)));
        went = true;
      }
      for (const site of watchedSites(watch)) {
        for (const personId of await boardOf(deps, site.id)) {
          const [identity, person] = await Promise.all([deps.store.identityOf(personId, PLATFORM), deps.store.personById(personId)]);
          const text = person && staleOwnText(person.lang, watch, site.id, this.staleDays, deps.timeZone);
          if (!identity || !text) continue;
          // One person's blocked chat does not hold back the others'.
          try {
            await this.env.queue.call(identity.platformUserId, () => this.env.api.sendMessage(identity.platformUserId, text));
            went = true;
          } catch (error) {
            this.env.log.warn({ failure: sortError(error), person: personId }, 'stale-site notice not delivered to a board member');
          }
        }
      }
      return went;
    });
  }
}
