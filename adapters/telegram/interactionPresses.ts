import type { Context } from 'grammy';
import { mayModerate, moderateInteraction } from '../../src/app/interactions/moderation.js';
import { refusedForRole } from '../../src/app/refusals.js';
import type { CardRecord, PersonRecord } from '../../src/app/ports.js';
import { readLineRef, versionOf, type LineAction } from '../../src/core/interactions/desk.js';
import { answerPublishes, type InteractionRecord, type ModerationCommand } from '../../src/core/interactions/model.js';
import { explain, message } from '../../src/core/messages.js';
import { refuse, type Outcome } from '../../src/core/result.js';
import type { PressAction } from './callbackData.js';
import { PLATFORM } from './cards.js';
import type { InteractionCards } from './interactionCards.js';
import { LINE_ACTION, sourceLabel } from './interactionRender.js';
import { senderOf } from './sender.js';

/** Reply and hide need words first: the answer, or the reason. */
const NEEDS_TEXT: ReadonlySet<LineAction> = new Set(['reply', 'hide']);

const commandOf = (action: LineAction, text: string): ModerationCommand =>
  action === 'publish' ? { type: 'publish' } : action === 'reply' ? { type: 'answer', text } : action === 'hide' ? { type: 'hide', reason: text } : { type: 'toTicket' };

/** A refusal for want of a moderating role is recorded like every privileged refusal (src/app/refusals.ts). */
function recorded<T extends Outcome<unknown>>(cards: InteractionCards, person: PersonRecord, action: LineAction, done: T): T {
  if (!done.ok && done.reason === 'not_moderator') refusedForRole(cards.env.deps, person.id, `interaction.${action}`, done);
  return done;
}

/** A press on an interaction card: the card row and line it names, a linked moderator, a line as the card shows it. */
export async function onInteractionPress(cards: InteractionCards, ctx: Context, pressed: { action: PressAction; cardId: string; ref: string | null }): Promise<void> {
  const { deps } = cards.env;
  const { person, lang } = await senderOf(deps, ctx);
  const popup = (text: string) => ctx.answerCallbackQuery({ text: text.slice(0, 200), show_alert: true });
  const action = LINE_ACTION[pressed.action];
  const line = readLineRef(pressed.ref);
  const card = await deps.store.cardById(pressed.cardId);
  if (!action || !line || !card || card.closedAt || card.kind !== 'card' || card.subjectType !== 'interaction') return void (await popup(message(lang, 'ipress_stale')));
  const entry = (await cards.linesOf(card))[line.index];
  if (!entry) return void (await popup(message(lang, 'ipress_stale')));
  if (!person) return void (await popup(message(lang, 'not_linked')));
  const record = entry.line.record;
  if (!(await mayModerate(deps, person.id, record.siteId))) return void (await popup(explain(lang, recorded(cards, person, action, refuse('not_moderator')))));
  if (entry.line.outdated || record.state !== line.state) {
    void cards.refresh(card);
    return void (await popup(message(lang, 'icard_stale')));
  }
  const n = String(line.index + 1);
  if (NEEDS_TEXT.has(action)) {
    const chatId = card.chatId;
    const where = record.code ? ` · ${record.code}` : '';
    const sent = await cards.env.queue.call(chatId, () =>
      cards.env.api.sendMessage(chatId, message(lang, action === 'hide' ? 'iprompt_hide' : answerPublishes(record) ? 'iprompt_reply' : 'iprompt_reply_private', { name: person.displayName, n, source: sourceLabel(lang, record.source), where }), {
        reply_markup: { force_reply: true, selective: true },
        reply_parameters: { message_id: Number(card.messageId), allow_sending_without_reply: true },
      }),
    );
    // The prompt row: which interaction, at which version and state, which line of which card (previewId: the card's message, which the prompt replies to).
    await deps.store.addCard(
      { id: `${card.id}:${sent.message_id}`, platform: PLATFORM, chatId, messageId: String(sent.message_id), kind: 'prompt', subjectType: 'interaction', subjectId: record.id, code: record.code ?? '', step: null, revisionHash: `${line.index}.${record.state}.${entry.version}`, action: pressed.action, personId: person.id, previewId: card.messageId },
      deps.clock(),
    );
    return void (await ctx.answerCallbackQuery({ text: message(lang, action === 'reply' ? 'ipress_prompted_reply' : 'press_prompted') }));
  }
  const done = recorded(cards, person, action, await moderateInteraction(deps, person.id, record.id, commandOf(action, '')));
  void cards.refresh(card);
  if (!done.ok) return void (await popup(explain(lang, done)));
  if (action === 'ticket') return void (await popup(message(lang, 'ipress_ticket_stub', { n })));
  await ctx.answerCallbackQuery({ text: message(lang, 'ipress_done', { action: message(lang, `iact_${action}`), n }) });
}

/** The words a prompt asked for: from the person it asked, for the interaction as it stood; true when the reply was ours. */
export async function onInteractionReply(cards: InteractionCards, ctx: Context, prompt: CardRecord): Promise<boolean> {
  if (prompt.kind !== 'prompt') return false;
  const { deps } = cards.env;
  const { person, lang } = await senderOf(deps, ctx);
  const chatId = String(ctx.chat?.id ?? prompt.chatId);
  const answer = (text: string) => cards.env.queue.call(chatId, () => cards.env.api.sendMessage(chatId, text, { reply_parameters: { message_id: ctx.msg?.message_id ?? 0, allow_sending_without_reply: true } }));
  if (!person) return void (await answer(message(lang, 'not_linked'))), true;
  if (prompt.closedAt) return void (await answer(message(lang, 'ipress_stale'))), true;
  if (prompt.personId !== person.id) {
    const asker = prompt.personId ? await deps.store.personById(prompt.personId) : null;
    return void (await answer(message(lang, 'prompt_other_person', { name: asker?.displayName ?? '?' }))), true;
  }
  const action = LINE_ACTION[(prompt.action ?? '') as PressAction];
  const [index = '', state = '', version = ''] = (prompt.revisionHash ?? '').split('.');
  const record = await deps.store.interactionById(prompt.subjectId);
  const parent = prompt.previewId ? await deps.store.cardByMessage(PLATFORM, prompt.chatId, prompt.previewId) : null;
  if (!action || !record || isMoved(record, state, version)) {
    await deps.store.closeCard(prompt.id, deps.clock());
    if (parent) void cards.refresh(parent);
    return void (await answer(message(lang, 'icard_stale'))), true;
  }
  const text = (ctx.msg?.text ?? ctx.msg?.caption ?? '').trim();
  const done = recorded(cards, person, action, await moderateInteraction(deps, person.id, record.id, commandOf(action, text)));
  if (!done.ok) {
    // An empty or too long answer can be given again to the same prompt; anything else ends it.
    if (done.reason !== 'answer_required' && done.reason !== 'answer_too_long' && done.reason !== 'reason_required') await deps.store.closeCard(prompt.id, deps.clock());
    if (parent) void cards.refresh(parent);
    return void (await answer(explain(lang, done))), true;
  }
  await deps.store.closeCard(prompt.id, deps.clock());
  // Not awaited: the card's edit waits its turn in the chat's send queue, and updates are handled one at a time.
  if (parent) void cards.refresh(parent);
  else cards.env.queue.notice(chatId, message(lang, 'ipress_done', { action: message(lang, `iact_${action}`), n: String(Number(index) + 1) }));
  return true;
}

const isMoved = (record: InteractionRecord, state: string, version: string) => record.state !== state || String(versionOf(record)) !== version;
