import type { DueMove, TicketKind, TicketRecord, TicketState } from '../../core/tickets/model.js';
import type { InteractionRecord } from '../../core/interactions/model.js';
import type { AuditEntry } from '../ports.js';
import type { MailToSend } from '../mail/ports.js';

/** A receipt as the store takes it: the record's own fields, the answer date counted from the day of receipt, the code's year. */
export type NewTicket = Pick<
  TicketRecord,
  'kind' | 'siteId' | 'channel' | 'dedupeKey' | 'subject' | 'question' | 'field' | 'lang' | 'senderName' | 'senderEmail' | 'senderContact' | 'receivedById' | 'reference' | 'interactionId' | 'receivedAt'
> & {
  dueAt: Date;
  /** The code's year, in the province's zone. */
  year: number;
};

/** What a step writes besides the state; absent fields stay as they are. */
export interface TicketPatch {
  state?: TicketState;
  verifiedAt?: Date;
  unitSiteId?: string;
  assigneeId?: string;
  assignedAt?: Date;
  dueAt?: Date;
  dueMoves?: DueMove[];
  remindedAt?: Date | null;
  escalatedAt?: Date;
  answerText?: string;
  answeredById?: string;
  answeredAt?: Date;
  answerSentVia?: string;
  publish?: boolean;
  publishReason?: string;
  decidedById?: string;
  decidedAt?: Date;
  publicName?: string | null;
  publicQuestion?: string | null;
  publicAnswer?: string | null;
  declinedReason?: string;
  archivedAt?: Date;
  /** Cleared when a step changes what the card shows: the desk sends a fresh one. */
  announcedAt?: Date | null;
}

export interface TicketFilter {
  states?: readonly TicketState[];
  assigneeId?: string;
  unitSiteId?: string;
  /** Open and due before this instant. */
  dueBefore?: Date;
  /** Never reminded / escalated yet. */
  notReminded?: boolean;
  notEscalated?: boolean;
  limit: number;
}

export interface TicketMessageRecord {
  id: string;
  ticketId: string;
  direction: 'in' | 'out';
  channel: string;
  dedupeKey: string;
  text: string;
  at: Date;
}

/** A published question as the public reads it: no contact data, the name as reduced. */
export interface PublicTicket {
  code: string;
  kind: TicketKind;
  field: string | null;
  unitSiteId: string | null;
  publicName: string | null;
  subject: string | null;
  publicQuestion: string;
  publicAnswer: string;
  receivedAt: Date;
  answeredAt: Date;
}

export interface PublicTicketQuery {
  /** Folded words (src/core/search.ts) every one of which the question or answer holds. */
  words?: readonly string[];
  field?: string;
  unitSiteId?: string;
  cursor?: string | null;
  limit: number;
}

/** Counts for the periodic reports (the component-sites-and-reports issue). */
export interface TicketReport {
  total: number;
  byState: Record<string, number>;
  byChannel: Record<string, number>;
  byKind: Record<string, number>;
  byUnit: { unitSiteId: string | null; count: number; onTime: number; late: number; overdue: number }[];
  /** Answered by the due date, answered after it, still open past it. */
  onTime: number;
  late: number;
  overdue: number;
}

export interface TicketStore {
  /** A receipt, stored once per dedupe key: a repeat returns the first with `created: false`. Audited. */
  /** `audit.subjectId` is replaced by the new ticket's id; the code, kind, channel and due date join its data. */
  /** `receipt`, given the new ticket, is the mail that tells its sender: queued in the same transaction (both or neither). */
  takeTicket(input: NewTicket, audit: AuditEntry, receipt?: (ticket: TicketRecord) => MailToSend | null): Promise<{ ticket: TicketRecord; created: boolean }>;
  ticketByCode(code: string): Promise<TicketRecord | null>;
  ticketById(id: string): Promise<TicketRecord | null>;
  ticketByDedupeKey(key: string): Promise<TicketRecord | null>;
  /** Writes a step against the version read; null when someone else moved it first. Audited in the same transaction. */
  /** `mails`: what the step owes people by mail, queued in the same transaction (kept with the step or not at all). */
  updateTicket(id: string, fromVersion: number, patch: TicketPatch, audit: AuditEntry, mails?: readonly MailToSend[]): Promise<TicketRecord | null>;
  /** Clock marks that change nothing a person decided (reminded, card sent): not audited, no version bump. */
  markTicket(id: string, marks: { remindedAt?: Date; announcedAt?: Date | null }): Promise<void>;
  listTickets(filter: TicketFilter): Promise<TicketRecord[]>;
  /** Tickets the chat has no card for at their current step, oldest first. */
  unannouncedTickets(limit: number): Promise<TicketRecord[]>;
  /** Interactions a moderator turned into a question (received since `since`) that have no ticket yet. */
  interactionsAwaitingTicket(since: Date, limit: number): Promise<InteractionRecord[]>;
  /** Stored once per dedupe key; false when it was there already. */
  addTicketMessage(m: Omit<TicketMessageRecord, 'id'>): Promise<boolean>;
  ticketMessages(ticketId: string): Promise<TicketMessageRecord[]>;
  publicTickets(q: PublicTicketQuery): Promise<{ rows: PublicTicket[]; next: string | null }>;
  publicTicket(code: string): Promise<PublicTicket | null>;
  ticketReport(range: { from: Date; to: Date; now: Date; siteIds?: readonly string[] }): Promise<TicketReport>;
}
