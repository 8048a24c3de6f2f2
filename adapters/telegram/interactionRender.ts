import { InlineKeyboard } from 'grammy';
import { formatLocal } from '../../src/core/dates.js';
import { ageOf, lineActions, lineRef, trimmed, type LineAction } from '../../src/core/interactions/desk.js';
import { publicAuthor, type InteractionRecord, type InteractionSource } from '../../src/core/interactions/model.js';
import { message, type Lang } from '../../src/core/messages.js';
import type { CallbackSigner, PressAction } from './callbackData.js';

const TEXT_CHARS = 300;
const ANSWER_CHARS = 200;
const MAX_MESSAGE = 4000;

export const ACTION_OF: Record<LineAction, PressAction> = { publish: 'interactionPublish', reply: 'interactionReply', hide: 'interactionHide', ticket: 'interactionTicket' };
export const LINE_ACTION: Partial<Record<PressAction, LineAction>> = Object.fromEntries(Object.entries(ACTION_OF).map(([k, v]) => [v, k]));

/** A line as the card shows it: the record now, and whether it was edited after the card went out. */
export interface ShownLine {
  record: InteractionRecord;
  outdated: boolean;
}

/** Who is named on a card line. A rater is never named (ratings are confidential by rule); moderators see a follower's name. */
function authorOf(lang: Lang, r: InteractionRecord): string {
  if (r.kind === 'rating') return message(lang, 'icard_anonymous');
  return trimmed(publicAuthor(r) ?? '', 80) || (trimmed(r.authorName ?? '', 80) || message(lang, 'icard_anonymous'));
}

export const sourceLabel = (lang: Lang, source: InteractionSource) => message(lang, `source_${source}`);

function decisionOf(lang: Lang, r: InteractionRecord, names: ReadonlyMap<string, string>, timeZone: string): string | null {
  const name = (id: string | null) => (id ? (names.get(id) ?? '?') : '?');
  const time = (at: Date | null) => (at ? formatLocal(at, timeZone) : '');
  switch (r.state) {
    case 'new':
      return null;
    case 'published':
      return message(lang, 'icard_done_published', { name: name(r.decidedById), time: time(r.decidedAt) });
    case 'answered':
      return message(lang, 'icard_done_answered', { name: name(r.answeredById), time: time(r.answeredAt), answer: trimmed(r.answerText ?? '', ANSWER_CHARS) });
    case 'hidden':
      return message(lang, 'icard_done_hidden', { name: name(r.decidedById), time: time(r.decidedAt), reason: r.reason ?? '' });
    case 'ticket':
      return message(lang, 'icard_done_ticket', { name: name(r.decidedById), time: time(r.decidedAt) });
  }
}

/** The people a card names as deciders, to look up once. */
export const decidersOf = (lines: readonly ShownLine[]): string[] => [...new Set(lines.flatMap(({ record: r }) => [r.decidedById, r.answeredById].filter((x): x is string => x !== null)))];

/**
 * One card: a title, then each interaction numbered with its source, kind, author, time and words, and
 * under it what was decided; its buttons sit in one row per line that still has any.
 */
export function interactionCard(
  lang: Lang,
  title: string,
  lines: readonly ShownLine[],
  names: ReadonlyMap<string, string>,
  timeZone: string,
  button: { cardId: string; signer: CallbackSigner },
): { text: string; keyboard: InlineKeyboard | null } {
  const out = [title];
  const kb = new InlineKeyboard();
  let buttons = 0;
  lines.forEach(({ record: r, outdated }, index) => {
    const n = String(index + 1);
    const head = message(lang, 'icard_line', { n, source: sourceLabel(lang, r.source), kind: message(lang, `icard_kind_${r.kind}`), author: authorOf(lang, r), time: formatLocal(r.occurredAt, timeZone) });
    out.push('', r.editedAt ? `${head} · ${message(lang, 'icard_edited')}` : head);
    if (r.ratingMean !== null) out.push(message(lang, 'icard_rating', { mean: r.ratingMean.toFixed(1) }));
    if (r.text.trim() !== '') out.push(`«${trimmed(r.text, TEXT_CHARS)}»`);
    const decided = decisionOf(lang, r, names, timeZone);
    if (decided) out.push(decided);
    if (outdated) return void out.push(message(lang, 'icard_outdated'));
    if (r.removedAt) return void out.push(message(lang, 'icard_removed'));
    const actions = lineActions(r);
    for (const action of actions) kb.text(message(lang, `ibtn_${action}`, { n }), button.signer.sign(ACTION_OF[action], button.cardId, lineRef(index, r.state)));
    if (actions.length > 0) kb.row();
    buttons += actions.length;
  });
  const text = out.join('\n');
  return { text: text.length > MAX_MESSAGE ? `${text.slice(0, MAX_MESSAGE - 1)}…` : text, keyboard: buttons > 0 ? kb : null };
}

const DIGEST_LINES = 30;

/** The daily list of what still waits for a moderator, oldest first, with its age and a count per source. */
export function digestText(lang: Lang, waiting: readonly InteractionRecord[], now: Date): string {
  const counts = new Map<InteractionSource, number>();
  for (const r of waiting) counts.set(r.source, (counts.get(r.source) ?? 0) + 1);
  const bySource = [...counts].map(([source, n]) => `${sourceLabel(lang, source)} ${n}`).join(' · ');
  const lines = waiting.slice(0, DIGEST_LINES).map((r) => {
    const age = ageOf(now.getTime() - r.receivedAt.getTime());
    return message(lang, 'idigest_line', {
      age: message(lang, `age_${age.unit}`, { n: String(age.n) }),
      source: sourceLabel(lang, r.source),
      where: r.code ?? message(lang, 'idigest_no_item'),
      author: authorOf(lang, r),
      text: trimmed(r.text, 120),
    });
  });
  const more = waiting.length > DIGEST_LINES ? [message(lang, 'idigest_more', { count: String(waiting.length - DIGEST_LINES) })] : [];
  const text = [message(lang, 'idigest_title', { count: String(waiting.length), bySource }), ...lines, ...more].join('\n');
  return text.length > MAX_MESSAGE ? `${text.slice(0, MAX_MESSAGE - 1)}…` : text;
}
