import { InputFile, type Context } from 'grammy';
import { explain, message } from '../../src/core/messages.js';
import { shownMonth } from '../../src/core/royalties/months.js';
import { sheetDocument, stepMonthSheet, type SheetStep } from '../../src/app/royalties/sheets.js';
import type { SheetSpreadsheet, SheetState } from '../../src/app/royalties/ports.js';
import { newCardId } from './callbackData.js';
import { PLATFORM, type DeskEnv } from './cards.js';
import { sweepOneAtATime } from './errors.js';
import { senderOf } from './sender.js';

const money = new Intl.NumberFormat('vi-VN');
/** Held codes named in a card's caption (Telegram's caption holds 1,024 characters). */
const HELD_SHOWN = 20;

/** The step a sheet waits for in each state, and the letter its button carries. */
const NEXT: Partial<Record<SheetState, { step: SheetStep; letter: string }>> = {
  draft: { step: 'check', letter: 'c' },
  checked: { step: 'approve', letter: 'a' },
  approved: { step: 'paid', letter: 'p' },
};
const STEP_OF: Record<string, SheetStep> = { c: 'check', a: 'approve', p: 'paid' };

/**
 * Royalty sheets in the editorial chat (the secretary's): the spreadsheet sent as a document with one
 * button for the step it waits for — the secretary checks, the head or a deputy head approves, the desk
 * marks it paid. A card is bound to the sheet's version: a press on an older card changes nothing.
 */
export class RoyaltyCards {
  /** Sends a card for every unpaid sheet that has none at its current version; one run at a time. */
  readonly announce: () => Promise<number>;

  constructor(
    private readonly env: DeskEnv,
    private readonly spreadsheet: SheetSpreadsheet,
  ) {
    this.announce = sweepOneAtATime(env.log, 'royalty sheet cards', () => this.sendDue());
  }

  private async sendDue(): Promise<number> {
    const { deps, editorialChat } = this.env;
    if (editorialChat === null) return 0;
    let sent = 0;
    const sites = new Map((await deps.store.sites()).map((s) => [s.id, s]));
    for (const head of await deps.store.unpaidSheets()) {
      const open = await deps.store.openCards(PLATFORM, head.id);
      if (open.some((c) => c.revisionHash === String(head.version))) continue;
      for (const stale of open) await deps.store.closeCard(stale.id, deps.clock());
      const next = NEXT[head.state];
      const site = sites.get(head.siteId);
      const sheet = await deps.store.royaltySheet(head.siteId, head.month);
      if (!next || !site || !sheet) continue;
      const cardId = newCardId();
      const doc = await sheetDocument(deps, site, sheet);
      // Whoever checks or approves sees what is held back; a long list is cut to fit a caption (the file names them all).
      const held = doc.held.length > HELD_SHOWN ? `${doc.held.slice(0, HELD_SHOWN).join(', ')} … (+${doc.held.length - HELD_SHOWN})` : doc.held.join(', ');
      const caption = [
        message('vi', 'royalty_card', { month: shownMonth(sheet.month), site: site.nameVi, state: message('vi', `royalty_state_${sheet.state}`), rows: String(sheet.rows.length), net: money.format(sheet.net) }),
        message('en', 'royalty_card', { month: shownMonth(sheet.month), site: site.nameEn, state: message('en', `royalty_state_${sheet.state}`), rows: String(sheet.rows.length), net: money.format(sheet.net) }),
        ...(held ? [`${message('vi', 'royalty_card_held', { codes: held })} / ${message('en', 'royalty_card_held', { codes: held })}`] : []),
      ].join('\n');
      const file = new InputFile(await this.spreadsheet(doc), `nhuan-but-${site.key}-${sheet.month}.xlsx`);
      const button = { text: message('vi', `royalty_button_${next.step}`), callback_data: this.env.signer.sign('royaltySheet', cardId, `${next.letter}${sheet.version}`) };
      const posted = await this.env.queue.call(editorialChat, () => this.env.api.sendDocument(editorialChat, file, { caption, reply_markup: { inline_keyboard: [[button]] } }));
      await deps.store.addCard(
        { id: cardId, platform: PLATFORM, chatId: editorialChat, messageId: String(posted.message_id), kind: 'card', subjectType: 'royaltySheet', subjectId: sheet.id, code: `${site.key}:${sheet.month}`, step: null, revisionHash: String(sheet.version), action: null, personId: null, previewId: null },
        deps.clock(),
      );
      sent += 1;
    }
    return sent;
  }

  /** A press: the card still current, a linked person, the sheet at the version the card showed; then the step, with the person's roles checked by the use case. */
  async onPress(ctx: Context, pressed: { cardId: string; ref: string | null }): Promise<void> {
    const { deps } = this.env;
    const { person, lang } = await senderOf(deps, ctx);
    const popup = (text: string) => ctx.answerCallbackQuery({ text: text.slice(0, 200), show_alert: true });
    const card = await deps.store.cardById(pressed.cardId);
    const step = pressed.ref ? STEP_OF[pressed.ref.slice(0, 1)] : undefined;
    const version = pressed.ref ? Number(pressed.ref.slice(1)) : NaN;
    if (!card || card.closedAt || card.subjectType !== 'royaltySheet' || !step) return void (await popup(message(lang, 'royalty_card_closed')));
    if (!person) return void (await popup(message(lang, 'not_linked')));
    const [siteKey = '', month = ''] = card.code.split(':');
    const site = await deps.store.siteByKey(siteKey);
    const sheet = site ? await deps.store.royaltySheet(site.id, month) : null;
    if (!sheet || sheet.id !== card.subjectId || sheet.version !== version) {
      void this.announce();
      return void (await popup(message(lang, 'royalty_card_closed')));
    }
    const done = await stepMonthSheet(deps, { kind: 'person', personId: person.id }, siteKey, month, step);
    if (!done.ok) return void (await popup(explain(lang, done)));
    await deps.store.closeCard(card.id, deps.clock());
    void this.announce();
    await ctx.answerCallbackQuery({ text: message(lang, 'royalty_card_done', { month: shownMonth(month), state: message(lang, `royalty_state_${done.value.state}`) }) });
  }
}
