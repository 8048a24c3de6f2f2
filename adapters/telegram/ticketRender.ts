import { InlineKeyboard } from 'grammy';
import { formatLocal } from '../../src/core/dates.js';
import { trimmed } from '../../src/core/interactions/desk.js';
import { message, type Lang } from '../../src/core/messages.js';
import { isOverdue, type TicketCommand, type TicketRecord, type TicketState } from '../../src/core/tickets/model.js';
import { dueDay } from '../../src/app/tickets/receive.js';
import type { TicketMessageRecord } from '../../src/app/tickets/ports.js';
import type { CallbackSigner } from './callbackData.js';

const QUESTION_CHARS = 700;
const ANSWER_CHARS = 300;
const MAX_MESSAGE = 4000;

/** What a ticket card's button asks for: a step of the model, or one of its two publish decisions. */
export type TicketButton = 'verify' | 'assign' | 'moveDue' | 'answer' | 'publish' | 'private' | 'archive' | 'decline';

const LETTER: Record<TicketButton, string> = { verify: 'v', assign: 'g', moveDue: 'm', answer: 'a', publish: 'p', private: 'n', archive: 'r', decline: 'd' };
const BUTTON_OF = Object.fromEntries(Object.entries(LETTER).map(([k, v]) => [v, k])) as Record<string, TicketButton>;

/** Buttons that need words first (a prompt the presser answers by reply). */
export const NEEDS_TEXT: ReadonlySet<TicketButton> = new Set(['assign', 'moveDue', 'answer', 'publish', 'private', 'decline']);

/**
 * The buttons of each step. Archive stays on an answered card before the decision: pressed then, it says
 * why not (a ticket is not closed without an answer and a publish decision with its reason).
 */
const BUTTONS: Record<TicketState, readonly (readonly TicketButton[])[]> = {
  received: [['verify', 'assign'], ['moveDue', 'answer', 'decline']],
  verifying: [['assign', 'moveDue'], ['answer', 'decline']],
  handling: [['assign', 'moveDue', 'answer']],
  answered: [['publish', 'private'], ['archive']],
  archived: [],
  declined: [],
};

/** `letter + version`: the step pressed and the ticket version the card showed, signed with the card id. */
export const buttonRef = (button: TicketButton, version: number) => `${LETTER[button]}${version.toString(36)}`;

export function readButtonRef(ref: string | null): { button: TicketButton; version: number } | null {
  const m = ref ? /^([a-z])([0-9a-z]{1,9})$/.exec(ref) : null;
  const button = m ? BUTTON_OF[m[1]!] : undefined;
  return m && button ? { button, version: Number.parseInt(m[2]!, 36) } : null;
}

/** The command a button takes once it has its words (none for verify and archive). */
export function commandOf(button: Exclude<TicketButton, 'assign' | 'moveDue'>, text: string): TicketCommand {
  switch (button) {
    case 'verify':
      return { type: 'verify' };
    case 'archive':
      return { type: 'archive' };
    case 'answer':
      return { type: 'answer', text };
    case 'decline':
      return { type: 'decline', reason: text };
    case 'publish':
    case 'private':
      return { type: 'decide', publish: button === 'publish', reason: text };
  }
}

/** People and places a card names, looked up once by the caller. */
export interface TicketNames {
  unit?: string;
  assignee?: string;
  answeredBy?: string;
  decidedBy?: string;
  receivedBy?: string;
}

export const channelLabel = (lang: Lang, channel: string) => message(lang, `ticket_channel_${channel.replace(/-/g, '_')}`);
export const stateLabel = (lang: Lang, state: TicketState) => message(lang, `ticket_state_${state}`);

function dueText(lang: Lang, t: TicketRecord, timeZone: string, now: Date): string {
  if (!t.dueAt) return '—';
  const day = dueDay(t.dueAt, timeZone);
  return isOverdue(t, now) ? `${day} ${message(lang, 'tdesk_card_overdue')}` : day;
}

/**
 * A ticket as the desk reads it. The sender's name, phone and address are for the desk (the chat is the
 * desk); whether an e-mail was given, not the address; never an identity number.
 */
export function ticketCardText(lang: Lang, t: TicketRecord, names: TicketNames, timeZone: string, now: Date): string {
  const time = (at: Date | null) => (at ? formatLocal(at, timeZone) : '');
  const contact = [t.senderContact.phone ? message(lang, 'tdesk_card_phone', { phone: t.senderContact.phone }) : null, message(lang, t.senderEmail ? 'tdesk_card_has_email' : 'tdesk_card_no_email')].filter((x): x is string => x !== null);
  const lines: (string | null)[] = [
    message(lang, 'tdesk_card_title', { code: t.code, kind: message(lang, `ticket_kind_${t.kind}`), channel: channelLabel(lang, t.channel) }),
    message(lang, 'tdesk_card_step', { state: stateLabel(lang, t.state) }),
    message(lang, 'tdesk_card_dates', { received: time(t.receivedAt), due: dueText(lang, t, timeZone, now) }),
    `${message(lang, 'tdesk_card_sender', { name: trimmed(t.senderName, 120) })} · ${contact.join(' · ')}`,
    t.senderContact.address ? message(lang, 'tdesk_card_address', { address: trimmed(t.senderContact.address, 200) }) : null,
    t.reference && t.channel !== 'email' && t.channel !== 'interaction' ? message(lang, 'tdesk_card_reference', { reference: trimmed(t.reference, 120) }) : null,
    names.receivedBy ? message(lang, 'tdesk_card_received_by', { name: names.receivedBy }) : null,
    t.unitSiteId ? message(lang, 'tdesk_card_unit', { unit: names.unit ?? '?', person: names.assignee ?? '—' }) : message(lang, 'tdesk_card_unassigned'),
    t.escalatedAt ? message(lang, 'tdesk_card_escalated', { time: time(t.escalatedAt) }) : null,
    t.dueMoves.length ? message(lang, 'tdesk_card_due_moved', { count: String(t.dueMoves.length), reason: trimmed(t.dueMoves.at(-1)!.reason, 200) }) : null,
    '',
    t.subject ? message(lang, 'tdesk_card_subject', { subject: trimmed(t.subject, 200) }) : null,
    `«${trimmed(t.question, QUESTION_CHARS)}»`,
  ];
  if (t.answerText) {
    lines.push('', message(lang, 'tdesk_card_answer', { name: names.answeredBy ?? '?', time: time(t.answeredAt), answer: trimmed(t.answerText, ANSWER_CHARS) }));
    if (t.answerSentVia) lines.push(message(lang, 'tdesk_card_answer_via', { via: viaLabel(lang, t.answerSentVia) }));
    lines.push(t.publish === null ? message(lang, 'tdesk_card_undecided') : message(lang, t.publish ? 'tdesk_card_publish_yes' : 'tdesk_card_publish_no', { name: names.decidedBy ?? '?', reason: t.publishReason ?? '' }));
  }
  if (t.state === 'declined') lines.push('', message(lang, 'tdesk_card_declined', { reason: t.declinedReason ?? '' }));
  const present = lines.filter((l): l is string => l !== null);
  // Blank lines separate parts; a part left empty leaves no double gap.
  const text = present.filter((l, i) => l !== '' || (i > 0 && present[i - 1] !== '')).join('\n').trim();
  return text.length > MAX_MESSAGE ? `${text.slice(0, MAX_MESSAGE - 1)}…` : text;
}

/** `email+facebook`, `staff`: how the answer went, in words. */
const viaLabel = (lang: Lang, via: string) =>
  via
    .split('+')
    .map((v) => (['email', 'staff', 'status-page'].includes(v) ? message(lang, `tdesk_via_${v}`) : message(lang, `source_${v}`)))
    .join(', ');

/** The card's buttons for the ticket's step, each signed with the card and the version shown. */
export function ticketKeyboard(lang: Lang, t: TicketRecord, cardId: string, signer: CallbackSigner): InlineKeyboard | null {
  const rows = BUTTONS[t.state];
  if (rows.length === 0) return null;
  const kb = new InlineKeyboard();
  for (const row of rows) {
    for (const button of row) kb.text(message(lang, `tdesk_btn_${button}`), signer.sign('ticket', cardId, buttonRef(button, t.version)));
    kb.row();
  }
  return kb;
}

/** One line of a list: code, answer date, step. */
export function listLine(lang: Lang, t: TicketRecord, timeZone: string, now: Date): string {
  const overdue = isOverdue(t, now) ? ` ${message(lang, 'tdesk_card_overdue')}` : '';
  return message(lang, 'tdesk_list_line', { code: t.code, due: t.dueAt ? dueDay(t.dueAt, timeZone) : '—', overdue, state: stateLabel(lang, t.state) });
}

/** The steps and messages of a ticket in time order, from what the record keeps. */
export function historyLines(lang: Lang, t: TicketRecord, names: TicketNames, messages: readonly TicketMessageRecord[], timeZone: string): string[] {
  const at = (d: Date) => formatLocal(d, timeZone);
  const events: { at: Date; line: string }[] = [{ at: t.receivedAt, line: message(lang, 'tdesk_hist_received', { time: at(t.receivedAt), channel: channelLabel(lang, t.channel) }) }];
  if (t.verifiedAt) events.push({ at: t.verifiedAt, line: message(lang, 'tdesk_hist_verified', { time: at(t.verifiedAt) }) });
  if (t.assignedAt) events.push({ at: t.assignedAt, line: message(lang, 'tdesk_hist_assigned', { time: at(t.assignedAt), unit: names.unit ?? '?', person: names.assignee ?? '?' }) });
  for (const move of t.dueMoves) events.push({ at: new Date(move.at), line: message(lang, 'tdesk_hist_due_moved', { time: at(new Date(move.at)), due: dueDay(new Date(move.to), timeZone), reason: move.reason }) });
  if (t.answeredAt) events.push({ at: t.answeredAt, line: message(lang, 'tdesk_hist_answered', { time: at(t.answeredAt), name: names.answeredBy ?? '?' }) });
  if (t.decidedAt && t.publish !== null) {
    events.push({ at: t.decidedAt, line: message(lang, 'tdesk_hist_decided', { time: at(t.decidedAt), decision: message(lang, t.publish ? 'tdesk_act_publish' : 'tdesk_act_private'), name: names.decidedBy ?? '?', reason: t.publishReason ?? '' }) });
  }
  if (t.archivedAt) events.push({ at: t.archivedAt, line: message(lang, 'tdesk_hist_archived', { time: at(t.archivedAt) }) });
  if (t.state === 'declined') events.push({ at: t.updatedAt, line: message(lang, 'tdesk_hist_declined', { time: at(t.updatedAt), reason: t.declinedReason ?? '' }) });
  for (const m of messages) events.push({ at: m.at, line: message(lang, m.direction === 'in' ? 'tdesk_hist_in' : 'tdesk_hist_out', { time: at(m.at), channel: m.channel, text: trimmed(m.text, 160) }) });
  return events.sort((a, b) => a.at.getTime() - b.at.getTime()).map((e) => e.line);
}
