import type { RoyaltySheetStore, SheetRecord, SheetState } from '../app/royalties/ports.js';
import type { AuditTrail } from './audit.js';
import type { Db } from './client.js';

const STATES: readonly string[] = ['draft', 'approved', 'paid'];

/** Royalty sheets over Prisma: a draft is replaced whole, with its audit row; a closed sheet is never written again here. */
export function royaltySheetStore(db: Db, trail: AuditTrail): RoyaltySheetStore {
  return {
    async pricedWorks(siteId, from, to) {
      const rows = await db.workRoyalty.findMany({
        where: { item: { siteId, publishedAt: { gte: from, lt: to } } },
        include: { authors: { orderBy: { position: 'asc' } }, item: { select: { code: true, publishedAt: true, takenDownAt: true } } },
        orderBy: { item: { publishedAt: 'asc' } },
      });
      const titles = new Map((await db.publication.findMany({ where: { itemId: { in: rows.map((r) => r.itemId) } }, select: { itemId: true, title: true } })).map((p) => [p.itemId, p.title]));
      return rows.map(({ item, authors, ...royalty }) => ({
        itemId: royalty.itemId,
        code: item.code,
        title: titles.get(royalty.itemId) ?? item.code,
        publishedAt: item.publishedAt!,
        takenDownAt: item.takenDownAt,
        royalty: { ...royalty, authors: authors.map((a) => ({ personId: a.personId, penName: a.penName, sharePercent: a.sharePercent })) },
      }));
    },
    async itemsOnClosedSheets(itemIds) {
      const rows = await db.royaltySheetRow.findMany({ where: { itemId: { in: [...itemIds] }, sheet: { state: { in: ['approved', 'paid'] } } }, select: { itemId: true }, distinct: ['itemId'] });
      return new Set(rows.map((r) => r.itemId));
    },
    async sheetOf(siteId, month) {
      const row = await db.royaltySheet.findUnique({ where: { siteId_month: { siteId, month } }, include: { rows: { orderBy: { position: 'asc' } }, payees: { orderBy: { name: 'asc' } } } });
      if (!row) return null;
      if (!STATES.includes(row.state) || (row.rateDay !== 'publication' && row.rateDay !== 'payment')) throw new Error(`database holds an unknown sheet: ${row.state}/${row.rateDay}`);
      const { rows, payees, ...rest } = row;
      return {
        ...rest,
        state: row.state as SheetState,
        rateDay: row.rateDay,
        rows: rows.map(({ sheetId: _s, position: _p, ...r }) => r),
        payees: payees.map(({ sheetId: _s, ...p }) => p),
      } satisfies SheetRecord;
    },
    async putDraftSheet(sheet, audit) {
      return db.$transaction(async (t) => {
        const existing = await t.royaltySheet.findUnique({ where: { siteId_month: { siteId: sheet.siteId, month: sheet.month } }, select: { id: true, state: true } });
        if (existing && existing.state !== 'draft') return false;
        if (existing) {
          await t.royaltySheetRow.deleteMany({ where: { sheetId: existing.id } });
          await t.royaltySheetPayee.deleteMany({ where: { sheetId: existing.id } });
          await t.royaltySheet.delete({ where: { id: existing.id } });
        }
        const { rows, payees, ...fields } = sheet;
        await t.royaltySheet.create({ data: fields });
        await t.royaltySheetRow.createMany({ data: rows.map((r, position) => ({ sheetId: sheet.id, position, ...r })) });
        await t.royaltySheetPayee.createMany({ data: payees.map((p) => ({ sheetId: sheet.id, ...p })) });
        await trail.append(t, { ...audit, subjectId: sheet.id, data: { ...audit.data, replaced: existing?.id ?? null } });
        return true;
      });
    },
  };
}
