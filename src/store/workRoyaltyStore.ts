import type { WorkRoyaltyRecord, WorkRoyaltyStore } from '../app/royalties/ports.js';
import type { AuditTrail } from './audit.js';
import type { Db, Tx } from './client.js';

async function read(t: Db | Tx, itemId: string): Promise<WorkRoyaltyRecord | null> {
  const row = await t.workRoyalty.findUnique({ where: { itemId }, include: { authors: { orderBy: { position: 'asc' } } } });
  if (!row) return null;
  const { authors, ...rest } = row;
  return { ...rest, authors: authors.map((a) => ({ personId: a.personId, penName: a.penName, sharePercent: a.sharePercent })) };
}

/** A work's royalty over Prisma: terms and authors replaced together with the audit row. */
export function workRoyaltyStore(db: Db, trail: AuditTrail): WorkRoyaltyStore {
  return {
    workRoyalty: (itemId) => read(db, itemId),
    async putWorkRoyalty(record, audit) {
      return db.$transaction(async (t) => {
        const previous = await read(t, record.itemId);
        const { authors, itemId, ...fields } = record;
        await t.workAuthor.deleteMany({ where: { itemId } });
        // New terms are read by the next sheet, whatever sheets paid before (the difference is an adjustment).
        await t.workRoyalty.upsert({ where: { itemId }, create: { itemId, ...fields, open: true }, update: { ...fields, open: true } });
        await t.workAuthor.createMany({ data: authors.map((a, position) => ({ itemId, personId: a.personId, penName: a.penName, sharePercent: a.sharePercent, position })) });
        const shown = (r: WorkRoyaltyRecord) => ({ genre: r.genreKey, coefficient: r.coefficient, encouragement: r.encouragementPercent, reason: r.encouragementReason, authors: r.authors, confirmedById: r.confirmedById });
        await trail.append(t, { ...audit, data: { ...audit.data, value: shown(record), ...(previous ? { previous: shown(previous) } : {}) } });
        return { previous };
      });
    },
  };
}
