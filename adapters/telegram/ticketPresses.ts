import type { Context } from 'grammy';
import { endOfDay } from '../../src/core/dates.js';
import { explain, message, type Lang } from '../../src/core/messages.js';
import { ok, refuse, type Outcome } from '../../src/core/result.js';
import { dueDay } from '../../src/app/tickets/receive.js';
import type { TicketCommand, TicketRecord } from '../../src/core/tickets/model.js';
import { actOnTicket, mayHandleTickets } from '../../src/app/tickets/act.js';
import { refusedForRole } from '../../src/app/refusals.js';
import type { CardRecord, PersonRecord } from '../../src/app/ports.js';
import type { Deps } from '../../src/app/deps.js';
import { PLATFORM } from './cards.js';
import type { TicketCards } from './ticketCards.js';
import { commandOf, NEEDS_TEXT, readButtonRef, type TicketButton } from './ticketRender.js';
import { senderOf } from './sender.js';

/** Refusals a person can put right by replying again to the same prompt. */
const RETRY: ReadonlySet<string> = new Set([
  'ticket_reason_required', 'ticket_answer_required', 'ticket_answer_too_long', 'ticket_due_in_past', 'ticket_unknown_unit', 'unknown_person',
  'tdesk_unknown_person', 'tdesk_bad_date', 'tdesk_assign_usage', 'tdesk_movedue_usage',
]);

/** Words people send to take the default reason for publishing. */
const DEFAULT_REASON = new Set(['.', '-', 'ok', 'đồng ý', 'dong y']);

/** A refusal for want of a desk role is recorded like every privileged refusal (src/app/refusals.ts). */
function recorded<T extends Outcome<unknown>>(deps: Deps, person: PersonRecord, button: TicketButton, done: T): T {
  if (!done.ok && done.reason === 'not_authorised') refusedForRole(deps, person.id, `ticket.${button}`, done);
  return done;
}

/** A press on a ticket card: a current card, a linked person with a desk role, the version the card showed. */
export async function onTicketPress(cards: TicketCards | null, ctx: Context, pressed: { cardId: string; ref: string | null }): Promise<void> {
  const popup = (text: string) => ctx.answerCallbackQuery({ text: text.slice(0, 200), show_alert: true });
  if (!cards) return void (await popup(message('vi', 'tdesk_off')));
  const { deps } = cards.env;
  const { person, lang } = await senderOf(deps, ctx);
  const ref = readButtonRef(pressed.ref);
  const card = await deps.store.cardById(pressed.cardId);
  if (!ref || !card || card.closedAt || card.kind !== 'card' || card.subjectType !== 'ticket') return void (await popup(message(lang, 'tdesk_card_closed')));
  if (!person) return void (await popup(message(lang, 'not_linked')));
  const ticket = await deps.store.ticketById(card.subjectId);
  if (!ticket) return void (await popup(message(lang, 'tdesk_card_closed')));
  if (!(await mayHandleTickets(deps, person.id, ticket))) return void (await popup(explain(lang, recorded(deps, person, ref.button, refuse('not_authorised')))));
  if (ticket.version !== ref.version) {
    void cards.refresh(ticket);
    return void (await popup(message(lang, 'tdesk_stale', { code: ticket.code })));
  }
  if (NEEDS_TEXT.has(ref.button)) {
    await prompt(cards, card, ticket, person, ref.button);
    return void (await ctx.answerCallbackQuery({ text: message(lang, 'tdesk_prompted') }));
  }
  const done = recorded(deps, person, ref.button, await actOnTicket(cards.tickets, { kind: 'person', personId: person.id }, ticket.code, commandOf(ref.button as 'verify' | 'archive', ''), ref.version));
  void cards.announce();
  if (!done.ok) return void (await popup(explain(lang, done)));
  await ctx.answerCallbackQuery({ text: message(lang, 'tdesk_done', { action: message(lang, `tdesk_act_${ref.button}`), code: ticket.code }) });
}

/** Asks the presser for the words the step needs, as a reply to the card; the prompt row remembers for what. */
async function prompt(cards: TicketCards, card: CardRecord, ticket: TicketRecord, person: PersonRecord, button: TicketButton): Promise<void> {
  const { deps, queue, api } = cards.env;
  const lang = person.lang;
  const detail = { name: person.displayName, code: ticket.code, due: ticket.dueAt ? dueDay(ticket.dueAt, deps.timeZone) : '—', reason: message(lang, 'tdesk_publish_default_reason') };
  const sent = await queue.call(card.chatId, () =>
    api.sendMessage(card.chatId, message(lang, `tdesk_prompt_${button}`, detail), {
      reply_markup: { force_reply: true, selective: true },
      reply_parameters: { message_id: Number(card.messageId), allow_sending_without_reply: true },
    }),
  );
  await deps.store.addCard(
    { id: `${card.id}:${sent.message_id}`, platform: PLATFORM, chatId: card.chatId, messageId: String(sent.message_id), kind: 'prompt', subjectType: 'ticket', subjectId: ticket.id, code: ticket.code, step: null, revisionHash: String(ticket.version), action: button, personId: person.id, previewId: card.messageId },
    deps.clock(),
  );
}

/** The words a prompt asked for, from the person it asked, for the ticket as it stood; true when the reply was ours. */
export async function onTicketReply(cards: TicketCards | null, ctx: Context, promptCard: CardRecord): Promise<boolean> {
  if (promptCard.kind !== 'prompt' || !cards) return false;
  const { deps, queue, api } = cards.env;
  const { person, lang } = await senderOf(deps, ctx);
  const chatId = String(ctx.chat?.id ?? promptCard.chatId);
  const answer = (text: string) => queue.call(chatId, () => api.sendMessage(chatId, text, { reply_parameters: { message_id: ctx.msg?.message_id ?? 0, allow_sending_without_reply: true } }));
  if (!person) return void (await answer(message(lang, 'not_linked'))), true;
  if (promptCard.closedAt) return void (await answer(message(lang, 'tdesk_card_closed'))), true;
  if (promptCard.personId !== person.id) {
    const asker = promptCard.personId ? await deps.store.personById(promptCard.personId) : null;
    return void (await answer(message(lang, 'prompt_other_person', { name: asker?.displayName ?? '?' }))), true;
  }
  const ticket = await deps.store.ticketById(promptCard.subjectId);
  const version = Number(promptCard.revisionHash);
  const button = promptCard.action as TicketButton;
  if (!ticket || ticket.version !== version || !NEEDS_TEXT.has(button)) {
    await deps.store.closeCard(promptCard.id, deps.clock());
    if (ticket) void cards.refresh(ticket);
    return void (await answer(message(lang, 'tdesk_stale', { code: promptCard.code }))), true;
  }
  const text = (ctx.msg?.text ?? ctx.msg?.caption ?? '').trim();
  const command = await commandFrom(deps, button, text, ticket, lang);
  const done = command.ok ? recorded(deps, person, button, await actOnTicket(cards.tickets, { kind: 'person', personId: person.id }, ticket.code, command.value, version)) : command;
  if (!done.ok) {
    if (!RETRY.has(done.reason)) await deps.store.closeCard(promptCard.id, deps.clock());
    void cards.announce();
    return void (await answer(explain(lang, done))), true;
  }
  await deps.store.closeCard(promptCard.id, deps.clock());
  void cards.announce();
  await answer(message(lang, 'tdesk_done', { action: message(lang, `tdesk_act_${button}`), code: ticket.code }));
  return true;
}

/** `so-yte nguyenvanb@soyte.gov.vn 20/12/2026`, `30/12/2026 lý do`, or the words themselves. */
async function commandFrom(deps: Deps, button: TicketButton, text: string, ticket: TicketRecord, lang: Lang): Promise<Outcome<TicketCommand>> {
  const words = text.split(/\s+/).filter(Boolean);
  switch (button) {
    case 'assign': {
      const [unitKey, who, date, ...extra] = words;
      if (!unitKey || !who || extra.length > 0) return refuse('tdesk_assign_usage');
      const unit = await deps.store.siteByKey(unitKey.toLowerCase());
      if (!unit) return refuse('ticket_unknown_unit', { site: unitKey });
      const person = await personNamed(deps, who);
      if (!person) return refuse('tdesk_unknown_person', { person: who });
      const dueAt = date ? endOfDay(date, deps.timeZone) : ticket.dueAt;
      if (!dueAt) return refuse('tdesk_bad_date', { date: date ?? '' });
      return ok({ type: 'assign', unitSiteId: unit.id, assigneeId: person.id, dueAt });
    }
    case 'moveDue': {
      const [date, ...reason] = words;
      if (!date) return refuse('tdesk_movedue_usage');
      const dueAt = endOfDay(date, deps.timeZone);
      if (!dueAt) return refuse('tdesk_bad_date', { date });
      return ok({ type: 'moveDue', dueAt, reason: reason.join(' ') });
    }
    case 'publish':
      return ok(commandOf('publish', DEFAULT_REASON.has(text.toLowerCase()) ? message(lang, 'tdesk_publish_default_reason') : text));
    case 'answer':
    case 'private':
    case 'decline':
      return ok(commandOf(button, text));
    default:
      return refuse('tdesk_stale', { code: ticket.code });
  }
}

/** A person named by id, e-mail or a linked Telegram @username. */
export async function personNamed(deps: Deps, ref: string): Promise<PersonRecord | null> {
  if (ref.startsWith('@')) {
    const identity = await deps.store.identityByUsername(PLATFORM, ref.slice(1));
    return identity ? deps.store.personById(identity.personId) : null;
  }
  return (await deps.store.personById(ref)) ?? (await deps.store.personByEmail(ref));
}
