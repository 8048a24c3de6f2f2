import { message, type Lang } from '../messages.js';
import type { SheetRow } from './money.js';
import { feeKindKey, type FeeRole } from './work.js';

/** A fee's kind in words ("biên tập" / "editing"). */
export const feeKindName = (role: FeeRole | null, lang: Lang): string => message(lang, role === null ? 'royalty_fee_kind_other' : feeKindKey(role));

/** What a sheet row pays when it is not an author's royalty: "Thù lao biên tập" / "Fee for editing"; empty for a royalty. */
export function rowNote(row: Pick<SheetRow, 'kind' | 'feeRole'>, lang: Lang): string {
  return row.kind === 'fee' ? message(lang, 'royalty_fee_note', { role: feeKindName(row.feeRole, lang) }) : '';
}

/**
 * What else a row's amount was multiplied by, as the reader checks the sum: a component site's rate (under 100 %)
 * and the work's encouragement (above 0); empty when neither applies. " × 20 % (mức của trang) × (1 + 30 % khuyến khích)".
 */
export function rowFactors(row: Pick<SheetRow, 'sitePercent' | 'encouragementPercent'>, lang: Lang): string {
  const site = row.sitePercent !== 100 ? message(lang, 'royalty_factor_site', { percent: String(row.sitePercent) }) : '';
  const more = row.encouragementPercent > 0 ? message(lang, 'royalty_factor_encouragement', { percent: String(row.encouragementPercent) }) : '';
  return `${site}${more}`;
}
