import type { Context } from 'grammy';
import { explain, message } from '../../src/core/messages.js';
import type { Outcome } from '../../src/core/result.js';
import { contentFromText } from '../../src/core/content.js';
import { act, edit } from '../../src/app/items.js';
import { triage } from '../../src/app/intake.js';
import type { CardRecord, PersonRecord } from '../../src/app/ports.js';
import type { PressAction } from './callbackData.js';
import { PLATFORM, type CardDesk, type DeskEnv } from './cards.js';
import { onceRecorded } from './recorded.js';
import { senderOf } from './sender.js';

const NEEDS_NOTE: ReadonlySet<string> = new Set(['return', 'reject', 'needsInfo']);

/** What a person did by button or reply, once they are known and the card is current. */
async function perform(env: DeskEnv, desk: CardDesk, card: CardRecord, person: PersonRecord, action: string, note: string): Promise<Outcome<unknown>> {
  const deps = env.deps;
  if (card.subjectType === 'submission') {
    const command = action === 'accept' ? { type: 'accept' as const } : { type: action === 'reject' ? ('reject' as const) : ('needsInfo' as const), note };
    const done = await triage(deps, person.id, card.subjectId, command);
    if (done.ok) desk.later(() => desk.afterTriage(done.value.submission, done.value.item, person.id));
    return done;
  }
  const item = await deps.store.itemByCode(card.code);
  // A card acts only at the step and on the revision it shows; anything else is a stale card.
  if (!item || item.step !== card.step || item.revision.contentHash !== card.revisionHash) return { ok: false, reason: 'press_stale' };
  const hash = card.revisionHash ?? '';
  const command =
    action === 'approve' || action === 'toTech'
      ? { type: 'approve' as const, revisionHash: hash, toTech: action === 'toTech' }
      : action === 'return'
        ? { type: 'return' as const, note }
        : action === 'reject'
          ? { type: 'reject' as const, note }
          : action === 'flagSensitive'
            ? { type: 'flagSensitive' as const }
            : { type: 'requireChairman' as const };
  const done = await act(deps, person.id, card.code, command);
  if (done.ok) desk.later(() => desk.afterDecision(done.value));
  return done;
}


/** The card a signed press names: the bot signed it, so it exists or is about to. */
const signedCard = (env: DeskEnv, cardId: string, messageSentAt: number | undefined) => onceRecorded(messageSentAt, () => env.deps.store.cardById(cardId));

/** A button press: signed data, a linked presser, a current card; refusals answer in a popup that says why. */
export async function onPress(env: DeskEnv, desk: CardDesk, ctx: Context, pressed: { action: PressAction; cardId: string } | null): Promise<void> {
  const from = ctx.from;
  const { person, lang } = await senderOf(env.deps, ctx);
  const popup = (text: string) => ctx.answerCallbackQuery({ text: text.slice(0, 200), show_alert: true });
  if (!pressed) {
    // Data the bot never signed: someone is trying buttons of their own making.
    void env.deps.refusals?.refused({ kind: 'callback_data', source: `${PLATFORM}:${from?.id ?? '?'}`, actorId: person?.id ?? null, detail: { chat: String(ctx.chat?.id ?? ''), data: ctx.callbackQuery?.data ?? '' } });
    return void (await popup(message(lang, 'press_forged')));
  }
  const card = await signedCard(env, pressed.cardId, ctx.callbackQuery?.message?.date);
  if (!card || card.closedAt || card.kind !== 'card') return void (await popup(message(lang, 'press_stale')));
  if (!person) return void (await popup(message(lang, 'not_linked')));
  if (NEEDS_NOTE.has(pressed.action)) {
    const chatId = String(ctx.chat?.id ?? card.chatId);
    const actionName = message(lang, `act_${pressed.action}`);
    const sent = await env.queue.call(chatId, () =>
      env.api.sendMessage(chatId, message(lang, 'prompt_note', { name: person.displayName, action: actionName, code: card.code }), {
        reply_markup: { force_reply: true, selective: true },
        reply_parameters: { message_id: Number(card.messageId), allow_sending_without_reply: true },
      }),
    );
    await env.deps.store.addCard({ ...card, id: `${card.id}:${sent.message_id}`, messageId: String(sent.message_id), chatId, kind: 'prompt', action: pressed.action, personId: person.id }, env.deps.clock());
    return void (await ctx.answerCallbackQuery({ text: message(lang, 'press_prompted') }));
  }
  const done = await perform(env, desk, card, person, pressed.action, '');
  if (!done.ok) return void (await popup(explain(lang, done)));
  await ctx.answerCallbackQuery({ text: message(lang, 'press_done', { action: message(lang, `act_${pressed.action === 'toTech' ? 'approve' : pressed.action}`), code: card.code }) });
}

/** A reply to a prompt gives its reason; a reply to an item card edits the item. True when the reply was ours to take. */
export async function onReplyToCard(env: DeskEnv, desk: CardDesk, ctx: Context, card: CardRecord, media: () => Promise<string[]>): Promise<boolean> {
  const { person, lang } = await senderOf(env.deps, ctx);
  const chatId = String(ctx.chat?.id ?? card.chatId);
  const answer = (text: string) => env.queue.call(chatId, () => env.api.sendMessage(chatId, text, { reply_parameters: { message_id: ctx.msg?.message_id ?? 0, allow_sending_without_reply: true } }));
  if (!person) return void (await answer(message(lang, 'not_linked'))), true;
  const text = (ctx.msg?.text ?? ctx.msg?.caption ?? '').trim();
  if (card.kind === 'prompt') {
    if (card.closedAt) return void (await answer(message(lang, 'press_stale'))), true;
    const asker = card.personId ? await env.deps.store.personById(card.personId) : null;
    if (card.personId !== person.id) return void (await answer(message(lang, 'prompt_other_person', { name: asker?.displayName ?? '?' }))), true;
    const done = await perform(env, desk, card, person, card.action ?? '', text);
    if (done.ok) await env.deps.store.closeCard(card.id, env.deps.clock());
    else await answer(explain(lang, done));
    return true;
  }
  if (card.subjectType !== 'item' || card.closedAt) return false;
  const item = await env.deps.store.itemByCode(card.code);
  if (!item) return false;
  const added = await media();
  const content = text === '' ? { title: item.revision.title, body: item.revision.body } : contentFromText(text);
  const done = await edit(env.deps, person.id, card.code, { ...content, summary: item.revision.summary, language: item.revision.language, mediaRefs: [...item.revision.mediaRefs, ...added] });
  if (!done.ok) return void (await answer(explain(lang, done))), true;
  env.queue.notice(chatId, message(lang, 'edit_done', { code: item.code, name: person.displayName, number: String(done.value.revision.number) }));
  desk.later(() => desk.afterDecision(done.value));
  return true;
}
