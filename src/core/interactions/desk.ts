/**
 * The moderators' chat, pure: how new interactions are grouped into cards, which line of a card a
 * button is for, what a moderator may still do on a line, and when the daily digest is due.
 */
import { withoutControls, type InteractionRecord, type InteractionSource, type InteractionState } from './model.js';

/** Lines on one card: 4 buttons each stays far under Telegram's 100, and 6 full lines (words, answer, names) under its 4096 characters. */
export const MAX_LINES_PER_CARD = 6;

export interface CardGroup {
  /** The card's subject: `item:<id>`, or `source:<source>` for what sits under no item (Zalo OA messages). */
  key: string;
  itemId: string | null;
  code: string | null;
  source: InteractionSource;
  records: InteractionRecord[];
}

export const groupKeyOf = (r: Pick<InteractionRecord, 'itemId' | 'source'>): string => (r.itemId ? `item:${r.itemId}` : `source:${r.source}`);

/** A rating with no words has nothing to read or answer: it counts at once and gets no card line. */
export const needsCard = (r: Pick<InteractionRecord, 'kind' | 'text'>): boolean => !(r.kind === 'rating' && r.text.trim() === '');

/** One card per item (or per source, for what is under no item), oldest first; a large group takes several cards. */
export function cardGroups(records: readonly InteractionRecord[], maxLines = MAX_LINES_PER_CARD): CardGroup[] {
  const byKey = new Map<string, InteractionRecord[]>();
  for (const r of records) {
    const key = groupKeyOf(r);
    byKey.set(key, [...(byKey.get(key) ?? []), r]);
  }
  const out: CardGroup[] = [];
  for (const [key, rows] of byKey) {
    for (let i = 0; i < rows.length; i += maxLines) {
      const chunk = rows.slice(i, i + maxLines);
      const first = chunk[0]!;
      out.push({ key, itemId: first.itemId, code: first.code, source: first.source, records: chunk });
    }
  }
  return out;
}

/** How far a line's record has come on the platform: each edit or removal adds to its history. */
export const versionOf = (r: Pick<InteractionRecord, 'history'>): number => r.history.length;

/** A card's lines as its row keeps them: the interaction and the version the card showed. */
export interface CardLine {
  id: string;
  version: number;
}

export const encodeLines = (lines: readonly CardLine[]): string => lines.map((l) => `${l.id}@${l.version}`).join(' ');

export function decodeLines(text: string | null): CardLine[] {
  if (!text) return [];
  return text.split(' ').flatMap((part) => {
    const m = /^([^@\s]+)@(\d+)$/.exec(part);
    return m ? [{ id: m[1] ?? '', version: Number(m[2]) }] : [];
  });
}

const STATE_LETTER: Record<InteractionState, string> = { new: 'n', published: 'p', answered: 'a', hidden: 'h', ticket: 't' };
const LETTER_STATE = Object.fromEntries(Object.entries(STATE_LETTER).map(([k, v]) => [v, k])) as Record<string, InteractionState>;

/**
 * What a button says besides its action: the line (0-based) and the state the card showed there, so a
 * press on a line whose state moved since is a stale press, not a decision on something else.
 */
export const lineRef = (index: number, state: InteractionState): string => `${index}${STATE_LETTER[state]}`;

export function readLineRef(ref: string | null): { index: number; state: InteractionState } | null {
  const m = /^(\d{1,2})([a-z])$/.exec(ref ?? '');
  const state = m ? LETTER_STATE[m[2] ?? ''] : undefined;
  return m && state ? { index: Number(m[1]), state } : null;
}

export type LineAction = 'publish' | 'reply' | 'hide' | 'ticket';

/**
 * The buttons a line still has. Hidden, turned into a ticket or removed by its author: none. Let out
 * and then edited on the platform: publishing again lets out the new words, or it can be hidden. Once
 * answered, nothing more unless it was edited since.
 */
export function lineActions(r: Pick<InteractionRecord, 'state' | 'answerText' | 'kind' | 'text' | 'publicText' | 'removedAt'>): LineAction[] {
  if (r.removedAt !== null) return [];
  if (r.state === 'new') return ['publish', 'reply', 'hide', 'ticket'];
  const edited = r.publicText !== null && r.publicText !== r.text;
  // A private message answered privately can still be let out, or kept from ever being.
  if (r.state === 'answered') return edited ? ['publish', 'hide'] : r.publicText === null ? ['publish', 'hide'] : [];
  if (r.state !== 'published') return [];
  const open = r.answerText === null && needsCard(r);
  return [...(edited ? (['publish'] as const) : []), ...(open ? (['reply'] as const) : []), 'hide', ...(open ? (['ticket'] as const) : [])];
}

/** The day (yyyy-mm-dd) and time (HH:mm) in the province's zone. */
export function localDayTime(instant: Date, timeZone: string): { day: string; time: string } {
  const parts = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).formatToParts(instant);
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return { day: `${get('year')}-${get('month')}-${get('day')}`, time: `${get('hour')}:${get('minute')}` };
}

/** The day a digest is owed for now, or null: before `at` (HH:mm) in the zone, or once that day's was sent. */
export function digestDay(now: Date, timeZone: string, at: string, lastSentDay: string | null): string | null {
  const { day, time } = localDayTime(now, timeZone);
  if (time < at) return null;
  return lastSentDay !== null && lastSentDay >= day ? null : day;
}

/** How long something has waited, in the largest whole unit that fits. */
export function ageOf(ms: number): { unit: 'minutes' | 'hours' | 'days'; n: number } {
  const minutes = Math.max(0, Math.floor(ms / 60_000));
  if (minutes < 60) return { unit: 'minutes', n: minutes };
  const hours = Math.floor(minutes / 60);
  return hours < 24 ? { unit: 'hours', n: hours } : { unit: 'days', n: Math.floor(hours / 24) };
}

/** One line of text, at most `max` characters: cards stay compact whatever a citizen pasted. */
export function trimmed(text: string, max: number): string {
  const flat = withoutControls(text).replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}
