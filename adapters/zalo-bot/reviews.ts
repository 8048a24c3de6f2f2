import { createHash } from 'node:crypto';
import { explain, message, type Lang } from '../../src/core/messages.js';
import type { Outcome } from '../../src/core/result.js';
import { lookUpCode } from '../../src/app/desk.js';
import { act, type ReviewerCommand } from '../../src/app/items.js';
import type { ItemRecord, PersonRecord } from '../../src/app/ports.js';
import type { Deps } from '../../src/app/deps.js';
import { cardRoyalty, royaltyLine } from '../../src/app/royalties/cardTerms.js';
import { dueListText, sendWeeklyDue } from '../../src/app/royalties/dueWeekly.js';
import { cardParts, sweepTextCards } from '../../src/app/textCards.js';
import { PLATFORM, type ZaloBotEnv } from './env.js';

/**
 * The Bot Platform has no buttons, reactions or quoted replies: a reviewer acts by typing a command,
 * and the card gives the command with a short tag of what it shows (the revision and the step). A
 * command with an older card's tag does nothing: a stale card cannot approve a newer revision, nor an
 * editor's card the secretary's step.
 */
export function revisionTag(item: Pick<ItemRecord, 'step'> & { revision: { contentHash: string } }): string {
  return createHash('sha256').update(`${item.revision.contentHash}:${item.step ?? ''}`).digest('base64url').replace(/[-_]/g, '').slice(0, 5).toLowerCase();
}

/** Lines per site in the weekly list (a Zalo message holds about 2,000 characters); the terminal lists all. */
const DUE_LINES_SHOWN = 12;

/** The card: the item, its step and what pays it (genre, coefficient, fees: publishing with them on the card confirms them). */
async function cardText(deps: Deps, item: ItemRecord): Promise<string> {
  const { excerpt, files, warning } = cardParts(item);
  return message('vi', 'zalo_bot_card', {
    code: item.code,
    step: message('vi', `step_${item.step ?? 'editor'}`),
    title: item.revision.title,
    excerpt,
    royalty: `\n${royaltyLine('vi', item.code, await cardRoyalty(deps, item.id))}`,
    media: (files > 0 ? message('vi', 'zalo_bot_media', { count: String(files) }) : '') + (warning ? `\n${warning}` : ''),
    tag: revisionTag(item),
  });
}

export class BotReviews {
  private sweeping: Promise<number> | null = null;

  constructor(private readonly env: ZaloBotEnv) {}

  /** The 60-day rule's weekly list in the review chat, where reviewers only on Zalo read it (see sendWeeklyDue). */
  async remindDue(): Promise<number> {
    const chat = this.env.reviewChat;
    if (!chat) return 0;
    return sendWeeklyDue(this.env.deps, (monday) => `zalo-bot:royalty-due:${monday}`, async (site) => {
      const sent = await this.env.say(chat, dueListText(site, this.env.deps.timeZone, DUE_LINES_SHOWN));
      if (sent.kind !== 'sent') this.env.log.error({ site: site.site.key, result: sent }, 'weekly royalty list not sent; the next run tries again');
      return sent.kind === 'sent';
    });
  }

  /** Posts the missing cards into the review chat and closes the stale ones. One sweep at a time. */
  sweep(): Promise<number> {
    this.sweeping ??= this.postCards().finally(() => (this.sweeping = null));
    return this.sweeping;
  }

  private async postCards(): Promise<number> {
    const chat = this.env.reviewChat;
    if (!chat) return 0;
    // Whatever the failure (budget, 429, the bot removed from the chat), the sweep stops: trying every card would spend the budget on failures.
    return sweepTextCards(this.env.deps, PLATFORM, chat, async (item) => {
      const sent = await this.env.say(chat, await cardText(this.env.deps, item));
      if (sent.kind === 'sent') return sent.messageId;
      this.env.log.error({ code: item.code, result: sent }, 'Zalo Bot review card not sent; the next sweep tries again');
      return null;
    });
  }

  /**
   * `/duyet CODE TAG` and `/tralai CODE TAG reason`: acts only when TAG is the current card's. The answer
   * names the person, since the chat is shared. A code the person may not see gets `act`'s answer.
   */
  async command(chatId: string, person: PersonRecord, kind: 'approve' | 'return', code: string, tag: string, note: string): Promise<void> {
    // Only what the person may see is compared: a code they may not see gets act's answer, as an unknown one does.
    const found = await lookUpCode(this.env.deps, person.id, code);
    const item = found && 'item' in found ? found.item : null;
    if (item && item.step && revisionTag(item) !== tag.toLowerCase()) {
      await this.env.reply(chatId, message(person.lang, 'zalo_bot_stale', { name: person.displayName, code, tag }));
      return;
    }
    const command: ReviewerCommand = kind === 'approve' ? { type: 'approve', revisionHash: item?.revision.contentHash ?? '' } : { type: 'return', note };
    await this.decide(chatId, person, code, command);
  }

  private async decide(chatId: string, person: PersonRecord, code: string, command: ReviewerCommand): Promise<Outcome<ItemRecord>> {
    const done = await act(this.env.deps, person.id, code, command);
    const lang: Lang = person.lang;
    if (!done.ok) {
      await this.env.reply(chatId, message(lang, 'zalo_refused', { name: person.displayName, reason: explain(lang, { reason: done.reason, detail: { code, ...done.detail } }) }));
      return done;
    }
    const item = done.value;
    const last = (await this.env.deps.store.latestDecision(item.id))?.step ?? 'editor';
    const text =
      command.type === 'return'
        ? message(lang, 'zalo_returned', { name: person.displayName, code: item.code, note: command.note })
        : message(lang, 'zalo_approved', { name: person.displayName, code: item.code, step: message(lang, `step_${last}`) });
    await this.env.reply(chatId, text);
    this.env.hooks.decided(item);
    await this.sweep();
    return done;
  }
}
