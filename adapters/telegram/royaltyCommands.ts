import { localDay } from '../../src/core/dates.js';
import { message, type Lang } from '../../src/core/messages.js';
import { formatCoefficient } from '../../src/core/royalties/frame.js';
import { monthBefore, shownMonth, typedMonth } from '../../src/core/royalties/months.js';
import { feeKindName, rowFactors } from '../../src/core/royalties/rows.js';
import { myRoyalties } from '../../src/app/royalties/mine.js';
import { coefficientCommand } from '../../src/app/royalties/cardTerms.js';
import type { Handler } from './commands.js';

const money = new Intl.NumberFormat('vi-VN');

/**
 * `/nhuanbut [mm/yyyy]` (English `/royalties`): a linked person's own works, coefficients and amounts
 * for a month. Only in a private chat with the bot: in a group, everyone in it would read the figures.
 */
const mine: Handler = async (env, ctx, args, { person, lang }) => {
  if (ctx.chat?.type !== 'private') return message(lang, 'royalty_mine_private');
  if (!person) return message(lang, 'not_linked');
  const typed = args.trim();
  const month = typed === '' ? monthBefore(localDay(env.deps.clock(), env.deps.timeZone).slice(0, 7)) : typedMonth(typed);
  if (month === null) return message(lang, 'royalty_bad_month', { given: typed.slice(0, 40) });
  const { rows, totals } = await myRoyalties(env.deps, person.id, month);
  if (rows.length === 0) return message(lang, 'royalty_mine_none', { month: shownMonth(month) });
  const l: Lang = lang;
  const lines = [message(l, 'royalty_mine_head', { month: shownMonth(month), name: person.displayName })];
  for (const r of rows) {
    const figures = { code: r.code, title: r.title, coefficient: formatCoefficient(r.coefficient, l), unit: money.format(r.unitValue), amount: money.format(r.amount), factors: rowFactors(r, l) };
    const line = r.kind === 'fee' ? message(l, 'royalty_mine_fee_row', { ...figures, role: feeKindName(r.feeRole, l) }) : message(l, 'royalty_mine_row', { ...figures, genre: r.genreName[l], share: String(r.sharePercent) });
    lines.push(line + (r.prior === 0 ? '' : ` (${message(l, 'royalty_adjustment')})`));
  }
  for (const t of totals) lines.push(message(l, 'royalty_mine_total', { site: t.siteName, gross: money.format(t.gross), tax: money.format(t.tax), net: money.format(t.net), state: message(l, `royalty_state_${t.state}`) }));
  return lines.join('\n');
};

/**
 * `/heso CODE GENRE COEFFICIENT` in the editorial chat or privately: the desk proposes a work's genre and
 * coefficient within the frame; the head or a deputy head setting them confirms. Bare `/heso` lists the frame.
 */
const coefficient: Handler = async (env, ctx, args, { person, lang }) => {
  if (!person) return message(lang, 'not_linked');
  const inDesk = ctx.chat?.type === 'private' || (env.editorialChat !== null && String(ctx.chat?.id) === env.editorialChat);
  if (!inDesk) return message(lang, 'private_only');
  return coefficientCommand(env.deps, person.id, lang, args);
};

export const ROYALTY_COMMANDS: Record<string, Handler> = { nhuanbut: mine, royalties: mine, heso: coefficient };
