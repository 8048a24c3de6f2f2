import type { ReportRows, ReportStore } from '../app/reports/ports.js';
import type { Db } from './client.js';

/**
 * Rows per read of the period's publication times. A year of a million items is read a page at a time along
 * the index on (publishedAt, itemId, siteId, …), so the process holds one page of objects and the typed arrays.
 */
const PAGE = 5000;

interface TimeRow {
  itemId: string;
  siteId: string;
  publishedAt: Date;
  receivedAt: Date | null;
}

/** A Float64Array that grows by doubling: a site's times of a year without an array of boxed numbers. */
class Times {
  private values = new Float64Array(256);
  private length = 0;
  push(value: number): void {
    if (this.length === this.values.length) {
      const bigger = new Float64Array(this.values.length * 2);
      bigger.set(this.values);
      this.values = bigger;
    }
    this.values[this.length] = value;
    this.length += 1;
  }
  done(): Float64Array {
    return this.values.slice(0, this.length);
  }
}

/**
 * Each publication of [from, to) with its site and, when it came from a submission, when that was received,
 * a page at a time: keyset on (publishedAt, itemId), the order of the index, so each page starts where the
 * last ended instead of counting past it. Written once for both databases: Prisma's template binds the
 * parameters (and SQLite's dates, kept as ISO text, compare in the same format).
 */
async function publicationTimes(db: Db, from: Date, to: Date): Promise<ReportRows['times']> {
  const bySite = new Map<string, { publishedAt: Times; leadHours: Times }>();
  let at = from;
  let after = '';
  for (;;) {
    const page = await db.$queryRaw<TimeRow[]>`
      SELECT p."itemId", p."siteId", p."publishedAt", s."receivedAt"
      FROM "Publication" p
      LEFT JOIN "Item" i ON i."id" = p."itemId"
      LEFT JOIN "Submission" s ON s."id" = i."submissionId"
      WHERE p."publishedAt" >= ${at} AND p."publishedAt" < ${to} AND NOT (p."publishedAt" = ${at} AND p."itemId" <= ${after})
      ORDER BY p."publishedAt", p."itemId"
      LIMIT ${PAGE}`;
    for (const row of page) {
      let site = bySite.get(row.siteId);
      if (!site) bySite.set(row.siteId, (site = { publishedAt: new Times(), leadHours: new Times() }));
      const published = row.publishedAt.getTime();
      site.publishedAt.push(published);
      if (row.receivedAt) site.leadHours.push((published - row.receivedAt.getTime()) / 3_600_000);
    }
    const last = page[page.length - 1];
    if (!last || page.length < PAGE) break;
    at = last.publishedAt;
    after = last.itemId;
  }
  return [...bySite.entries()].map(([siteId, t]) => ({ siteId, publishedAt: t.publishedAt.done(), leadHours: t.leadHours.done() }));
}

/** The archive's rows a report counts: grouped reads, counted by the database, and the period's publication times. */
export function reportStore(db: Db): ReportStore {
  return {
    async reportRows(from, to) {
      const inPeriod = { gte: from, lt: to };
      const [received, published, times, takenDown, rejections, deliveries, channels] = await Promise.all([
        db.submission.groupBy({ by: ['siteId', 'channel'], where: { receivedAt: inPeriod }, _count: { _all: true } }),
        db.publication.groupBy({ by: ['siteId', 'category', 'kind'], where: { publishedAt: inPeriod }, _count: { _all: true } }),
        publicationTimes(db, from, to),
        db.publication.groupBy({ by: ['siteId'], where: { takenDownAt: inPeriod }, _count: { _all: true } }),
        db.decision.findMany({ where: { action: { in: ['reject', 'rejected'] }, createdAt: inPeriod }, select: { item: { select: { siteId: true } }, submissionId: true } }),
        db.delivery.groupBy({ by: ['channelId', 'state', 'siteId'], where: { createdAt: inPeriod }, _count: { _all: true } }),
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
      return {
        received: received.map((g) => ({ siteId: g.siteId, channel: g.channel, count: g._count._all })),
        published: published.map((g) => ({ siteId: g.siteId, category: g.category, kind: g.kind, count: g._count._all })),
        times,
        takenDown: takenDown.map((g) => ({ siteId: g.siteId, count: g._count._all })),
        rejected: [...rejected.entries()].map(([siteId, count]) => ({ siteId, count })),
        deliveries: deliveries.map((g) => ({ siteId: g.siteId, channelKey: channelOf.get(g.channelId)?.key ?? g.channelId, platform: channelOf.get(g.channelId)?.platform ?? '', state: g.state, count: g._count._all })),
      };
    },
  };
}
