import { message, type Lang } from '../messages.js';
import type { SheetRow } from './money.js';
import { feeKindKey, type FeeRole } from './work.js';

/** A fee's kind in words ("biên tập" / "editing"). */
export const feeKindName = (role: FeeRole | null, lang: Lang): string => message(lang, role === null ? 'royalty_fee_kind_other' : feeKindKey(role));

/** What a sheet row pays when it is not an author's royalty: "Thù lao biên tập" / "Fee for editing"; empty for a royalty. */
export function rowNote(row: Pick<SheetRow, 'kind' | 'feeRole'>, lang: Lang): string {
  return row.kind === 'fee' ? message(lang, 'royalty_fee_note', { role: feeKindName(row.feeRole, lang) }) : '';
}
