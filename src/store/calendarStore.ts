import type { CalendarDayRecord, CalendarStore } from '../app/tickets/calendarPorts.js';
import type { AuditTrail } from './audit.js';
import type { Db } from './client.js';
import type { CalendarDay } from './generated/sqlite/client.js';

function toDay(row: CalendarDay): CalendarDayRecord {
  if (row.kind !== 'workday' && row.kind !== 'dayoff') throw new Error(`database holds an unknown calendar day kind: ${row.kind}`);
  return { date: row.date, kind: row.kind, note: row.note, createdById: row.createdById, createdAt: row.createdAt };
}

const shown = (d: CalendarDayRecord) => ({ kind: d.kind, note: d.note });

/** The operator's working-day exceptions over Prisma: each change and its audit row commit together. */
export function calendarStore(db: Db, trail: AuditTrail): CalendarStore {
  return {
    async calendarDays() {
      return (await db.calendarDay.findMany({ orderBy: { date: 'asc' } })).map(toDay);
    },

    async putCalendarDay(day, audit) {
      return db.$transaction(async (t) => {
        const before = await t.calendarDay.findUnique({ where: { date: day.date } });
        const fields = { kind: day.kind, note: day.note, createdById: day.createdById, createdAt: day.createdAt };
        await t.calendarDay.upsert({ where: { date: day.date }, create: { date: day.date, ...fields }, update: fields });
        const previous = before && toDay(before);
        await trail.append(t, { ...audit, data: { ...audit.data, ...shown(day), ...(previous ? { previous: shown(previous) } : {}) } });
        return { previous };
      });
    },

    async removeCalendarDay(date, audit) {
      return db.$transaction(async (t) => {
        const before = await t.calendarDay.findUnique({ where: { date } });
        if (!before) return null;
        await t.calendarDay.delete({ where: { date } });
        const removed = toDay(before);
        await trail.append(t, { ...audit, data: { ...audit.data, removed: shown(removed) } });
        return removed;
      });
    },
  };
}
