import type { Context } from 'grammy';
import { decideContract } from '../../src/app/revenue/contracts.js';
import type { ContractRecord } from '../../src/app/revenue/ports.js';
import { shownDay } from '../../src/core/dates.js';
import { explain, message, type Lang } from '../../src/core/messages.js';
import { newCardId } from './callbackData.js';
import { PLATFORM, type DeskEnv } from './cards.js';
import { sortError } from './errors.js';

const money = new Intl.NumberFormat('vi-VN');
/** Contracts carded per sweep: a backlog reaches the chat a screenful at a time. */
const PER_SWEEP = 20;
const DECISION: Record<string, 'approved' | 'refused'> = { a: 'approved', r: 'refused' };

/**
 * Media-service contracts waiting for the head or the standing deputy head (seed Điều 14.1), as cards in
 * the editorial chat with Approve and Refuse. A card is bound to the contract's version: once decided, a
 * press on it (again, or on a copy) changes nothing.
 */
export class ServiceCards {
  private running: Promise<number> = Promise.resolve(0);

  constructor(private readonly env: DeskEnv) {}

  /** Sends a card for every proposed contract that has none open; one run at a time. */
  announce(): Promise<number> {
    this.running = this.running.then(() => this.sendDue()).catch((error: unknown) => (this.env.log.error({ failure: sortError(error) }, 'service contract cards not sent; tried again at the next sweep'), 0));
    return this.running;
  }

  private async sendDue(): Promise<number> {
    const { deps, editorialChat } = this.env;
    if (editorialChat === null) return 0;
    let sent = 0;
    for (const contract of (await deps.store.contracts({ state: 'proposed' }, 500)).reverse()) {
      if (sent >= PER_SWEEP) break;
      const open = await deps.store.openCards(PLATFORM, contract.id);
      if (open.some((c) => c.revisionHash === String(contract.version))) continue;
      const cardId = newCardId();
      const buttons = (['a', 'r'] as const).map((letter) => ({
        text: message('vi', letter === 'a' ? 'service_button_approve' : 'service_button_refuse'),
        callback_data: this.env.signer.sign('serviceContract', cardId, `${letter}${contract.version}`),
      }));
      const text = [await this.caption('vi', contract), await this.caption('en', contract)].join('\n\n');
      // A crash between the message and its row sends the card again; the first copy's buttons then say it is old.
      const posted = await this.env.queue.call(editorialChat, () => this.env.api.sendMessage(editorialChat, text, { reply_markup: { inline_keyboard: [buttons] } }));
      await deps.store.addCard(
        { id: cardId, platform: PLATFORM, chatId: editorialChat, messageId: String(posted.message_id), kind: 'card', subjectType: 'serviceContract', subjectId: contract.id, code: contract.code, step: null, revisionHash: String(contract.version), action: null, personId: null, previewId: null },
        deps.clock(),
      );
      sent += 1;
    }
    return sent;
  }

  private async caption(lang: Lang, c: ContractRecord): Promise<string> {
    const people: string[] = [];
    for (const s of c.shares) people.push(`${(await this.env.deps.store.personById(s.personId))?.displayName ?? s.personId} ${s.sharePercent} %`);
    return message(lang, 'service_card', {
      code: c.code, kind: message(lang, `service_kind_${c.kind}`), title: c.title, partner: c.partnerName, value: money.format(c.value), tax: String(c.taxPercent),
      start: shownDay(c.startDay), end: shownDay(c.endDay), people: people.join(', '),
    });
  }

  /** A press: the card still open, a linked person, the contract at the version the card showed; the use case checks the person's role. */
  async onPress(ctx: Context, pressed: { cardId: string; ref: string | null }): Promise<void> {
    const { deps } = this.env;
    const person = ctx.from ? await deps.store.personByIdentity(PLATFORM, String(ctx.from.id)) : null;
    const lang: Lang = person?.lang ?? 'vi';
    const popup = (text: string) => ctx.answerCallbackQuery({ text: text.slice(0, 200), show_alert: true });
    const card = await deps.store.cardById(pressed.cardId);
    const decision = pressed.ref ? DECISION[pressed.ref.slice(0, 1)] : undefined;
    const version = pressed.ref ? Number(pressed.ref.slice(1)) : NaN;
    if (!card || card.closedAt || card.subjectType !== 'serviceContract' || !decision) return void (await popup(message(lang, 'service_card_closed')));
    if (!person) return void (await popup(message(lang, 'not_linked')));
    const done = await decideContract(deps, { kind: 'person', personId: person.id }, card.code, decision, null, version);
    if (!done.ok) {
      if (done.reason === 'service_not_proposed' || done.reason === 'service_decided_first') await deps.store.closeCard(card.id, deps.clock());
      return void (await popup(explain(lang, done)));
    }
    await deps.store.closeCard(card.id, deps.clock());
    const state = message(lang, `state_${done.value.state}`);
    await this.env.queue.call(card.chatId, () => this.env.api.editMessageReplyMarkup(card.chatId, Number(card.messageId), { reply_markup: { inline_keyboard: [] } })).catch((error: unknown) => this.env.log.warn({ failure: sortError(error) }, 'contract card buttons not removed'));
    await ctx.answerCallbackQuery({ text: message(lang, 'service_card_done', { code: done.value.code, state }) });
  }
}
