import type { Genre, SalaryPeriod, SiteKindRate, TaxPeriod } from '../core/royalties/frame.js';
import type { RoyaltyFrameStore } from '../app/royalties/ports.js';
import type { AuditEntry } from '../app/ports.js';
import type { AuditTrail } from './audit.js';
import type { Db, Tx } from './client.js';

const salary = (r: SalaryPeriod): SalaryPeriod => ({ from: r.from, baseSalary: r.baseSalary, unitPercent: r.unitPercent });
const tax = (r: TaxPeriod): TaxPeriod => ({ from: r.from, threshold: r.threshold, ratePercent: r.ratePercent, nonResidentRatePercent: r.nonResidentRatePercent });
const genre = (r: Genre & { position: number }): Genre => ({ key: r.key, nameVi: r.nameVi, nameEn: r.nameEn, min: r.min, max: r.max });
const siteRate = (r: SiteKindRate): SiteKindRate => ({ siteKind: r.siteKind, from: r.from, percent: r.percent });

/** The royalty frame over Prisma. */
/**
 * A base salary or a site rate from `day` reprices the works published since: they are read by the next sheet
 * again, which pays (or takes back) the difference as adjustment rows. A day early, whatever the time zone.
 */
async function reopenFrom(t: Tx, day: string, where: { site?: { kind: string } }): Promise<void> {
  const since = new Date(Date.parse(`${day}T00:00:00Z`) - 86_400_000);
  await t.workRoyalty.updateMany({ where: { open: false, item: { ...where, publishedAt: { gte: since } } }, data: { open: true } });
}

export function royaltyFrameStore(db: Db, trail: AuditTrail): RoyaltyFrameStore {
  /** Reads the row, writes the new one and the audit entry (with both values) in one transaction. */
  async function put<T extends object>(audit: AuditEntry, read: (t: Tx) => Promise<T | null>, write: (t: Tx) => Promise<unknown>, value: T) {
    return db.$transaction(async (t) => {
      const previous = await read(t);
      await write(t);
      await trail.append(t, { ...audit, data: { ...audit.data, value, ...(previous ? { previous } : {}) } });
      return { previous };
    });
  }
  return {
    async royaltyFrame() {
      const [salaries, taxes, genres, siteRates] = await Promise.all([
        db.royaltySalary.findMany({ orderBy: { from: 'asc' } }),
        db.royaltyTax.findMany({ orderBy: { from: 'asc' } }),
        db.royaltyGenre.findMany({ orderBy: [{ position: 'asc' }, { key: 'asc' }] }),
        db.royaltySiteRate.findMany({ orderBy: [{ siteKind: 'asc' }, { from: 'asc' }] }),
      ]);
      return { salaries: salaries.map(salary), taxes: taxes.map(tax), genres: genres.map(genre), siteRates: siteRates.map(siteRate) };
    },
    putSalary: (p, audit) =>
      put(audit, async (t) => {
        const row = await t.royaltySalary.findUnique({ where: { from: p.from } });
        return row && salary(row);
      }, async (t) => {
        await t.royaltySalary.upsert({ where: { from: p.from }, create: p, update: p });
        await reopenFrom(t, p.from, {});
      }, p),
    putTax: (p, audit) =>
      put(audit, async (t) => {
        const row = await t.royaltyTax.findUnique({ where: { from: p.from } });
        return row && tax(row);
      }, (t) => t.royaltyTax.upsert({ where: { from: p.from }, create: p, update: p }), p),
    putGenre: (g, audit) =>
      put(audit, async (t) => {
        const row = await t.royaltyGenre.findUnique({ where: { key: g.key } });
        return row && genre(row);
      }, async (t) => {
        const last = await t.royaltyGenre.aggregate({ _max: { position: true } });
        const fields = { nameVi: g.nameVi, nameEn: g.nameEn, min: g.min, max: g.max };
        await t.royaltyGenre.upsert({ where: { key: g.key }, create: { key: g.key, ...fields, position: (last._max.position ?? 0) + 1 }, update: fields });
      }, g),
    putSiteRate: (r, audit) =>
      put(audit, async (t) => {
        const row = await t.royaltySiteRate.findUnique({ where: { siteKind_from: { siteKind: r.siteKind, from: r.from } } });
        return row && siteRate(row);
      }, async (t) => {
        await t.royaltySiteRate.upsert({ where: { siteKind_from: { siteKind: r.siteKind, from: r.from } }, create: r, update: { percent: r.percent } });
        await reopenFrom(t, r.from, { site: { kind: r.siteKind } });
      }, r),
  };
}
