import { cleanName, visibleText } from '../names.js';
import { refuse, type Refused } from '../result.js';
import { coefficientProblem, formatCoefficient, type Genre } from './frame.js';

/**
 * What a fee (thù lao) pays for: work on someone else's piece — editing it, its photos or footage, supplying
 * the information it was made from (the notes, §1: fees go to editors and others who worked on or supplied it).
 */
export const FEE_ROLES = ['editing', 'photo', 'video', 'supply', 'other'] as const;
export type FeeRole = (typeof FEE_ROLES)[number];
export const isFeeRole = (value: string): value is FeeRole => (FEE_ROLES as readonly string[]).includes(value);

/** One fee on a work: who, for what, at what coefficient (hundredths), priced like the work but without encouragement. */
export interface WorkFee {
  personId: string;
  role: FeeRole;
  coefficient: number;
}

/** What pays one work, as the desk sets it. */
export interface WorkRoyaltyTerms {
  genreKey: string;
  /** Hundredths. */
  coefficient: number;
  encouragementPercent: number;
  encouragementReason: string | null;
  authors: { personId: string; penName: string | null; sharePercent: number }[];
  /** Fees for those who worked on the work without writing it; none by default. */
  fees: WorkFee[];
}

export type WorkRoyaltyRefusal =
  | 'royalty_unknown_genre' | 'royalty_outside_frame' | 'royalty_bad_encouragement' | 'royalty_reason_needed' | 'royalty_no_author' | 'royalty_author_twice' | 'royalty_shares'
  | 'royalty_fee_role' | 'royalty_fee_twice' | 'royalty_fee_author' | 'royalty_fee_above_work' | 'royalty_bad_pen_name';

/** Coefficients for a refusal, as each language writes them: `name` in Vietnamese (1,5), `nameEn` in English (1.5). */
function bothWays(values: Record<string, number>): Record<string, string> {
  return Object.fromEntries(Object.entries(values).flatMap(([name, v]) => [[name, formatCoefficient(v, 'vi')], [`${name}En`, formatCoefficient(v, 'en')]]));
}

/** Encouragement reaches +100 % for works made in difficult or dangerous conditions (the notes, §1). */
const MAX_ENCOURAGEMENT = 100;

/** Whether the terms fit the frame: a known genre, a coefficient in its range, shares of distinct authors summing to 100. */
export function workTermsProblem(genres: readonly Genre[], terms: WorkRoyaltyTerms): Refused<WorkRoyaltyRefusal> | null {
  const genre = genres.find((g) => g.key === terms.genreKey);
  if (!genre) return refuse('royalty_unknown_genre', { genre: terms.genreKey, genres: genres.map((g) => g.key).join(', ') });
  if (coefficientProblem(genre, terms.coefficient) !== null) {
    return refuse('royalty_outside_frame', { genre: genre.key, ...bothWays({ coefficient: terms.coefficient, min: genre.min, max: genre.max }) });
  }
  if (!Number.isInteger(terms.encouragementPercent) || terms.encouragementPercent < 0 || terms.encouragementPercent > MAX_ENCOURAGEMENT) return refuse('royalty_bad_encouragement', { value: String(terms.encouragementPercent), max: String(MAX_ENCOURAGEMENT) });
  if (terms.encouragementPercent > 0 && !terms.encouragementReason?.trim()) return refuse('royalty_reason_needed');
  if (terms.authors.length === 0) return refuse('royalty_no_author');
  if (new Set(terms.authors.map((a) => a.personId)).size !== terms.authors.length) return refuse('royalty_author_twice');
  // A pen name goes onto the sheet people sign: the rules of a name (no control character, no direction override).
  const badPen = terms.authors.find((a) => a.penName !== null && cleanName(a.penName) === null);
  if (badPen?.penName) return refuse('royalty_bad_pen_name', { pen: visibleText(badPen.penName) });
  const sum = terms.authors.reduce((a, b) => a + b.sharePercent, 0);
  if (terms.authors.some((a) => !Number.isInteger(a.sharePercent) || a.sharePercent < 1) || sum !== 100) return refuse('royalty_shares', { sum: String(sum) });
  return feesProblem(terms);
}

/**
 * Fees: a known role, one fee a person, never to one of the work's authors (their work is paid as royalty),
 * and never above the smallest author's part of the work (coefficient × share) — an author's royalty must not
 * be lower than the fee for related work on the same genre (the notes, §1).
 */
function feesProblem(terms: WorkRoyaltyTerms): Refused<WorkRoyaltyRefusal> | null {
  const authors = new Set(terms.authors.map((a) => a.personId));
  // In hundredths of a hundredth: coefficient (hundredths) × share (percent), exact in integers.
  const smallestPart = Math.min(...terms.authors.map((a) => terms.coefficient * a.sharePercent));
  const seen = new Set<string>();
  for (const fee of terms.fees) {
    if (!isFeeRole(fee.role)) return refuse('royalty_fee_role', { role: fee.role, roles: FEE_ROLES.join(', ') });
    if (seen.has(fee.personId)) return refuse('royalty_fee_twice', { person: fee.personId });
    seen.add(fee.personId);
    if (authors.has(fee.personId)) return refuse('royalty_fee_author', { person: fee.personId });
    if (!Number.isInteger(fee.coefficient) || fee.coefficient < 1 || fee.coefficient * 100 > smallestPart) {
      return refuse('royalty_fee_above_work', { person: fee.personId, ...bothWays({ coefficient: fee.coefficient, work: Math.floor(smallestPart / 100) }) });
    }
  }
  return null;
}

/**
 * Whether a work's terms stand for the sheet: set by a publisher (confirmed), or in place before the publisher's
 * card went out (`shownFrom`: when the publishing step began) and published from it — publishing confirms what the
 * card showed. Terms changed after that card went out, by anyone but a publisher, wait for a publisher again.
 */
export function termsConfirmed(terms: { confirmedAt: Date | null; updatedAt: Date }, shownFrom: Date): boolean {
  return terms.confirmedAt !== null || shownFrom >= terms.updatedAt;
}

/**
 * When the publisher's card began to show an item: the last decision before the one that published it (a
 * secretary publishing under delegation writes two at once; both are the publishing moment). With no decision
 * before it, the publishing moment itself.
 */
export function publishingStepFrom(decisions: readonly { action: string; createdAt: Date }[], publishedAt: Date): Date {
  const approvals = decisions.filter((d) => d.action === 'approve' && d.createdAt <= publishedAt).map((d) => d.createdAt.getTime());
  const publishing = approvals.length > 0 ? Math.max(...approvals) : publishedAt.getTime();
  const before = decisions.map((d) => d.createdAt.getTime()).filter((t) => t < publishing);
  return new Date(before.length > 0 ? Math.max(...before) : publishing);
}

/** What was decided for a work taken down before it was paid. */
export interface HeldDecision {
  decision: 'pay' | 'skip';
  reason: string;
  decidedById: string | null;
  decidedAt: Date;
}

/**
 * Where a work stands for the sheet: payable while it stays published; taken down before payment, it is
 * held until someone decides, then paid or left out as decided — never dropped unseen (Điều 17).
 */
export function workFate(work: { takenDownAt: Date | null; held: HeldDecision | null }): 'payable' | 'held' | 'skipped' {
  if (work.takenDownAt === null) return 'payable';
  if (work.held === null) return 'held';
  return work.held.decision === 'pay' ? 'payable' : 'skipped';
}

/**
 * The 60-day rule: a work must be paid within 60 days of publication, so from day 45 it is listed to the
 * secretary until an approved sheet holds it. Works older than `watchDays` are not listed again: a portal
 * that starts paying royalties does not list its whole archive.
 */
export const SHEET_DEADLINE = { listAfterDays: 45, payWithinDays: 60, watchDays: 90 } as const;

/** Whole days from publication to `now`. */
export function daysSincePublished(publishedAt: Date, now: Date): number {
  return Math.floor((now.getTime() - publishedAt.getTime()) / 86_400_000);
}

/** The catalogue key naming a fee's kind. */
export const feeKindKey = (role: FeeRole) => `royalty_fee_kind_${role}` as const;
