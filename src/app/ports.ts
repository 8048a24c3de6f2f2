import type { DocumentStore } from './documents/ports.js';
import type { ReportActivityStore, UptimeStore } from './reports/activityPorts.js';
import type { AuditReport, KeyingOutcome } from '../core/audit.js';
import type { Checkpoint } from '../core/auditCheckpoint.js';
import type { Approval } from '../core/chain.js';
import type { DelegationRecord } from '../core/delegation.js';
import type { Grant } from '../core/grants.js';
import type { SubmissionState } from '../core/intake.js';
import type { SubmissionOrigin, TextPart } from '../core/chatIntake.js';
import type { ItemKind, Role, Step } from '../core/roles.js';
import type { Lang } from '../core/messages.js';
import type { ChatStore } from './chatPorts.js';
import type { InteractionStore } from './interactions/ports.js';
import type { InboxStore } from './inbox/ports.js';
import type { LeaseStore } from './leasePorts.js';
import type { OutboxStore } from './outboxPorts.js';
import type { PortalStore } from './portalPorts.js';
import type { SearchStore } from './searchPorts.js';
import type { Effect, ItemState } from '../core/workflow.js';
import type { SealedStore } from './sealedPorts.js';
import type { TicketStore } from './tickets/ports.js';
import type { CalendarStore } from './tickets/calendarPorts.js';
import type { RoyaltyFrameStore, RoyaltySheetStore, WorkRoyaltyStore } from './royalties/ports.js';
import type { RevenueStore } from './revenue/ports.js';
import type { AdStore } from './ads/ports.js';
import type { AnalyticsStore } from './analytics/ports.js';
import type { ReportStore } from './reports/ports.js';
import type { ReportRunStore } from './reports/runPorts.js';
import type { MailStore } from './mail/ports.js';
import type { ConsultationStore } from './consultations/ports.js';
import type { ChangeLogStore } from './portalChangesPorts.js';
import type { BulkPublicationStore } from './demoPorts.js';

/** The only clock the use cases see; tests pass a fixed or stepping one. */
export type Clock = () => Date;

export interface SiteRecord {
  id: string;
  key: string;
  kind: string;
  parentId: string | null;
  nameVi: string;
  nameEn: string;
  domain: string | null;
  codePrefix: string;
  maxEditors: number;
  maxTechAdmins: number;
  /** Footer contact lines (predecessor TT 32/2017 Điều 17): shown when set. */
  responsible: string | null;
  address: string | null;
  phone: string | null;
  email: string | null;
  /** Its own emblem (src/core/siteLook.ts emblemRef) and accent colour (#rrggbb, ≥ 4.5:1 on white); null: the portal's. */
  emblem: string | null;
  accentColour: string | null;
  /** When it was made (the portal's clock): a report of an earlier period does not list it. */
  createdAt?: Date;
  /** Its administrative procedures' links as stored (src/core/portal/procedures.ts proceduresOf reads them). */
  procedures?: string | null;
}

export interface PersonRecord {
  id: string;
  displayName: string;
  email: string | null;
  lang: Lang;
  /** When `person deactivate` closed their access; null for someone working. */
  deactivatedAt: Date | null;
}

export interface GrantRecord extends Grant {
  id: string;
}

export interface AuditEntry {
  at: Date;
  actorId: string | null;
  action: string;
  subjectType: string;
  subjectId: string;
  data: Record<string, unknown>;
}

export interface SubmissionInput {
  siteId: string;
  channel: string;
  chatId: string;
  messageIds: string[];
  senderPlatformId: string;
  senderName: string | null;
  senderPersonId: string | null;
  receivedAt: Date;
  rawText: string;
  /** `sourceId`: the platform's own id of the file, to show it again in chat without re-uploading; `messageId`: the message that brought it, so recalling that message takes it out. */
  attachments: { kind: string; ref: string; name?: string; sourceId?: string; messageId?: string }[];
  /** What the channel needs to quote the sender's message later (JSON, its own shape); null when it needs nothing. */
  replyRef?: string | null;
  /** Forwarded from whom, sent as whom (src/core/chatIntake.ts); absent when sent in person. */
  origin?: SubmissionOrigin | null;
  /** What each message gave to `rawText`, so a later edit of one message replaces only its part. */
  textParts?: TextPart[] | null;
}

export interface SubmissionRecord extends SubmissionInput {
  id: string;
  /** The tracking code the sender was given; the accepted item keeps it. */
  code: string | null;
  state: SubmissionState;
  triageNote: string | null;
  itemId: string | null;
  /** 1 when it arrived; each answer or edit by the sender before triage adds one. */
  revision: number;
}

export interface RevisionInput {
  title: string;
  summary: string;
  body: string;
  language: string;
  mediaRefs: string[];
  contentHash: string;
  authorId: string;
  authorStep: Step | null;
}

export interface RevisionRecord extends RevisionInput {
  id: string;
  number: number;
  createdAt: Date;
}

export interface ItemRecord {
  id: string;
  code: string;
  siteId: string;
  kind: ItemKind;
  category: string | null;
  state: ItemState;
  step: Step | null;
  sensitive: boolean;
  chairmanRequired: boolean;
  techRequired: boolean;
  submissionId: string | null;
  scheduledAt: Date | null;
  publishedAt: Date | null;
  correctedAt: Date | null;
  takenDownAt: Date | null;
  originatorId: string;
  version: number;
  revision: RevisionRecord;
  approvals: Approval[];
}

export interface DecisionRecord {
  id: string;
  action: string;
  step: Step | null;
  actorId: string;
  actorName: string;
  role: Role | 'system';
  delegationId: string | null;
  revisionHash: string | null;
  note: string | null;
  createdAt: Date;
}

export interface NewItem {
  siteId: string;
  kind: ItemKind;
  category: string | null;
  originatorId: string;
  submissionId: string | null;
  scheduledAt: Date | null;
  revision: RevisionInput;
  at: Date;
  /** The year of the tracking code, in the province's time zone. */
  codeYear: number;
  /** Set when the item comes from a submission that already has its code. */
  code?: string | null;
}

export interface IdentityRecord {
  personId: string;
  platform: string;
  platformUserId: string;
  username: string | null;
}

/**
 * A chat message standing for a submission or an item at one step, or for the interactions it lists
 * (see prisma ChatCard; adapters/telegram/interactionCards.ts says how an interaction card uses it).
 */
export interface CardRecord {
  id: string;
  platform: string;
  chatId: string;
  messageId: string;
  kind: 'card' | 'prompt';
  /** ticket: a card in the tickets chat (adapters/telegram/ticketCards.ts); royaltySheet: a month's sheet (royaltyCards.ts); serviceContract: a contract to approve (serviceCards.ts). */
  subjectType: 'submission' | 'item' | 'interaction' | 'ticket' | 'royaltySheet' | 'serviceContract' | 'priceList';
  subjectId: string;
  code: string;
  /** 'intake' for a submission waiting for triage. */
  step: Step | 'intake' | null;
  revisionHash: string | null;
  action: string | null;
  personId: string | null;
  previewId: string | null;
  closedAt: Date | null;
}

export interface DeskCounts {
  submissions: Record<string, number>;
  items: Record<string, number>;
  waitingAt: Record<string, number>;
}

/** Where a keyset page ended: the next page starts after this row. Opaque to callers. */
export interface QueueCursor {
  at: Date;
  id: string;
}

export interface QueuePage<T> {
  rows: T[];
  /** Null on the last page. */
  next: QueueCursor | null;
}

/** What waits for one person: submissions on the sites they triage (not their own), and items at steps they stand at. */
export interface PendingScope {
  intakeSiteIds: readonly string[];
  notSentBy: string;
  /** Per step, the sites where the person may decide at it. */
  steps: readonly { step: Step; siteIds: readonly string[] }[];
}

export interface PendingPage {
  /** How many wait in all, submissions first then items: the page is a window on that list. */
  submissionCount: number;
  itemCount: number;
  submissions: SubmissionRecord[];
  items: ItemRecord[];
}

/** Chat bookkeeping and the desk's read queries. */
export interface DeskStore {
  /** Oldest first: the first is the province portal created by `init`. */
  sites(): Promise<SiteRecord[]>;
  identityOf(personId: string, platform: string): Promise<IdentityRecord | null>;
  identityByUsername(platform: string, username: string): Promise<IdentityRecord | null>;
  setPersonLang(personId: string, lang: Lang, audit: AuditEntry): Promise<void>;

  submissionByCode(code: string): Promise<SubmissionRecord | null>;
  /** The whole list, oldest first: for tests and small tools. The desk reads the pages below. */
  receivedSubmissions(): Promise<SubmissionRecord[]>;
  /** The whole list, oldest first: for tests and small tools. The desk reads the pages below. */
  itemsInReview(): Promise<ItemRecord[]>;
  /** Oldest first, `limit` at a time, from the database. */
  receivedSubmissionsPage(after: QueueCursor | null, limit: number): Promise<QueuePage<SubmissionRecord>>;
  /** Oldest first, `limit` at a time, from the database. */
  itemsInReviewPage(after: QueueCursor | null, limit: number): Promise<QueuePage<ItemRecord>>;
  /** A window of what waits for one person (submissions oldest first, then items oldest first), and the totals. */
  pending(scope: PendingScope, offset: number, limit: number): Promise<PendingPage>;
  /** Newest first; with `seenBy`, only those on the given sites or originated by the person (the database filters). */
  recentItems(limit: number, seenBy?: { siteIds: readonly string[]; personId: string }): Promise<ItemRecord[]>;
  /** Over the given sites, or every site when none are given. */
  counts(siteIds?: readonly string[]): Promise<DeskCounts>;

  addCard(card: Omit<CardRecord, 'closedAt'>, at: Date): Promise<CardRecord>;
  cardById(id: string): Promise<CardRecord | null>;
  cardByMessage(platform: string, chatId: string, messageId: string): Promise<CardRecord | null>;
  openCards(platform: string, subjectId: string): Promise<CardRecord[]>;
  /** The open cards of many subjects in one read, oldest first. */
  openCardsOf(platform: string, subjectIds: readonly string[]): Promise<CardRecord[]>;
  /** True only for the caller that closed it. */
  closeCard(id: string, at: Date): Promise<boolean>;

}

export type Applied = { applied: true; item: ItemRecord } | { applied: false };

/** Storage port. Every write that changes what people see also appends its audit entry, atomically. */
export interface Store extends DeskStore, PortalStore, OutboxStore, ChatStore, InboxStore, LeaseStore, SealedStore, InteractionStore, TicketStore, CalendarStore, MailStore, ConsultationStore, ChangeLogStore, SearchStore, BulkPublicationStore, RoyaltyFrameStore, WorkRoyaltyStore, RoyaltySheetStore, RevenueStore, AdStore, AnalyticsStore, ReportStore, ReportRunStore {
  ping(): Promise<void>;
  close(): Promise<void>;

  createSite(site: Omit<SiteRecord, 'id' | 'responsible' | 'address' | 'phone' | 'email' | 'emblem' | 'accentColour'>, audit: AuditEntry): Promise<SiteRecord>;
  siteByKey(key: string): Promise<SiteRecord | null>;
  siteById(id: string): Promise<SiteRecord | null>;
  siteCount(): Promise<number>;
  setTeamCaps(siteId: string, caps: { maxEditors: number; maxTechAdmins: number }, audit: AuditEntry): Promise<SiteRecord>;
  /** Names and domain as corrected by an operator (key, kind and code prefix never change: codes and links use them). */
  editSite(siteId: string, changes: Partial<Pick<SiteRecord, 'nameVi' | 'nameEn' | 'domain'>>, audit: AuditEntry): Promise<SiteRecord>;
  /** The site's procedure links become `next`, if they are still `expected` (two operators at once: one wins, the other retries). */
  setSiteProcedures(siteId: string, expected: string | null, next: string | null, audit: AuditEntry): Promise<boolean>;
  setSiteContact(siteId: string, contact: Partial<Pick<SiteRecord, 'responsible' | 'address' | 'phone' | 'email'>>, audit: AuditEntry): Promise<SiteRecord>;
  /** Its emblem and accent colour (null: the portal's own), already checked and the emblem's files already kept. */
  setSiteLook(siteId: string, look: Partial<Pick<SiteRecord, 'emblem' | 'accentColour'>>, audit: AuditEntry): Promise<SiteRecord>;

  /** 'email_taken': another person holds the address (two adding it at once: the first wins). */
  createPerson(person: Omit<PersonRecord, 'id' | 'deactivatedAt'>, audit: AuditEntry): Promise<PersonRecord | 'email_taken'>;
  updatePerson(id: string, changes: { displayName?: string; email?: string | null; deactivatedAt?: null }, audit: AuditEntry): Promise<PersonRecord | 'email_taken'>;
  personById(id: string): Promise<PersonRecord | null>;
  /** The one person with this e-mail, whatever its case; null for none, or for several (peopleByEmail tells them apart). */
  personByEmail(email: string): Promise<PersonRecord | null>;
  /** Everyone with this e-mail, whatever its case: more than one only in a database from before addresses were unique. */
  peopleByEmail(email: string): Promise<PersonRecord[]>;
  /** Addresses (folded) held by more than one person, which an older release allowed; sorted. */
  sharedAddresses(): Promise<string[]>;
  /** Everyone on file, by name. */
  people(): Promise<PersonRecord[]>;
  personByIdentity(platform: string, platformUserId: string): Promise<PersonRecord | null>;

  grantsOnSite(siteId: string): Promise<GrantRecord[]>;
  grantsOf(personId: string): Promise<GrantRecord[]>;
  /** Re-reads the site's grants inside the transaction and inserts only if `check` still allows it. */
  addGrant<R>(grant: Omit<GrantRecord, 'id'> & { grantedById: string | null }, check: (existing: GrantRecord[]) => R | null, audit: AuditEntry): Promise<{ ok: true; grant: GrantRecord } | { ok: false; refusal: R }>;
  /** Ends the delegations given with it in the same write. */
  revokeGrant(grantId: string, by: string, at: Date, audit: AuditEntry, endDelegations: readonly { id: string; audit: AuditEntry }[]): Promise<void>;
  /** A person who left: their chat accounts unlinked and unused link codes voided, in one write with its audit row; the platforms unlinked. */
  closeAccess(personId: string, at: Date, audit: (closed: { chats: string[]; codes: number }) => AuditEntry): Promise<{ chats: string[]; codes: number }>;

  delegationsOnSite(siteId: string): Promise<DelegationRecord[]>;
  addDelegation(d: Omit<DelegationRecord, 'id'>, audit: AuditEntry): Promise<DelegationRecord>;
  revokeDelegation(id: string, by: string, at: Date, audit: AuditEntry): Promise<boolean>;

  addLinkCode(personId: string, codeHash: string, expiresAt: Date, audit: AuditEntry): Promise<void>;
  /** Binds the identity if the code is unused and unexpired; single use even under races. */
  useLinkCode(codeHash: string, identity: { platform: string; platformUserId: string; username: string | null }, at: Date, audit: (personId: string) => AuditEntry): Promise<{ ok: true; personId: string } | { ok: false; reason: 'invalid_code' | 'identity_taken' | 'person_has_identity' }>;

  /** Idempotent by channel + chat + first message id; a new submission gets its tracking code of `codeYear`. */
  addSubmission(s: SubmissionInput, codeYear: number, audit: AuditEntry): Promise<{ submission: SubmissionRecord; created: boolean }>;
  submissionById(id: string): Promise<SubmissionRecord | null>;
  /** Moves a submission out of `received`; when `item` is given, creates it in the same transaction. */
  triageSubmission(id: string, to: SubmissionState, note: string | null, decision: { actorId: string; role: Role }, item: NewItem | null, audit: AuditEntry): Promise<{ ok: true; item: ItemRecord | null } | { ok: false }>;

  createItem(item: NewItem, audit: AuditEntry): Promise<ItemRecord>;
  itemByCode(code: string): Promise<ItemRecord | null>;
  /** Writes the decision only if the item is still at `expectedVersion`. */
  applyDecision(item: ItemRecord, effect: Effect, actorId: string, revision: RevisionInput | null, at: Date, audit: AuditEntry): Promise<Applied>;
  latestDecision(itemId: string): Promise<DecisionRecord | null>;
  decisionsOf(itemId: string): Promise<DecisionRecord[]>;
  /** The longest due first, `limit` at most (the caller reads again while a batch comes full). */
  dueScheduled(now: Date, limit?: number): Promise<ItemRecord[]>;

  /** Walks the whole audit trail (rows, head, decisions, publications) and checks it against the checkpoints. */
  verifyAudit(checkpoints: readonly Checkpoint[]): Promise<AuditReport>;
  /** Seals an older release's trail under the key; on a keyed trail, does nothing. */
  keyAuditTrail(at: Date, options?: { acceptBreak?: boolean; anchored?: boolean }): Promise<KeyingOutcome>;
  /** The last row's sequence and seal, for a checkpoint. */
  auditSeal(): Promise<{ seq: number; mac: string }>;
  /** Whether the trail's last row was sealed with this row key; null when there is too little to tell (fewer than two rows). */
  auditKeyFits(rowKey: Buffer): Promise<boolean | null>;
  /** Audit rows that record no change of their own (refused attempts). */
  recordAudit(entries: readonly AuditEntry[]): Promise<void>;
}

/**
 * Documents as records (issue 20.4): merged into Store by a declaration of its own, so the domain's port lives in
 * its room (src/app/documents/ports.ts) and this file's long list is not edited for it.
 */
export interface Store extends DocumentStore {}

/** The periodic report's remaining sections (issue 20.6), merged the same way: the port lives in src/app/reports/activityPorts.ts. */
export interface Store extends ReportActivityStore {}

/** The portal's runs, for the report's uptime (src/app/reports/activityPorts.ts). */
export interface Store extends UptimeStore {}
