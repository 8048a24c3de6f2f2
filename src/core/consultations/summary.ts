/**
 * The summary the drafting agency receives when a consultation closes (seed Điều 13.2): every comment
 * grouped by section, with the count per section. Pure.
 *
 * Which comments count: every comment received while the consultation was open — waiting for a
 * moderator, published, or hidden for a reason other than spam or abuse — because the agency asked
 * for the public's opinions, not only those the portal shows. Comments hidden as spam or abuse are no
 * opinion on the draft: they are left out, and the summary says how many on each ground.
 *
 * The summary is linked from the public page, so it holds what the public may read: the author's name
 * reduced as the operator configures, the text without contact data.
 */
import { publicNameOf, withoutContactData, type PublicNameMode } from '../tickets/privacy.js';
import { groundOf, leftOut, type CommentRecord, type CommentState, type ConsultationRecord, type SectionRecord } from './model.js';

export interface SummaryRow {
  /** 1, 2, … across the whole summary, in the order received within each section. */
  n: number;
  receivedAt: Date;
  /** As published: null reads "a citizen". */
  author: string | null;
  text: string;
  state: CommentState;
}

export interface SummarySection {
  position: number;
  title: string;
  count: number;
  rows: SummaryRow[];
}

export interface Summary {
  title: string;
  agency: string;
  opensAt: Date;
  closesAt: Date;
  closedAt: Date;
  sections: SummarySection[];
  total: number;
  /** Comments received and not counted, by ground (spam, abuse). */
  leftOut: { spam: number; abuse: number };
}

export function summaryOf(
  c: Pick<ConsultationRecord, 'title' | 'agency' | 'opensAt' | 'closesAt' | 'closedAt'>,
  sections: readonly SectionRecord[],
  comments: readonly CommentRecord[],
  mode: PublicNameMode,
): Summary {
  const counted = comments.filter((x) => !leftOut(x));
  const out = { spam: 0, abuse: 0 };
  for (const x of comments) if (leftOut(x)) out[groundOf(x.reason) === 'spam' ? 'spam' : 'abuse'] += 1;
  let n = 0;
  const ordered = [...sections].sort((a, b) => a.position - b.position);
  const grouped = ordered.map((s) => {
    const mine = counted.filter((x) => x.sectionId === s.id).sort((a, b) => a.receivedAt.getTime() - b.receivedAt.getTime() || a.id.localeCompare(b.id));
    const rows = mine.map((x) => ({ n: (n += 1), receivedAt: x.receivedAt, author: publicNameOf(x.authorName, mode), text: withoutContactData(x.text), state: x.state }));
    return { position: s.position, title: s.title, count: rows.length, rows };
  });
  return { title: c.title, agency: c.agency, opensAt: c.opensAt, closesAt: c.closesAt, closedAt: c.closedAt ?? c.closesAt, sections: grouped, total: n, leftOut: out };
}
