import type { PayeeTotal } from '../../core/royalties/money.js';
import type { Lang } from '../../core/messages.js';
import type { Deps } from '../deps.js';
import type { PersonMonthRow, SheetState } from './ports.js';

/** One person's month as they read it in a private chat: their rows, and their total on each site's sheet. */
export interface MyMonth {
  rows: (PersonMonthRow & { genreName: Record<Lang, string>; siteName: string })[];
  totals: (PayeeTotal & { siteName: string; state: SheetState })[];
}

/** What `person` was paid (or is to be paid) for `month`: their own rows only, never anyone else's. */
export async function myRoyalties(deps: Deps, personId: string, month: string): Promise<MyMonth> {
  const rows = await deps.store.personMonthRows(personId, month);
  const genres = new Map((await deps.store.royaltyFrame()).genres.map((g) => [g.key, { vi: g.nameVi, en: g.nameEn }]));
  const sites = new Map((await deps.store.sites()).map((s) => [s.id, s]));
  const totals: MyMonth['totals'] = [];
  for (const siteId of [...new Set(rows.map((r) => r.siteId))]) {
    const sheet = await deps.store.royaltySheet(siteId, month);
    const mine = sheet?.payees.find((p) => p.personId === personId);
    if (sheet && mine) totals.push({ ...mine, siteName: sites.get(siteId)?.nameVi ?? siteId, state: sheet.state });
  }
  return {
    rows: rows.map((r) => ({ ...r, genreName: genres.get(r.genreKey) ?? { vi: r.genreKey, en: r.genreKey }, siteName: sites.get(r.siteId)?.nameVi ?? r.siteId })),
    totals,
  };
}
