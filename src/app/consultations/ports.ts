import type { CommentRecord, CommentState, ConsultationRecord, ConsultationState, SectionRecord } from '../../core/consultations/model.js';
import type { Summary } from '../../core/consultations/summary.js';
import type { AuditEntry } from '../ports.js';

export type NewConsultation = Pick<ConsultationRecord, 'slug' | 'siteId' | 'title' | 'agency' | 'contactEmail' | 'documentRef' | 'documentName' | 'opensAt' | 'closesAt' | 'createdById' | 'createdAt'> & {
  sections: { position: number; title: string; text: string }[];
};

/** A comment as received; `dedupeKey`: one post stored once, however often it is delivered. */
export type NewComment = Pick<CommentRecord, 'consultationId' | 'sectionId' | 'dedupeKey' | 'authorName' | 'senderEmail' | 'senderContact' | 'text' | 'receivedAt'>;

export interface ConsultationWithSections {
  consultation: ConsultationRecord;
  sections: SectionRecord[];
}

/** Draft consultations: drafts, sections, comments, summaries. */
export interface ConsultationStore {
  /** With its sections, in one write, audited. Null when the slug is taken (two posted at once). */
  createConsultation(input: NewConsultation, audit: AuditEntry): Promise<ConsultationWithSections | null>;
  /** Slugs in use that start with this text (to choose a free one). */
  consultationSlugs(prefix: string): Promise<string[]>;
  consultationBySlug(slug: string): Promise<ConsultationWithSections | null>;
  consultationById(id: string): Promise<ConsultationWithSections | null>;
  /** Open ones by closing time (soonest first); closed ones most recently closed first. */
  listConsultations(filter: { state: ConsultationState; limit: number }): Promise<ConsultationRecord[]>;
  /** Open, and the deadline reached. */
  dueConsultations(now: Date): Promise<ConsultationRecord[]>;
  /** Closed and the summary not made, stored or queued for the agency: what a crash left to finish. */
  consultationsWithoutSummary(): Promise<ConsultationRecord[]>;
  /** Open → closed; true only for the one call that closed it. Audited in the same write. */
  closeConsultation(id: string, at: Date, audit: AuditEntry): Promise<boolean>;
  /** Sets both files once; false when a summary was stored already. Audited (the public page changes). */
  setConsultationSummary(id: string, refs: { docx: string; xlsx: string }, audit: AuditEntry): Promise<boolean>;
  /** The summary handed to the mail outbox; true only for the call that marked it. */
  markConsultationSummarySent(id: string, at: Date): Promise<boolean>;

  /** Stored once per dedupe key; a repeat returns the first with `created: false`. */
  addConsultationComment(input: NewComment): Promise<{ comment: CommentRecord; created: boolean }>;
  consultationCommentById(id: string): Promise<CommentRecord | null>;
  /** In the order received. */
  consultationComments(consultationId: string, filter?: { state?: CommentState; sectionId?: string }): Promise<CommentRecord[]>;
  /** Published comments per section id. */
  publishedCommentCounts(consultationId: string): Promise<Record<string, number>>;
  /**
   * A moderator's decision, written only if the comment is still in `fromState`; null when someone else
   * decided first. Audited in the same transaction.
   */
  decideConsultationComment(id: string, fromState: CommentState, decision: { state: CommentState; reason: string | null; decidedById: string | null; decidedAt: Date }, audit: AuditEntry): Promise<CommentRecord | null>;
  /** Comments no chat card was sent for yet, oldest first (for the desk). */
  unannouncedConsultationComments(limit: number): Promise<CommentRecord[]>;
  markConsultationCommentAnnounced(id: string, at: Date): Promise<void>;
}

/** Where a draft's file and the summaries are kept: media storage (src/store/consultationFiles.ts). */
export interface ConsultationFiles {
  /** Largest draft file taken (MEDIA_MAX_MB). */
  maxBytes: number;
  /** The type as sniffed from the bytes (file-type's extension), or null when they say nothing known. */
  sniff(bytes: Buffer): Promise<string | null>;
  /** Stored under the one ref format (src/core/mediaRef.ts); its ref. */
  keep(bytes: Buffer, name: string, at: Date): Promise<string>;
}

/** Makes the summary's two files (adapters/office). */
export interface SummaryWriter {
  docx(summary: Summary, timeZone: string): Promise<Buffer>;
  xlsx(summary: Summary, timeZone: string): Promise<Buffer>;
}
