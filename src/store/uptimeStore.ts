import type { UptimeStore } from '../app/reports/activityPorts.js';
import { HEARTBEAT_MS } from '../core/reports/uptime.js';
import type { Db } from './client.js';

/** The portal's runs (model UptimeSpan): a row a process start, its last mark moved each minute. */
export function uptimeStore(db: Db): UptimeStore {
  return {
    async markUptimeRun(id, at) {
      // A mark never moves a run back (a clock set back would shorten a run already counted).
      const moved = await db.uptimeSpan.updateMany({ where: { id, lastSeenAt: { lt: at } }, data: { lastSeenAt: at } });
      if (moved.count === 0 && (await db.uptimeSpan.count({ where: { id } })) === 0) await db.uptimeSpan.create({ data: { id, startedAt: at, lastSeenAt: at } });
    },
    async uptimeRuns(from, to) {
      const [runs, first] = await Promise.all([
        db.uptimeSpan.findMany({ where: { lastSeenAt: { gte: new Date(from.getTime() - HEARTBEAT_MS) }, startedAt: { lt: to } }, select: { startedAt: true, lastSeenAt: true }, orderBy: { startedAt: 'asc' } }),
        db.uptimeSpan.aggregate({ _min: { startedAt: true } }),
      ]);
      return { runs, firstStartedAt: first._min.startedAt };
    },
  };
}
