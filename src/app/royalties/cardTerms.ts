import { explain, message, type Lang } from '../../core/messages.js';
import { formatCoefficient, parseCoefficient } from '../../core/royalties/frame.js';
import { feeKindName } from '../../core/royalties/rows.js';
import type { WorkFee } from '../../core/royalties/work.js';
import type { Deps } from '../deps.js';
import { setWorkRoyalty } from './works.js';

/** What pays the work, as a review card shows it, on every platform: publishing with these terms on the card confirms them. */
export interface CardRoyalty {
  /** The genre's name in each language: a card is read in its reader's. */
  genreName: Record<Lang, string>;
  coefficient: number;
  confirmed: boolean;
  /** Shown, with who gets them, because publishing confirms what the card shows, fees included. */
  fees: readonly (WorkFee & { name: string })[];
}

/** The work's genre, coefficient and fees for its card, or null when none is set yet. */
export async function cardRoyalty(deps: Deps, itemId: string): Promise<CardRoyalty | null> {
  const terms = await deps.store.workRoyalty(itemId);
  if (!terms) return null;
  const genre = (await deps.store.royaltyFrame()).genres.find((g) => g.key === terms.genreKey);
  const fees = [];
  for (const fee of terms.fees) fees.push({ ...fee, name: (await deps.store.personById(fee.personId))?.displayName ?? fee.personId });
  return { genreName: { vi: genre?.nameVi ?? terms.genreKey, en: genre?.nameEn ?? terms.genreKey }, coefficient: terms.coefficient, confirmed: terms.confirmedAt !== null, fees };
}

/** The card's royalty lines: the terms and how to change them (`/heso`), or how to set them. */
export function royaltyLine(lang: Lang, code: string, royalty: CardRoyalty | null): string {
  if (royalty === null) return message(lang, 'card_royalty_none', { code });
  const state = message(lang, royalty.confirmed ? 'card_royalty_confirmed' : 'card_royalty_proposed');
  const line = message(lang, 'card_royalty', { genre: royalty.genreName[lang], coefficient: formatCoefficient(royalty.coefficient, lang), state, code });
  if (royalty.fees.length === 0) return line;
  return `${line}\n${message(lang, 'card_royalty_fees', { fees: royalty.fees.map((f) => `${f.name}, ${feeKindName(f.role, lang)} ${formatCoefficient(f.coefficient, lang)}`).join('; ') })}`;
}

/**
 * `/heso CODE GENRE COEFFICIENT`, on any chat platform: the desk proposes a work's genre and coefficient within
 * the frame (the head or a deputy head setting them confirms); anything else is answered with the usage and the
 * frame's genres. The answer is what the person reads.
 */
export async function coefficientCommand(deps: Deps, personId: string, lang: Lang, args: string): Promise<string> {
  const [code = '', genreKey, typed, ...extra] = args.trim().split(/\s+/).filter(Boolean);
  const genres = (await deps.store.royaltyFrame()).genres;
  const coefficient = typed === undefined ? null : parseCoefficient(typed);
  if (code === '' || genreKey === undefined || coefficient === null || extra.length > 0) {
    const list = genres.map((g) => `• ${g.key}: ${lang === 'vi' ? g.nameVi : g.nameEn} (${formatCoefficient(g.min, lang)}–${formatCoefficient(g.max, lang)})`);
    // A code is short: anything longer is not repeated back into a shared chat.
    const example = /^[A-Z0-9-]{1,40}$/i.test(code) ? code.toUpperCase() : 'BP-2026-00001';
    return [message(lang, 'royalty_heso_usage', { example }), ...list].join('\n');
  }
  const done = await setWorkRoyalty(deps, { kind: 'person', personId }, code, { genreKey, coefficient });
  if (!done.ok) return explain(lang, done);
  const genre = genres.find((g) => g.key === done.value.genreKey);
  const state = message(lang, done.value.confirmedAt ? 'card_royalty_confirmed' : 'card_royalty_proposed');
  return message(lang, 'royalty_heso_done', { code: code.toUpperCase(), genre: genre ? (lang === 'vi' ? genre.nameVi : genre.nameEn) : genreKey, coefficient: formatCoefficient(done.value.coefficient, lang), state });
}
