/**
 * Citizens' questions and complaints (seed Điều 12; notes/regulation.md §3): the five steps of the
 * regulation as states, and what each step needs before it can be taken. Pure: no clock, no I/O.
 */

export const TICKET_KINDS = ['question', 'complaint'] as const;
export type TicketKind = (typeof TICKET_KINDS)[number];

/** The tracking code's prefix: hỏi đáp, phản ánh–kiến nghị. */
export const KIND_PREFIX: Record<TicketKind, string> = { question: 'HD', complaint: 'PA' };

/** Every channel the regulation names (seed Điều 12.1), and the ones this hub adds (interactions). */
export const TICKET_CHANNELS = ['portal', 'contact', 'email', 'phone', 'post', 'in-person', 'document-system', 'interaction'] as const;
export type TicketChannel = (typeof TICKET_CHANNELS)[number];
/** Receipts staff log by hand (`/ticket`, `portal-hub ticket add`). */
export const STAFF_CHANNELS: readonly TicketChannel[] = ['phone', 'post', 'in-person', 'document-system', 'email'];

/**
 * received → verifying (studied and verified) → handling (with the responsible unit) → answered → archived.
 * `declined`: out of the board's scope; the sender is told at once (§3.2).
 */
export const TICKET_STATES = ['received', 'verifying', 'handling', 'answered', 'archived', 'declined'] as const;
export type TicketState = (typeof TICKET_STATES)[number];
export const OPEN_STATES: readonly TicketState[] = ['received', 'verifying', 'handling'];

export const isTicketKind = (v: string): v is TicketKind => (TICKET_KINDS as readonly string[]).includes(v);
export const isTicketChannel = (v: string): v is TicketChannel => (TICKET_CHANNELS as readonly string[]).includes(v);
export const isTicketState = (v: string): v is TicketState => (TICKET_STATES as readonly string[]).includes(v);

export interface DueMove {
  from: string | null;
  to: string;
  reason: string;
  at: string;
}

export interface SenderContact {
  phone?: string;
  address?: string;
  idNumber?: string;
}

export interface TicketRecord {
  id: string;
  code: string;
  kind: TicketKind;
  siteId: string;
  channel: TicketChannel;
  state: TicketState;
  dedupeKey: string;
  subject: string | null;
  question: string;
  field: string | null;
  lang: 'vi' | 'en';
  senderName: string;
  senderEmail: string | null;
  senderContact: SenderContact;
  receivedById: string | null;
  reference: string | null;
  interactionId: string | null;
  receivedAt: Date;
  verifiedAt: Date | null;
  unitSiteId: string | null;
  assigneeId: string | null;
  assignedAt: Date | null;
  dueAt: Date | null;
  dueMoves: DueMove[];
  remindedAt: Date | null;
  escalatedAt: Date | null;
  answerText: string | null;
  answeredById: string | null;
  answeredAt: Date | null;
  answerSentVia: string | null;
  publish: boolean | null;
  publishReason: string | null;
  decidedById: string | null;
  decidedAt: Date | null;
  publicName: string | null;
  publicQuestion: string | null;
  publicAnswer: string | null;
  declinedReason: string | null;
  archivedAt: Date | null;
  announcedAt: Date | null;
  version: number;
  updatedAt: Date;
}

/** What a person at the desk (or an assignee through their link) may do to a ticket. */
export type TicketCommand =
  | { type: 'verify' }
  | { type: 'assign'; unitSiteId: string; assigneeId: string; dueAt: Date }
  | { type: 'moveDue'; dueAt: Date; reason: string }
  | { type: 'answer'; text: string }
  | { type: 'decide'; publish: boolean; reason: string }
  | { type: 'archive' }
  | { type: 'decline'; reason: string };

export type TicketRefusal =
  | 'ticket_wrong_state'
  | 'ticket_reason_required'
  | 'ticket_answer_required'
  | 'ticket_answer_too_long'
  | 'ticket_due_in_past'
  | 'ticket_due_not_later'
  | 'ticket_not_answered'
  | 'ticket_not_decided'
  | 'ticket_nothing_to_publish';

export const MAX_TICKET_ANSWER_CHARS = 20_000;

/** The states a command may be taken from: the five steps in order, with verifying skippable by assigning. */
const FROM: Record<TicketCommand['type'], readonly TicketState[]> = {
  verify: ['received'],
  assign: ['received', 'verifying', 'handling'],
  moveDue: ['received', 'verifying', 'handling'],
  answer: ['received', 'verifying', 'handling'],
  decide: ['answered'],
  archive: ['answered'],
  decline: ['received', 'verifying'],
};

const TO: Record<TicketCommand['type'], TicketState | null> = {
  verify: 'verifying',
  assign: 'handling',
  moveDue: null,
  answer: 'answered',
  decide: null,
  archive: 'archived',
  decline: 'declined',
};

/**
 * The state a command leads to, or why not. A ticket is archived only with a stored answer and a
 * publish decision with its reason; a decision to publish needs something to publish.
 */
export function stepTicket(
  t: Pick<TicketRecord, 'state' | 'answerText' | 'publish' | 'publishReason' | 'dueAt'>,
  command: TicketCommand,
  now: Date,
): { ok: true; state: TicketState } | { ok: false; reason: TicketRefusal } {
  if (!FROM[command.type].includes(t.state)) return { ok: false, reason: 'ticket_wrong_state' };
  switch (command.type) {
    case 'assign':
    case 'moveDue':
      if (command.dueAt.getTime() <= now.getTime()) return { ok: false, reason: 'ticket_due_in_past' };
      if (command.type === 'moveDue' && command.reason.trim() === '') return { ok: false, reason: 'ticket_reason_required' };
      // Gia hạn: an answer date moves later, never earlier than promised.
      if (command.type === 'moveDue' && t.dueAt && command.dueAt.getTime() <= t.dueAt.getTime()) return { ok: false, reason: 'ticket_due_not_later' };
      break;
    case 'answer': {
      const text = command.text.trim();
      if (text === '') return { ok: false, reason: 'ticket_answer_required' };
      if (text.length > MAX_TICKET_ANSWER_CHARS) return { ok: false, reason: 'ticket_answer_too_long' };
      break;
    }
    case 'decide':
      if (command.reason.trim() === '') return { ok: false, reason: 'ticket_reason_required' };
      if (command.publish && !t.answerText?.trim()) return { ok: false, reason: 'ticket_nothing_to_publish' };
      break;
    case 'archive':
      if (!t.answerText?.trim()) return { ok: false, reason: 'ticket_not_answered' };
      if (t.publish === null || !t.publishReason?.trim()) return { ok: false, reason: 'ticket_not_decided' };
      break;
    case 'decline':
      if (command.reason.trim() === '') return { ok: false, reason: 'ticket_reason_required' };
      break;
    case 'verify':
      break;
  }
  return { ok: true, state: TO[command.type] ?? t.state };
}

/** `HD-2026-00042`. */
export function ticketCode(kind: TicketKind, year: number, n: number): string {
  return `${KIND_PREFIX[kind]}-${year}-${String(n).padStart(5, '0')}`;
}

const CODE = /\b(HD|PA)-(\d{4})-(\d{5,})\b/i;

/** The first ticket code in a text (a mail's subject, a chat message), upper-cased. */
export function findTicketCode(text: string): string | null {
  const m = CODE.exec(text);
  return m ? `${m[1]!.toUpperCase()}-${m[2]}-${m[3]}` : null;
}

/** Open and past its answer date. */
export const isOverdue = (t: Pick<TicketRecord, 'state' | 'dueAt'>, now: Date): boolean => OPEN_STATES.includes(t.state) && t.dueAt !== null && t.dueAt.getTime() < now.getTime();
