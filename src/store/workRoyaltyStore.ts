import type { WorkRoyaltyRecord, WorkRoyaltyStore } from '../app/royalties/ports.js';
import { isFeeRole, type WorkFee } from '../core/royalties/work.js';
import type { AuditTrail } from './audit.js';
import type { Db, Tx } from './client.js';

/** A stored fee as the rules read it; a role this release does not know is a bug in the data, not a value. */
export function asWorkFee(row: { personId: string; role: string; coefficient: number }): WorkFee {
  if (!isFeeRole(row.role)) throw new Error(`database holds an unknown fee role: ${row.role}`);
  return { personId: row.personId, role: row.role, coefficient: row.coefficient };
}

export const WORK_PARTS = { authors: { orderBy: { position: 'asc' } }, fees: { orderBy: { position: 'asc' } } } as const;

async function read(t: Db | Tx, itemId: string): Promise<WorkRoyaltyRecord | null> {
  const row = await t.workRoyalty.findUnique({ where: { itemId }, include: WORK_PARTS });
  if (!row) return null;
  const { authors, fees, open: _open, ...rest } = row;
  return { ...rest, authors: authors.map((a) => ({ personId: a.personId, penName: a.penName, sharePercent: a.sharePercent })), fees: fees.map(asWorkFee) };
}

/** A work's royalty over Prisma: terms and authors replaced together with the audit row. */
export function workRoyaltyStore(db: Db, trail: AuditTrail): WorkRoyaltyStore {
  return {
    workRoyalty: (itemId) => read(db, itemId),
    async putWorkRoyalty(record, audit) {
      return db.$transaction(async (t) => {
        const previous = await read(t, record.itemId);
        const { authors, fees, itemId, ...fields } = record;
        await t.workAuthor.deleteMany({ where: { itemId } });
        await t.workFee.deleteMany({ where: { itemId } });
        // New terms are read by the next sheet, whatever sheets paid before (the difference is an adjustment).
        await t.workRoyalty.upsert({ where: { itemId }, create: { itemId, ...fields, open: true }, update: { ...fields, open: true } });
        await t.workAuthor.createMany({ data: authors.map((a, position) => ({ itemId, personId: a.personId, penName: a.penName, sharePercent: a.sharePercent, position })) });
        await t.workFee.createMany({ data: fees.map((f, position) => ({ itemId, personId: f.personId, role: f.role, coefficient: f.coefficient, position })) });
        const shown = (r: WorkRoyaltyRecord) => ({ genre: r.genreKey, coefficient: r.coefficient, encouragement: r.encouragementPercent, reason: r.encouragementReason, authors: r.authors, fees: r.fees, confirmedById: r.confirmedById });
        await trail.append(t, { ...audit, data: { ...audit.data, value: shown(record), ...(previous ? { previous: shown(previous) } : {}) } });
        return { previous };
      });
    },
  };
}
