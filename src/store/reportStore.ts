import type { ReportStore } from '../app/reports/ports.js';
import type { Db } from './client.js';

/** The archive's rows a report counts: a handful of grouped reads and one read of the period's publications. */
/** Ids per read of the items behind a period's publications. */
const CHUNK = 5000;

export function reportStore(db: Db): ReportStore {
  return {
    async reportRows(from, to) {
      const inPeriod = { gte: from, lt: to };
      const [received, published, takenDown, rejections, deliveries, channels] = await Promise.all([
        db.submission.groupBy({ by: ['siteId', 'channel'], where: { receivedAt: inPeriod }, _count: { _all: true } }),
        db.publication.findMany({ where: { publishedAt: inPeriod }, select: { itemId: true, siteId: true, publishedAt: true, category: true, kind: true } }),
        db.publication.groupBy({ by: ['siteId'], where: { takenDownAt: inPeriod }, _count: { _all: true } }),
        db.decision.findMany({ where: { action: { in: ['reject', 'rejected'] }, createdAt: inPeriod }, select: { item: { select: { siteId: true } }, submissionId: true } }),
        db.delivery.groupBy({ by: ['channelId', 'state'], where: { createdAt: inPeriod }, _count: { _all: true } }),
        db.channel.findMany({ select: { id: true, key: true, platform: true } }),
      ]);
      const submissionSites = new Map(
        (await db.submission.findMany({ where: { id: { in: rejections.flatMap((r) => (r.item || !r.submissionId ? [] : [r.submissionId])) } }, select: { id: true, siteId: true } })).map((s) => [s.id, s.siteId]),
      );
      const rejected = new Map<string, number>();
      for (const r of rejections) {
        const siteId = r.item?.siteId ?? (r.submissionId ? submissionSites.get(r.submissionId) : undefined);
        if (siteId) rejected.set(siteId, (rejected.get(siteId) ?? 0) + 1);
      }
      const channelOf = new Map(channels.map((c) => [c.id, c]));
      // When each published item's submission came in (items written at the desk, or imported, have none).
      const receivedAt = new Map<string, Date>();
      for (let i = 0; i < published.length; i += CHUNK) {
        const items = await db.item.findMany({ where: { id: { in: published.slice(i, i + CHUNK).map((p) => p.itemId) } }, select: { id: true, submission: { select: { receivedAt: true } } } });
        for (const it of items) if (it.submission) receivedAt.set(it.id, it.submission.receivedAt);
      }
      return {
        received: received.map((g) => ({ siteId: g.siteId, channel: g.channel, count: g._count._all })),
        published: published.map((p) => ({ siteId: p.siteId, publishedAt: p.publishedAt, category: p.category, kind: p.kind, receivedAt: receivedAt.get(p.itemId) ?? null })),
        takenDown: takenDown.map((g) => ({ siteId: g.siteId, count: g._count._all })),
        rejected: [...rejected.entries()].map(([siteId, count]) => ({ siteId, count })),
        deliveries: deliveries.map((g) => ({ channelKey: channelOf.get(g.channelId)?.key ?? g.channelId, platform: channelOf.get(g.channelId)?.platform ?? '', state: g.state, count: g._count._all })),
      };
    },
  };
}
