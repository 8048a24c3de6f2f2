/**
 * How soon a published document went up after it was issued (issue 20.4; notes/regulation.md §2a.4, NĐ 43/2011
 * Điều 17 as configurable defaults): working days from the issue date to the day it was published, against the
 * deadline for its kind. Pure: the calendar and the days are passed in.
 */
import { workingDaysBetween, type WorkingCalendar } from '../tickets/calendar.js';
import type { DocumentType } from './record.js';

/** The deadline kinds of §2a.4, in working days after the event that starts them (issue, approval, decision). */
export const UPDATE_DEADLINES = {
  /** Legal documents, by the issuing agency. */
  legal: 2,
  /** Legal documents, by the other agencies they concern. */
  legalOther: 10,
  policy: 15,
  /** Strategies, plans, investment projects and tenders, after approval. */
  plans: 10,
  statistics: 10,
  science: 20,
} as const;
export type DeadlineKind = keyof typeof UPDATE_DEADLINES;
/** The working days each kind of deadline allows: the defaults above with what the province set (DOCUMENT_DEADLINES). */
export type DeadlineTable = Readonly<Record<DeadlineKind, number>>;
export const DEADLINE_KINDS = Object.keys(UPDATE_DEADLINES) as DeadlineKind[];

/** Which deadline a type of document falls under: the one table, so a change of rule is one line. */
export const DEADLINE_OF_TYPE: Readonly<Record<DocumentType, DeadlineKind>> = {
  'quyet-dinh': 'legal',
  'nghi-quyet': 'legal',
  'chi-thi': 'legal',
  'thong-tu': 'legal',
  'nghi-dinh': 'legal',
  luat: 'legal',
  'cong-van': 'legal',
  'thong-bao': 'legal',
  'to-trinh': 'legal',
  'bao-cao': 'statistics',
  'ke-hoach': 'plans',
  'chuong-trinh': 'plans',
  'huong-dan': 'policy',
};

export interface Timeliness {
  /** Working days after the issue date up to the day of publication (the issue day itself never counts). */
  workingDays: number;
  deadline: number;
  onTime: boolean;
}

/**
 * `issuedOn` and `publishedOn` are local days (YYYY-MM-DD). Counted as a deadline is (src/core/tickets/calendar.ts):
 * the issue day does not count, so a decision issued on Friday and published on Tuesday took 2 working days.
 * A document published before its issue date (typed wrong, or posted ahead) counts 0.
 */
export function documentTimeliness(docType: DocumentType, issuedOn: string, publishedOn: string, cal: WorkingCalendar, deadlines: DeadlineTable = UPDATE_DEADLINES): Timeliness {
  const deadline = deadlines[DEADLINE_OF_TYPE[docType]];
  const workingDays = Math.max(0, workingDaysBetween(issuedOn, publishedOn, cal));
  return { workingDays, deadline, onTime: workingDays <= deadline };
}

/**
 * What a reader is told (src/core/documents/messages.ts): on time with the days it took, or late by how many
 * working days past the deadline, with the deadline, never the deadline alone as if it were the delay.
 */
export function timelinessWording(t: Timeliness): { key: 'docs_on_time' | 'docs_late'; detail: Record<string, string> } {
  const plural = (n: number) => (n === 1 ? '' : 's');
  if (t.onTime) return { key: 'docs_on_time', detail: { days: String(t.workingDays), s: plural(t.workingDays) } };
  const late = t.workingDays - t.deadline;
  return { key: 'docs_late', detail: { late: String(late), ls: plural(late), deadline: String(t.deadline), ds: plural(t.deadline) } };
}
