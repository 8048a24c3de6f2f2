/**
 * Draft-document consultations (seed Điều 13.2; notes/regulation.md §4a.3): an agency's draft is posted
 * with its sections and a closing time; the public comments on a section until then; every comment waits
 * for a moderator; at the deadline the consultation closes once and its summary goes back to the agency.
 * Pure: no clock, no I/O.
 */
import { fold } from '../search.js';
import { publicNameOf, withoutContactData, type PublicNameMode } from '../tickets/privacy.js';

export const CONSULTATION_STATES = ['open', 'closed'] as const;
export type ConsultationState = (typeof CONSULTATION_STATES)[number];
export const isConsultationState = (v: string): v is ConsultationState => (CONSULTATION_STATES as readonly string[]).includes(v);

export const COMMENT_STATES = ['new', 'published', 'hidden'] as const;
export type CommentState = (typeof COMMENT_STATES)[number];
export const isCommentState = (v: string): v is CommentState => (COMMENT_STATES as readonly string[]).includes(v);

/**
 * Why a comment is hidden. Spam and abuse are not opinions on the draft: they are left out of the summary
 * (which says how many and why). Anything else hidden (off the point, a duplicate, personal data that
 * cannot be published) is still a citizen's opinion the agency asked for, so it is listed in the summary.
 */
export const HIDE_GROUNDS = ['spam', 'abuse', 'other'] as const;
export type HideGround = (typeof HIDE_GROUNDS)[number];
export const isHideGround = (v: string): v is HideGround => (HIDE_GROUNDS as readonly string[]).includes(v);
export const LEFT_OUT_GROUNDS: readonly HideGround[] = ['spam', 'abuse'];

export const TITLE_MAX = 300;
export const AGENCY_MAX = 200;
export const SECTIONS_MAX = 100;
export const SECTION_TEXT_MAX = 20_000;
export const REASON_MAX = 500;

export interface ConsultationRecord {
  id: string;
  slug: string;
  siteId: string;
  title: string;
  agency: string;
  contactEmail: string;
  documentRef: string;
  documentName: string;
  opensAt: Date;
  closesAt: Date;
  state: ConsultationState;
  closedAt: Date | null;
  summaryDocxRef: string | null;
  summaryXlsxRef: string | null;
  summarySentAt: Date | null;
  createdById: string | null;
  createdAt: Date;
}

export interface SectionRecord {
  id: string;
  consultationId: string;
  position: number;
  title: string;
  text: string;
}

/** Contact details a commenter left besides the e-mail: kept for the agency's questions, never published. */
export interface CommentContact {
  phone?: string;
  address?: string;
}

export interface CommentRecord {
  id: string;
  consultationId: string;
  sectionId: string;
  dedupeKey: string;
  authorName: string;
  senderEmail: string | null;
  senderContact: CommentContact;
  text: string;
  state: CommentState;
  /** For a hidden comment: `ground` or `ground: note` (see hideReason). */
  reason: string | null;
  decidedById: string | null;
  decidedAt: Date | null;
  receivedAt: Date;
  announcedAt: Date | null;
}

/** Taking comments: opened, not closed, and the deadline not reached (the job may not have run yet). */
export function acceptsComments(c: Pick<ConsultationRecord, 'state' | 'opensAt' | 'closesAt'>, now: Date): boolean {
  return c.state === 'open' && now >= c.opensAt && now < c.closesAt;
}

/** Past its deadline and still open: the job closes it. */
export const isDue = (c: Pick<ConsultationRecord, 'state' | 'closesAt'>, now: Date) => c.state === 'open' && c.closesAt <= now;

/** Closed, or past its deadline: the public page says so whether or not the job has run. */
export const isOver = (c: Pick<ConsultationRecord, 'state' | 'closesAt'>, now: Date) => c.state === 'closed' || c.closesAt <= now;

/** Closed and its summary not yet made, stored or handed to the mail outbox: the job finishes it. */
export const needsSummary = (c: Pick<ConsultationRecord, 'state' | 'summaryDocxRef' | 'summaryXlsxRef' | 'summarySentAt'>) =>
  c.state === 'closed' && (c.summaryDocxRef === null || c.summaryXlsxRef === null || c.summarySentAt === null);

export type ModerationCommand = { type: 'publish' } | { type: 'hide'; ground: HideGround; note: string };
export type ModerationRefusal = 'consultation_comment_hidden' | 'consultation_comment_published' | 'consultation_reason_required' | 'consultation_reason_too_long';

/**
 * Pre-moderation: new → published | hidden. A published comment may still be hidden (abuse noticed
 * later); a hidden one stays hidden (its reason is on record). `other` needs a note saying why.
 */
export function moderate(current: CommentState, command: ModerationCommand): { ok: true; state: CommentState; reason: string | null } | { ok: false; reason: ModerationRefusal } {
  if (current === 'hidden') return { ok: false, reason: 'consultation_comment_hidden' };
  if (command.type === 'publish') {
    if (current === 'published') return { ok: false, reason: 'consultation_comment_published' };
    return { ok: true, state: 'published', reason: null };
  }
  const note = command.note.trim();
  if (command.ground === 'other' && note === '') return { ok: false, reason: 'consultation_reason_required' };
  if ([...note].length > REASON_MAX) return { ok: false, reason: 'consultation_reason_too_long' };
  return { ok: true, state: 'hidden', reason: hideReason(command.ground, note) };
}

export const hideReason = (ground: HideGround, note: string) => (note.trim() === '' ? ground : `${ground}: ${note.trim()}`);

/** The ground a stored reason names; a reason written some other way counts as `other`. */
export function groundOf(reason: string | null): HideGround {
  const head = (reason ?? '').split(':')[0]!.trim();
  return isHideGround(head) ? head : 'other';
}

/** Left out of the summary: hidden as spam or abuse. */
export const leftOut = (c: Pick<CommentRecord, 'state' | 'reason'>) => c.state === 'hidden' && LEFT_OUT_GROUNDS.includes(groundOf(c.reason));

/** A comment as the public reads it: the name reduced as the operator configures, no contact data. */
export interface PublicComment {
  id: string;
  sectionId: string;
  /** Null: the page says "a citizen". */
  author: string | null;
  text: string;
  receivedAt: Date;
}

export function publicComment(c: Pick<CommentRecord, 'id' | 'sectionId' | 'authorName' | 'text' | 'receivedAt'>, mode: PublicNameMode): PublicComment {
  return { id: c.id, sectionId: c.sectionId, author: publicNameOf(c.authorName, mode), text: withoutContactData(c.text), receivedAt: c.receivedAt };
}

/**
 * The address part of a draft's page: the title folded to ASCII words joined by dashes, at most 60
 * characters, never empty. `taken` says whether one is in use; -2, -3… are tried after it.
 */
export function slugFor(title: string, taken: (slug: string) => boolean): string {
  const base = fold(title).replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 60).replace(/-+$/, '') || 'du-thao';
  if (!taken(base)) return base;
  for (let n = 2; ; n += 1) if (!taken(`${base}-${n}`)) return `${base}-${n}`;
}

export const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
export const isSlug = (v: string) => v.length <= 80 && SLUG.test(v);
