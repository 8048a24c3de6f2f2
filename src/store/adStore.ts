import { randomUUID } from 'node:crypto';
import { isAdZone } from '../core/ads/rules.js';
import type { AdRecord, AdStore } from '../app/ads/ports.js';
import type { AuditTrail } from './audit.js';
import { nextCodeNumber } from './items.js';
import type { Db } from './client.js';

type AdRow = Awaited<ReturnType<Db['ad']['findFirstOrThrow']>>;

function toAd({ zone, state, ...row }: AdRow): AdRecord {
  if (!isAdZone(zone)) throw new Error(`database holds an unknown ad zone: ${zone}`);
  if (state !== 'live' && state !== 'stopped') throw new Error(`database holds an unknown ad state: ${state}`);
  return { ...row, zone, state };
}

/** Ads, their hourly and daily counts and readers' reports, over Prisma. */
export function adStore(db: Db, trail: AuditTrail): AdStore {
  return {
    async placeAd(ad, year, audit) {
      return db.$transaction(async (t) => {
        const code = `QC-${year}-${String(await nextCodeNumber(t, 'ad', year)).padStart(3, '0')}`;
        const id = randomUUID();
        const row = await t.ad.create({ data: { ...ad, id, code } });
        await trail.append(t, { ...audit, subjectId: id, data: { ...audit.data, code } });
        return toAd(row);
      });
    },

    async adByCode(code) {
      const row = await db.ad.findUnique({ where: { code: code.trim().toUpperCase() } });
      return row && toAd(row);
    },

    async adById(id) {
      const row = await db.ad.findUnique({ where: { id } });
      return row && toAd(row);
    },

    async ads(filter, limit) {
      const rows = await db.ad.findMany({ where: { ...(filter.siteId ? { siteId: filter.siteId } : {}), ...(filter.zone ? { zone: filter.zone } : {}) }, orderBy: [{ createdAt: 'desc' }, { code: 'desc' }], take: limit });
      return rows.map(toAd);
    },

    async liveAds(fromDay, toDay) {
      const rows = await db.ad.findMany({ where: { state: 'live', startDay: { lte: toDay }, endDay: { gte: fromDay } }, orderBy: { code: 'asc' }, take: 1000 });
      return rows.map(toAd);
    },

    async stopAd(id, audit) {
      return db.$transaction(async (t) => {
        const done = await t.ad.updateMany({ where: { id, state: 'live' }, data: { state: 'stopped' } });
        if (done.count === 0) return false;
        await trail.append(t, audit);
        return true;
      });
    },

    async addAdCounts(rows) {
      if (rows.length === 0) return;
      await db.$transaction(async (t) => {
        for (const r of rows) {
          const add = { impressions: { increment: r.impressions }, views: { increment: r.views }, clicks: { increment: r.clicks } };
          await t.adHour.upsert({ where: { adId_hour: { adId: r.adId, hour: r.hour } }, create: r, update: add });
        }
      });
    },

    async rollUpAdHours(beforeHour, dayOf) {
      const hours = await db.adHour.findMany({ where: { hour: { lt: beforeHour } }, orderBy: [{ adId: 'asc' }, { hour: 'asc' }], take: 5000 });
      const byAdDay = new Map<string, { adId: string; day: string; impressions: number; views: number; clicks: number }>();
      for (const h of hours) {
        const key = `${h.adId}|${dayOf(h.hour)}`;
        const sum = byAdDay.get(key) ?? { adId: h.adId, day: dayOf(h.hour), impressions: 0, views: 0, clicks: 0 };
        sum.impressions += h.impressions;
        sum.views += h.views;
        sum.clicks += h.clicks;
        byAdDay.set(key, sum);
      }
      // Moved whole: the day rows grow by exactly what the hour rows held, and those hour rows go, together.
      await db.$transaction(async (t) => {
        for (const d of byAdDay.values()) {
          await t.adDay.upsert({ where: { adId_day: { adId: d.adId, day: d.day } }, create: d, update: { impressions: { increment: d.impressions }, views: { increment: d.views }, clicks: { increment: d.clicks } } });
        }
        for (const h of hours) await t.adHour.delete({ where: { adId_hour: { adId: h.adId, hour: h.hour } } });
      });
      return hours.length;
    },

    async adDays(adId, dayOf) {
      const days = new Map<string, { day: string; impressions: number; views: number; clicks: number }>();
      const add = (day: string, c: { impressions: number; views: number; clicks: number }) => {
        const sum = days.get(day) ?? { day, impressions: 0, views: 0, clicks: 0 };
        sum.impressions += c.impressions;
        sum.views += c.views;
        sum.clicks += c.clicks;
        days.set(day, sum);
      };
      for (const d of await db.adDay.findMany({ where: { adId } })) add(d.day, d);
      for (const h of await db.adHour.findMany({ where: { adId } })) add(dayOf(h.hour), h);
      return [...days.values()].sort((a, b) => a.day.localeCompare(b.day));
    },

    async addAdReport(report) {
      await db.adReport.create({ data: report });
    },

    untoldAdReports: (limit) => db.adReport.findMany({ where: { toldAt: null }, orderBy: { createdAt: 'asc' }, take: limit }),

    async markAdReportsTold(ids, at) {
      await db.adReport.updateMany({ where: { id: { in: [...ids] } }, data: { toldAt: at } });
    },

    adReports: (limit) => db.adReport.findMany({ orderBy: { createdAt: 'desc' }, take: limit }),
  };
}
