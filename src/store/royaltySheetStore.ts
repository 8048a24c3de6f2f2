import { randomUUID } from 'node:crypto';
import type { PayeeTotal, SheetRow } from '../core/royalties/money.js';
import { priorKey } from '../core/royalties/money.js';
import { isFeeRole, publishingStepFrom, termsConfirmed, type HeldDecision } from '../core/royalties/work.js';
import { SHEET_STATES, type AwaitingWork, type RoyaltySheetStore, type SheetRecord, type SheetState, type WorkToPay } from '../app/royalties/ports.js';
import type { AuditTrail } from './audit.js';
import { isUniqueViolationOn } from './errors.js';
import type { Db, Tx } from './client.js';
import { asWorkFee, WORK_PARTS } from './workRoyaltyStore.js';

function asSheetState(value: string): SheetState {
  const found = SHEET_STATES.find((s) => s === value);
  if (!found) throw new Error(`database holds an unknown royalty sheet state: ${value}`);
  return found;
}

function asHeldDecision(row: { decision: string; reason: string; decidedById: string | null; decidedAt: Date }): HeldDecision {
  if (row.decision !== 'pay' && row.decision !== 'skip') throw new Error(`database holds an unknown held-work decision: ${row.decision}`);
  return { decision: row.decision, reason: row.reason, decidedById: row.decidedById, decidedAt: row.decidedAt };
}

type RowColumns = Omit<SheetRow, 'kind' | 'feeRole'> & { id: string; sheetId: string; position: number; kind: string; feeRole: string | null };

function asRowKind(row: Pick<RowColumns, 'kind' | 'feeRole'>): Pick<SheetRow, 'kind' | 'feeRole'> {
  if (row.kind !== 'author' && row.kind !== 'fee') throw new Error(`database holds an unknown royalty row kind: ${row.kind}`);
  if (row.feeRole !== null && !isFeeRole(row.feeRole)) throw new Error(`database holds an unknown fee role: ${row.feeRole}`);
  return { kind: row.kind, feeRole: row.feeRole };
}

const toRow = (r: RowColumns): SheetRow => ({
  itemId: r.itemId, personId: r.personId, ...asRowKind(r), penName: r.penName, code: r.code, title: r.title, genreKey: r.genreKey, coefficient: r.coefficient, unitValue: r.unitValue,
  sitePercent: r.sitePercent, encouragementPercent: r.encouragementPercent, sharePercent: r.sharePercent, amount: r.amount, prior: r.prior,
});

async function readSheet(t: Db | Tx, where: { siteId_month: { siteId: string; month: string } } | { id: string }): Promise<SheetRecord | null> {
  const row = await t.royaltySheet.findUnique({ where, include: { rows: { orderBy: { position: 'asc' } }, payees: { orderBy: { name: 'asc' } } } });
  if (!row) return null;
  const { rows, payees, state, ...rest } = row;
  return { ...rest, state: asSheetState(state), rows: rows.map(toRow), payees: payees.map((p): PayeeTotal => ({ personId: p.personId, name: p.name, gross: p.gross, tax: p.tax, net: p.net })) };
}

/**
 * An approved sheet settles the works it saw with the terms it saw (updated no later than it was built): those
 * with rows on it, and the site's others published before `before` that are not taken down — already paid in
 * full, or not yet confirmed (confirming writes the terms, which opens the work again). A work taken down and
 * not on the sheet stays open: it waits for a decision, or was decided not to be paid.
 */
async function settleWorks(t: Tx, sheetId: string, before: Date): Promise<void> {
  const sheet = await t.royaltySheet.findUniqueOrThrow({ where: { id: sheetId }, select: { siteId: true, builtAt: true } });
  const onSheet = new Set((await t.royaltySheetRow.findMany({ where: { sheetId }, select: { itemId: true }, distinct: ['itemId'] })).map((r) => r.itemId));
  const cutoff = before < sheet.builtAt ? before : sheet.builtAt;
  const seen = { open: true, updatedAt: { lte: sheet.builtAt } };
  // The open works first (few, by their index), then narrowed here: a relation filter would read every item of the site.
  const open = await t.workRoyalty.findMany({ where: seen, select: { itemId: true, item: { select: { siteId: true, publishedAt: true, takenDownAt: true } } } });
  const settled = open
    .filter(({ itemId, item }) => onSheet.has(itemId) || (item.siteId === sheet.siteId && item.publishedAt !== null && item.publishedAt < cutoff && item.takenDownAt === null))
    .map((w) => w.itemId);
  for (let at = 0; at < settled.length; at += 500) {
    await t.workRoyalty.updateMany({ where: { ...seen, itemId: { in: settled.slice(at, at + 500) } }, data: { open: false } });
  }
}

/** For each item, when the publisher's card began to show it (publishingStepFrom), from its decisions. */
async function shownFromOf(t: Db | Tx, items: readonly { itemId: string; publishedAt: Date }[]): Promise<Map<string, Date>> {
  const decisions = await t.decision.findMany({ where: { itemId: { in: items.map((i) => i.itemId) } }, select: { itemId: true, action: true, createdAt: true } });
  const byItem = new Map<string, { action: string; createdAt: Date }[]>();
  for (const d of decisions) if (d.itemId !== null) byItem.set(d.itemId, [...(byItem.get(d.itemId) ?? []), d]);
  return new Map(items.map((i) => [i.itemId, publishingStepFrom(byItem.get(i.itemId) ?? [], i.publishedAt)]));
}

/** Royalty sheets over Prisma: a draft replaced whole, steps taken against the version read, each with its audit row. */
export function royaltySheetStore(db: Db, trail: AuditTrail): RoyaltySheetStore {
  return {
    royaltySheet: (siteId, month) => readSheet(db, { siteId_month: { siteId, month } }),

    async unpaidSheets() {
      const rows = await db.royaltySheet.findMany({ where: { state: { not: 'paid' } }, select: { id: true, siteId: true, month: true, state: true, version: true }, orderBy: [{ month: 'asc' }, { siteId: 'asc' }], take: 500 });
      return rows.map((r) => ({ ...r, state: asSheetState(r.state) }));
    },

    async worksToPay(siteId, before) {
      // Works a sheet approved with their current terms are settled: only those still moving are read, found by
      // the open index first (a few hundred, whatever the archive holds), then narrowed to the site and month.
      const open = (await db.workRoyalty.findMany({ where: { open: true }, select: { itemId: true } })).map((w) => w.itemId);
      const works = [];
      for (let at = 0; at < open.length; at += 500) {
        const page = await db.workRoyalty.findMany({
          // Narrowed here, not by a relation filter: that one is a subquery over every item of the site.
          where: { itemId: { in: open.slice(at, at + 500) } },
          include: { ...WORK_PARTS, item: { select: { siteId: true, code: true, publishedAt: true, takenDownAt: true, publishedRevisionId: true } } },
        });
        works.push(...page.filter((w) => w.item.siteId === siteId && w.item.publishedAt !== null && w.item.publishedAt < before));
      }
      works.sort((a, b) => (a.item.publishedAt?.getTime() ?? 0) - (b.item.publishedAt?.getTime() ?? 0) || a.item.code.localeCompare(b.item.code));
      const decided = new Map(
        (await db.heldWorkDecision.findMany({ where: { itemId: { in: works.filter((w) => w.item.takenDownAt !== null).map((w) => w.itemId) } } })).map((d) => [d.itemId, asHeldDecision(d)]),
      );
      const shown = await shownFromOf(db, works.flatMap((w) => (w.item.publishedAt ? [{ itemId: w.itemId, publishedAt: w.item.publishedAt }] : [])));
      const revisions = new Map(
        (await db.revision.findMany({ where: { id: { in: works.map((w) => w.item.publishedRevisionId).filter((id): id is string => id !== null) } }, select: { id: true, title: true } })).map((r) => [r.id, r.title]),
      );
      return works.flatMap(({ authors, fees, open: _open, item, ...terms }): WorkToPay[] => {
        // The query asked for published items only; the column is nullable for items in review.
        if (item.publishedAt === null) return [];
        return [
          {
            itemId: terms.itemId,
            code: item.code,
            title: (item.publishedRevisionId && revisions.get(item.publishedRevisionId)) || item.code,
            publishedAt: item.publishedAt,
            shownFrom: shown.get(terms.itemId) ?? item.publishedAt,
            takenDownAt: item.takenDownAt,
            royalty: { ...terms, authors: authors.map((a) => ({ personId: a.personId, penName: a.penName, sharePercent: a.sharePercent })), fees: fees.map(asWorkFee) },
            held: decided.get(terms.itemId) ?? null,
          },
        ];
      });
    },

    async worksAwaitingSheet(siteId, from, to, limit) {
      // The portal's publications, read by their publication time (index publishedAt, itemId): a window of
      // weeks, whatever the archive's size, not every item the site ever had.
      const published = await db.publication.findMany({
        where: { siteId, publishedAt: { gte: from, lt: to }, takenDownAt: null },
        select: { itemId: true, code: true, title: true, publishedAt: true },
        // Ties (items published in one batch) in the order they were filed.
        orderBy: [{ publishedAt: 'asc' }, { code: 'asc' }],
        take: limit,
      });
      const ids = published.map((p) => p.itemId);
      const signed = new Set(
        (await db.royaltySheetRow.findMany({ where: { itemId: { in: ids }, sheet: { state: { in: ['approved', 'paid'] } } }, select: { itemId: true }, distinct: ['itemId'] })).map((r) => r.itemId),
      );
      const terms = new Map((await db.workRoyalty.findMany({ where: { itemId: { in: ids } }, select: { itemId: true, confirmedAt: true, updatedAt: true } })).map((t) => [t.itemId, t]));
      const shown = await shownFromOf(db, published);
      return published.flatMap((p): AwaitingWork[] => {
        if (signed.has(p.itemId)) return [];
        const set = terms.get(p.itemId);
        return [{ itemId: p.itemId, code: p.code, title: p.title, publishedAt: p.publishedAt, terms: set === undefined ? 'none' : termsConfirmed(set, shown.get(p.itemId) ?? p.publishedAt) ? 'confirmed' : 'proposed' }];
      });
    },

    async sheetsWithWork(itemId) {
      const sheets = await db.royaltySheet.findMany({ where: { rows: { some: { itemId } } }, orderBy: { month: 'asc' }, select: { month: true, state: true } });
      return sheets.map((s) => ({ month: s.month, state: asSheetState(s.state) }));
    },

    async paidOnSheets(itemIds, exceptSheetId, month) {
      const rows = await db.royaltySheetRow.findMany({
        // A draft of a later month claims nothing: the earliest month's sheet pays a work (a draft is rebuilt).
        where: { itemId: { in: [...itemIds] }, ...(exceptSheetId ? { sheetId: { not: exceptSheetId } } : {}), sheet: { OR: [{ state: { not: 'draft' } }, { month: { lt: month } }] } },
        select: { sheetId: true, itemId: true, personId: true, kind: true, feeRole: true, amount: true },
      });
      const payees = await db.royaltySheetPayee.findMany({ where: { sheetId: { in: [...new Set(rows.map((r) => r.sheetId))] } }, select: { sheetId: true, personId: true, gross: true, tax: true } });
      const onSheet = new Map(payees.map((p) => [`${p.sheetId}:${p.personId}`, p]));
      const paid = new Map<string, { amount: number; tax: number }>();
      for (const r of rows) {
        const key = priorKey(r.itemId, r.personId, asRowKind(r).feeRole);
        const payee = onSheet.get(`${r.sheetId}:${r.personId}`);
        // Each sheet's tax on a person, shared over their rows by amount.
        const tax = payee && payee.gross > 0 ? (payee.tax * r.amount) / payee.gross : 0;
        const sum = paid.get(key) ?? { amount: 0, tax: 0 };
        paid.set(key, { amount: sum.amount + r.amount, tax: sum.tax + tax });
      }
      return new Map([...paid].map(([key, p]) => [key, { amount: p.amount, tax: Math.round(p.tax) }]));
    },

    async putDraftSheet(sheet, audit) {
      return db.$transaction(async (t) => {
        const existing = await t.royaltySheet.findUnique({ where: { siteId_month: { siteId: sheet.siteId, month: sheet.month } }, select: { id: true, state: true, version: true } });
        if (existing && existing.state !== 'draft') return { locked: asSheetState(existing.state) };
        const { rows, payees, ...fields } = sheet;
        const id = existing?.id ?? randomUUID();
        if (existing) {
          await t.royaltySheetRow.deleteMany({ where: { sheetId: id } });
          await t.royaltySheetPayee.deleteMany({ where: { sheetId: id } });
          await t.royaltySheet.update({ where: { id }, data: { ...fields, version: existing.version + 1 } });
        } else await t.royaltySheet.create({ data: { id, ...fields } });
        await t.royaltySheetRow.createMany({ data: rows.map((r, position) => ({ id: randomUUID(), sheetId: id, position, ...r })) });
        await t.royaltySheetPayee.createMany({ data: payees.map((p) => ({ sheetId: id, ...p })) });
        await trail.append(t, { ...audit, subjectId: id });
        const written = await readSheet(t, { id });
        if (!written) throw new Error('royalty sheet vanished inside its own transaction');
        return { written };
      });
    },

    async stepSheet(id, version, change, audit, fund, settle) {
      return db.$transaction(async (t) => {
        const done = await t.royaltySheet.updateMany({ where: { id, version }, data: { ...change, version: version + 1 } });
        if (done.count === 0) return false;
        if (fund) await t.royaltyFundEntry.create({ data: { id: randomUUID(), ...fund } });
        if (settle) await settleWorks(t, id, settle.before);
        await trail.append(t, audit);
        return true;
      });
    },

    async payeeTaxFacts(personIds) {
      const rows = await db.royaltyPayee.findMany({ where: { personId: { in: [...personIds] } } });
      return new Map(rows.map((r) => [r.personId, { nonResident: r.nonResident, waiverYear: r.waiverYear }]));
    },

    async putPayeeTaxFacts(personId, facts, at, audit) {
      await db.$transaction(async (t) => {
        await t.royaltyPayee.upsert({ where: { personId }, create: { personId, ...facts, updatedAt: at }, update: { ...facts, updatedAt: at } });
        await trail.append(t, audit);
      });
    },

    async heldDecision(itemId) {
      const row = await db.heldWorkDecision.findUnique({ where: { itemId } });
      return row ? asHeldDecision(row) : null;
    },

    async putHeldDecision(itemId, decision, audit) {
      try {
        await db.$transaction(async (t) => {
          await t.heldWorkDecision.create({ data: { itemId, ...decision } });
          await trail.append(t, audit);
        });
        return true;
      } catch (error) {
        // Two people deciding at once: the first decision stands, the second is told so.
        if (isUniqueViolationOn(error, ['HeldWorkDecision'])) return false;
        throw error;
      }
    },

    async personMonthRows(personId, month) {
      const rows = await db.royaltySheetRow.findMany({ where: { personId, sheet: { month } }, include: { sheet: { select: { siteId: true, state: true } } }, orderBy: [{ sheetId: 'asc' }, { position: 'asc' }] });
      return rows.map((r) => ({ ...toRow(r), siteId: r.sheet.siteId, sheetState: asSheetState(r.sheet.state) }));
    },
  };
}
