import type { Context } from 'grammy';
import { decideContract, deviationWords } from '../../src/app/revenue/contracts.js';
import { decidePriceList } from '../../src/app/revenue/prices.js';
import type { ContractRecord } from '../../src/app/revenue/ports.js';
import { shownDay } from '../../src/core/dates.js';
import { explain, message, type Lang } from '../../src/core/messages.js';
import { newCardId } from './callbackData.js';
import { PLATFORM, type DeskEnv } from './cards.js';
import { sortError, sweepOneAtATime } from './errors.js';
import { senderOf } from './sender.js';

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
  /** Sends a card for every proposed contract and price list that has none open; one run at a time. */
  readonly announce: () => Promise<number>;

  constructor(private readonly env: DeskEnv) {
    this.announce = sweepOneAtATime(env.log, 'service contract cards', () => this.sendDue());
  }

  private async sendDue(): Promise<number> {
    const { deps, editorialChat } = this.env;
    if (editorialChat === null) return 0;
    let sent = 0;
    for (const contract of (await deps.store.contracts({ state: 'proposed' }, 500)).reverse()) {
      if (sent >= PER_SWEEP) break;
      const open = await deps.store.openCards(PLATFORM, contract.id);
      if (open.some((c) => c.revisionHash === String(contract.version))) continue;
      // Off the price list, the one approving button says it accepts the price.
      const approve = contract.priceDeviation ? 'service_button_accept_price' : 'service_button_approve';
      const text = [await this.caption('vi', contract), await this.caption('en', contract)].join('\n\n');
      await this.sendCard(editorialChat, 'serviceContract', contract, text, approve);
      sent += 1;
    }
    for (const list of (await deps.store.priceLists({ state: 'proposed' }, 100)).reverse()) {
      if (sent >= PER_SWEEP) break;
      const open = await deps.store.openCards(PLATFORM, list.id);
      if (open.some((c) => c.revisionHash === String(list.version))) continue;
      const rows = list.rows.map((r) => `${r.kind}/${r.zone}/${r.days}: ${money.format(r.price)} đ (−${r.discountPercent} %)`).join('\n');
      const text = [message('vi', 'price_card', { code: list.code, year: String(list.year), rows }), message('en', 'price_card', { code: list.code, year: String(list.year), rows })].join('\n\n');
      await this.sendCard(editorialChat, 'priceList', list, text.slice(0, 4000), 'service_button_approve');
      sent += 1;
    }
    return sent;
  }

  /** A card with Approve and Refuse, bound to the subject's version. A crash between the message and its row sends it again; the first copy's buttons then say it is old. */
  private async sendCard(chat: string, subjectType: 'serviceContract' | 'priceList', subject: { id: string; code: string; version: number }, text: string, approve: string): Promise<void> {
    const cardId = newCardId();
    const buttons = (['a', 'r'] as const).map((letter) => ({
      text: message('vi', letter === 'a' ? approve : 'service_button_refuse'),
      callback_data: this.env.signer.sign('serviceContract', cardId, `${letter}${subject.version}`),
    }));
    const posted = await this.env.queue.call(chat, () => this.env.api.sendMessage(chat, text, { reply_markup: { inline_keyboard: [buttons] } }));
    await this.env.deps.store.addCard(
      { id: cardId, platform: PLATFORM, chatId: chat, messageId: String(posted.message_id), kind: 'card', subjectType, subjectId: subject.id, code: subject.code, step: null, revisionHash: String(subject.version), action: null, personId: null, previewId: null },
      this.env.deps.clock(),
    );
  }

  private async caption(lang: Lang, c: ContractRecord): Promise<string> {
    const people: string[] = [];
    for (const s of c.shares) people.push(`${(await this.env.deps.store.personById(s.personId))?.displayName ?? s.personId} ${s.sharePercent} %`);
    const card = message(lang, 'service_card', {
      code: c.code, kind: message(lang, `service_kind_${c.kind}`), title: c.title, partner: c.partnerName, value: money.format(c.value), tax: String(c.taxPercent),
      start: shownDay(c.startDay), end: shownDay(c.endDay), people: people.join(', '),
    });
    if (!c.priceDeviation) return card;
    const words = deviationWords(c.priceDeviation);
    return `${card}\n${message(lang, 'service_card_deviation', { deviation: lang === 'vi' ? words.deviationVi : words.deviationEn })}`;
  }

  /** A press: the card still open, a linked person, the contract at the version the card showed; the use case checks the person's role. */
  async onPress(ctx: Context, pressed: { cardId: string; ref: string | null }): Promise<void> {
    const { deps } = this.env;
    const { person, lang } = await senderOf(deps, ctx);
    const popup = (text: string) => ctx.answerCallbackQuery({ text: text.slice(0, 200), show_alert: true });
    const card = await deps.store.cardById(pressed.cardId);
    const decision = pressed.ref ? DECISION[pressed.ref.slice(0, 1)] : undefined;
    const version = pressed.ref ? Number(pressed.ref.slice(1)) : NaN;
    if (!card || card.closedAt || (card.subjectType !== 'serviceContract' && card.subjectType !== 'priceList') || !decision) return void (await popup(message(lang, 'service_card_closed')));
    if (!person) return void (await popup(message(lang, 'not_linked')));
    const op = { kind: 'person' as const, personId: person.id };
    // The card showed the deviation and its button said it accepts the price: pressing it is that acceptance.
    const done = card.subjectType === 'priceList' ? await decidePriceList(deps, op, card.code, decision, null, version) : await decideContract(deps, op, card.code, decision, null, version, true);
    if (!done.ok) {
      if (done.reason === 'service_not_proposed' || done.reason === 'price_not_proposed' || done.reason === 'service_decided_first') await deps.store.closeCard(card.id, deps.clock());
      return void (await popup(explain(lang, done)));
    }
    await deps.store.closeCard(card.id, deps.clock());
    const state = message(lang, `state_${done.value.state}`);
    await this.env.queue.call(card.chatId, () => this.env.api.editMessageReplyMarkup(card.chatId, Number(card.messageId), { reply_markup: { inline_keyboard: [] } })).catch((error: unknown) => this.env.log.warn({ failure: sortError(error) }, 'contract card buttons not removed'));
    await ctx.answerCallbackQuery({ text: message(lang, card.subjectType === 'priceList' ? 'price_decided' : 'service_card_done', { code: done.value.code, state }) });
  }
}
