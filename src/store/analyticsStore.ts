import type { AnalyticsStore, DayViews } from '../app/analytics/ports.js';
import type { ViewedKind } from '../core/analytics/pageViews.js';
import { mergeSketches, SKETCH_BYTES } from '../core/analytics/visitorSketch.js';
import { addDays } from '../core/tickets/calendar.js';
import type { Db } from './client.js';

/** Hour rows moved into days per run: a run stays short whatever the backlog. */
const ROLL_UP_BATCH = 5000;
/** Days of rolled-up rows per read of a long period. */
const DAYS_PER_READ = 31;

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
      const sums = new Map<string, DayViews>();
      const add = (row: DayViews) => {
        if (row.day < fromDay || row.day > toDay) return;
        const key = `${row.day}|${row.siteKey}|${row.kind}|${row.ref}`;
        const sum = sums.get(key);
        if (sum) sum.views += row.views;
        else sums.set(key, { ...row });
      };
      // A month's rows per read: a year's rows, read at once, could be hundreds of thousands of objects held together.
      for (let day = fromDay; day <= toDay; day = addDays(day, DAYS_PER_READ)) {
        const last = addDays(day, DAYS_PER_READ - 1) < toDay ? addDays(day, DAYS_PER_READ - 1) : toDay;
        for (const d of await db.pageViewDay.findMany({ where: { day: { gte: day, lte: last }, ...scope } })) add({ day: d.day, siteKey: d.siteKey, kind: d.kind as ViewedKind, ref: d.ref, views: d.views });
      }
      // Hours not rolled up yet: a day either side, as a local day may begin or end in another UTC day. The
      // hours of each local day are one range of the hour key, summed by the database a page at a time: a year
      // of hours is 8,760 × every page read, which as rows would be hundreds of thousands of objects.
      const hours: { hour: string; day: string }[] = [];
      for (let day = addDays(fromDay, -1); day <= addDays(toDay, 1); day = addDays(day, 1)) {
        for (let h = 0; h < 24; h += 1) {
          const hour = `${day}T${String(h).padStart(2, '0')}`;
          hours.push({ hour, day: dayOf(hour) });
        }
      }
      for (let first = 0; first < hours.length; ) {
        let last = first;
        while (last + 1 < hours.length && hours[last + 1]!.day === hours[first]!.day) last += 1;
        const day = hours[first]!.day;
        if (day >= fromDay && day <= toDay) {
          const sums = await db.pageViewHour.groupBy({ by: ['siteKey', 'kind', 'ref'], where: { hour: { gte: hours[first]!.hour, lte: hours[last]!.hour }, ...scope }, _sum: { views: true } });
          for (const h of sums) add({ day, siteKey: h.siteKey, kind: h.kind as ViewedKind, ref: h.ref, views: h._sum.views ?? 0 });
        }
        first = last + 1;
      }
      return [...sums.values()];
    },

    async visitorSketches(fromDay, toDay, siteKey) {
      const rows = await db.visitorSketch.findMany({ where: { day: { gte: fromDay, lte: toDay }, ...(siteKey === undefined ? {} : { siteKey }) } });
      return rows.map((r) => ({ day: r.day, siteKey: r.siteKey, registers: new Uint8Array(r.registers.buffer, r.registers.byteOffset, r.registers.byteLength) }));
    },

    async topSearchTerms(fromDay, toDay, limit) {
      const groups = await db.searchTermDay.groupBy({ by: ['term'], where: { day: { gte: fromDay, lte: toDay } }, _sum: { count: true }, orderBy: [{ _sum: { count: 'desc' } }, { term: 'asc' }], take: limit });
      return groups.map((g) => ({ term: g.term, count: g._sum.count ?? 0 }));
    },
  };
}
