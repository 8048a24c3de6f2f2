import type { AnalyticsStore, DayViews } from '../app/analytics/ports.js';
import type { ViewedKind } from '../core/analytics/pageViews.js';
import { mergeSketches, SKETCH_BYTES } from '../core/analytics/visitorSketch.js';
import { addDays } from '../core/tickets/calendar.js';
import type { Db } from './client.js';

/** Hour rows moved into days per run: a run stays short whatever the backlog. */
const ROLL_UP_BATCH = 5000;

export function analyticsStore(db: Db): AnalyticsStore {
  return {
    async addPageViews(views, sketches, terms) {
      if (views.length + sketches.length + terms.length === 0) return;
      await db.$transaction(async (t) => {
        for (const v of views) {
          await t.pageViewHour.upsert({
            where: { hour_siteKey_kind_ref: { hour: v.hour, siteKey: v.siteKey, kind: v.kind, ref: v.ref } },
            create: v,
            update: { views: { increment: v.views } },
          });
        }
        for (const s of sketches) {
          const kept = await t.visitorSketch.findUnique({ where: { day_siteKey: { day: s.day, siteKey: s.siteKey } } });
          const registers = kept && kept.registers.length === SKETCH_BYTES ? mergeSketches(new Uint8Array(kept.registers), s.registers) : s.registers;
          await t.visitorSketch.upsert({ where: { day_siteKey: { day: s.day, siteKey: s.siteKey } }, create: { ...s, registers: Buffer.from(registers) }, update: { registers: Buffer.from(registers) } });
        }
        for (const term of terms) {
          await t.searchTermDay.upsert({ where: { day_term: { day: term.day, term: term.term } }, create: term, update: { count: { increment: term.count } } });
        }
      });
    },

    async rollUpPageViewHours(beforeHour, dayOf) {
      const hours = await db.pageViewHour.findMany({ where: { hour: { lt: beforeHour } }, orderBy: [{ hour: 'asc' }, { siteKey: 'asc' }, { kind: 'asc' }, { ref: 'asc' }], take: ROLL_UP_BATCH });
      const byDay = new Map<string, DayViews>();
      for (const h of hours) {
        const day = dayOf(h.hour);
        const key = `${day}|${h.siteKey}|${h.kind}|${h.ref}`;
        const sum = byDay.get(key) ?? { day, siteKey: h.siteKey, kind: h.kind as ViewedKind, ref: h.ref, views: 0 };
        sum.views += h.views;
        byDay.set(key, sum);
      }
      // Moved whole: the day rows grow by exactly what the hour rows held, and those hour rows go, together.
      await db.$transaction(async (t) => {
        for (const d of byDay.values()) {
          await t.pageViewDay.upsert({ where: { day_siteKey_kind_ref: { day: d.day, siteKey: d.siteKey, kind: d.kind, ref: d.ref } }, create: d, update: { views: { increment: d.views } } });
        }
        for (const h of hours) await t.pageViewHour.delete({ where: { hour_siteKey_kind_ref: { hour: h.hour, siteKey: h.siteKey, kind: h.kind, ref: h.ref } } });
      });
      return hours.length;
    },

    async pageViewDays(fromDay, toDay, dayOf, siteKey) {
      const scope = siteKey === undefined ? {} : { siteKey };
      const days = await db.pageViewDay.findMany({ where: { day: { gte: fromDay, lte: toDay }, ...scope } });
      // Hours not rolled up yet: a day either side, as a local day may begin or end in another UTC day.
      const hours = await db.pageViewHour.findMany({ where: { hour: { gte: addDays(fromDay, -1), lt: addDays(toDay, 2) }, ...scope } });
      const sums = new Map<string, DayViews>();
      const add = (row: DayViews) => {
        if (row.day < fromDay || row.day > toDay) return;
        const key = `${row.day}|${row.siteKey}|${row.kind}|${row.ref}`;
        const sum = sums.get(key);
        if (sum) sum.views += row.views;
        else sums.set(key, { ...row });
      };
      for (const d of days) add({ day: d.day, siteKey: d.siteKey, kind: d.kind as ViewedKind, ref: d.ref, views: d.views });
      for (const h of hours) add({ day: dayOf(h.hour), siteKey: h.siteKey, kind: h.kind as ViewedKind, ref: h.ref, views: h.views });
      return [...sums.values()];
    },

    async visitorSketches(fromDay, toDay, siteKey) {
      const rows = await db.visitorSketch.findMany({ where: { day: { gte: fromDay, lte: toDay }, ...(siteKey === undefined ? {} : { siteKey }) } });
      return rows.map((r) => ({ day: r.day, siteKey: r.siteKey, registers: new Uint8Array(r.registers) }));
    },

    async topSearchTerms(fromDay, toDay, limit) {
      const groups = await db.searchTermDay.groupBy({ by: ['term'], where: { day: { gte: fromDay, lte: toDay } }, _sum: { count: true }, orderBy: [{ _sum: { count: 'desc' } }, { term: 'asc' }], take: limit });
      return groups.map((g) => ({ term: g.term, count: g._sum.count ?? 0 }));
    },
  };
}
