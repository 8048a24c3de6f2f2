import { explain, message, type Lang } from '../../src/core/messages.js';
import type { Outcome } from '../../src/core/result.js';
import { act, type ReviewerCommand } from '../../src/app/items.js';
import type { ItemRecord, PersonRecord } from '../../src/app/ports.js';
import type { Deps } from '../../src/app/deps.js';
import { cardRoyalty, royaltyLine } from '../../src/app/royalties/cardTerms.js';
import { dueListText, sendWeeklyDue } from '../../src/app/royalties/dueWeekly.js';
import { cardParts, isCurrentCard, sweepTextCards } from '../../src/app/textCards.js';
import { PLATFORM, type ZaloDeskEnv } from './env.js';
import type { IncomingMessage, IncomingReaction } from './mapping.js';

/** 👍 and 👎 as Zalo names them (zca-js Reactions.LIKE and DISLIKE). */
export const APPROVE_ICON = '/-strong';
export const RETURN_ICON = '/-weak';
/** Lines per site in the weekly list (kept under about 2,000 characters for Zalo); the terminal lists all. */
const DUE_LINES_SHOWN = 12;

/** The card: the item, its step and what pays it (genre, coefficient, fees: publishing with them on the card confirms them). */
async function cardText(deps: Deps, item: ItemRecord): Promise<string> {
  const { excerpt, files, warning } = cardParts(item);
  return message('vi', 'zalo_review_card', {
    code: item.code,
    step: message('vi', `step_${item.step ?? 'editor'}`),
    title: item.revision.title,
    excerpt,
    royalty: `\n${royaltyLine('vi', item.code, await cardRoyalty(deps, item.id))}`,
    media: (files > 0 ? message('vi', 'zalo_review_media', { count: String(files) }) : '') + (warning ? `\n${warning}` : ''),
  });
}

/**
 * Reviewers who are only on Zalo: every item waiting at a step gets a card in the review group,
 * and a linked reviewer acts on it by reaction, by a quoted reply giving a reason, or by command.
 * The rules are the same as on Telegram: `act` decides.
 */
export class ZaloReviews {
  private sweeping: Promise<number> | null = null;

  constructor(private readonly env: ZaloDeskEnv) {}

  /** Posts the cards that are missing and closes those a decision or an edit made stale. One sweep at a time. */
  sweep(): Promise<number> {
    this.sweeping ??= this.postCards().finally(() => (this.sweeping = null));
    return this.sweeping;
  }

  private async postCards(): Promise<number> {
    const group = this.env.reviewGroup;
    if (!group) return 0;
    return sweepTextCards(this.env.deps, PLATFORM, group, async (item) => {
      // Not waiting for the send budget: a card sent late would go unrecorded, and the next sweep posts it anyway.
      const sent = await this.env.say(group, await cardText(this.env.deps, item), null, true, { ifFree: true });
      if (sent.kind === 'sent') return sent.msgId;
      this.env.log.error({ code: item.code, result: sent }, 'Zalo review card not sent; the next sweep tries again');
      return null;
    });
  }

  /**
   * The 60-day rule's weekly list in the review group, where reviewers only on Zalo (the secretary too) read it.
   * A list Zalo did not take is an error: sendWeeklyDue opens the week again when none went out.
   */
  async remindDue(): Promise<number> {
    const group = this.env.reviewGroup;
    if (!group) return 0;
    return sendWeeklyDue(this.env.deps, (monday) => `zalo:royalty-due:${monday}`, async (site) => {
      const sent = await this.env.say(group, dueListText(site, this.env.deps.timeZone, DUE_LINES_SHOWN));
      if (sent.kind !== 'sent') this.env.log.error({ site: site.site.key, result: sent }, 'weekly royalty list not sent; the next run tries again');
      return sent.kind === 'sent';
    });
  }

  /** 👍 approves the revision the card shows; 👎 asks for the reason. Other reactions and other messages are not ours. */
  async onReaction(reaction: IncomingReaction): Promise<void> {
    if (reaction.icon !== APPROVE_ICON && reaction.icon !== RETURN_ICON) return;
    const { store, clock } = this.env.deps;
    const card = await store.cardByMessage(PLATFORM, reaction.threadId, reaction.targetMsgId);
    if (!card || card.kind !== 'card' || card.subjectType !== 'item') return;
    const person = await store.personByIdentity(PLATFORM, reaction.from);
    const say = (text: string) => this.env.say(reaction.threadId, text);
    if (!person) return void (await say(message('vi', 'zalo_not_linked', { name: reaction.name })));
    const item = await store.itemByCode(card.code);
    if (card.closedAt || !item || !isCurrentCard(card, item)) return void (await say(`${person.displayName}: ${message(person.lang, 'press_stale')}`));
    if (reaction.icon === APPROVE_ICON) return void (await this.decide(reaction.threadId, person, item.code, { type: 'approve', revisionHash: card.revisionHash ?? '' }));
    // Sent now or not at all: a prompt sent late would go unrecorded, and the reviewer can still send /tralai.
    const prompt = await this.env.say(reaction.threadId, message(person.lang, 'zalo_return_prompt', { name: person.displayName, code: card.code }), null, true, { ifFree: true });
    if (prompt.kind !== 'sent') return void this.env.log.error({ code: card.code, result: prompt }, 'Zalo return prompt not sent');
    await store.addCard({ ...card, id: `zalo:${prompt.msgId}`, messageId: prompt.msgId, kind: 'prompt', action: 'return', personId: person.id }, clock());
  }

  /** A quoted reply to a return prompt gives the reason; true when the message was such a reply. */
  async onReply(msg: IncomingMessage): Promise<boolean> {
    if (!msg.quotedMsgId) return false;
    const { store, clock } = this.env.deps;
    const prompt = await store.cardByMessage(PLATFORM, msg.threadId, msg.quotedMsgId);
    if (!prompt || prompt.kind !== 'prompt') return false;
    const person = await store.personByIdentity(PLATFORM, msg.from);
    if (!person) return void (await this.env.say(msg.threadId, message('vi', 'zalo_not_linked', { name: msg.name }))), true;
    if (prompt.personId !== person.id) {
      const asker = prompt.personId ? await store.personById(prompt.personId) : null;
      return void (await this.env.say(msg.threadId, message(person.lang, 'zalo_prompt_other', { name: asker?.displayName ?? '?' }))), true;
    }
    if (prompt.closedAt) return void (await this.env.say(msg.threadId, `${person.displayName}: ${message(person.lang, 'press_stale')}`)), true;
    const done = await this.decide(msg.threadId, person, prompt.code, { type: 'return', note: msg.text });
    if (done.ok) await store.closeCard(prompt.id, clock());
    return true;
  }

  /** Acts for a linked reviewer and tells the group what happened, in the reviewer's language. */
  async decide(threadId: string, person: PersonRecord, code: string, command: ReviewerCommand): Promise<Outcome<ItemRecord>> {
    const done = await act(this.env.deps, person.id, code, command);
    const lang: Lang = person.lang;
    if (!done.ok) {
      await this.env.say(threadId, message(lang, 'zalo_refused', { name: person.displayName, reason: explain(lang, { reason: done.reason, detail: { code, ...done.detail } }) }));
      return done;
    }
    const item = done.value;
    const last = (await this.env.deps.store.latestDecision(item.id))?.step ?? 'editor';
    const text =
      command.type === 'return'
        ? message(lang, 'zalo_returned', { name: person.displayName, code: item.code, note: command.note })
        : message(lang, 'zalo_approved', { name: person.displayName, code: item.code, step: message(lang, `step_${last}`) });
    await this.env.say(threadId, text);
    this.env.hooks.decided(item);
    await this.sweep();
    return done;
  }
}
