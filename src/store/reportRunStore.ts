import { randomUUID } from 'node:crypto';
import type { ReportRunStore } from '../app/reports/runPorts.js';
import type { Db } from './client.js';
import { isUniqueViolation } from './errors.js';

const run = { period: true, siteId: true, claimedAt: true, madeAt: true, sentAt: true } as const;

export function reportRunStore(db: Db): ReportRunStore {
  return {
    async portalSince() {
      const first = await db.site.findFirst({ orderBy: { createdAt: 'asc' }, select: { createdAt: true } });
      return first?.createdAt ?? null;
    },
    reportRuns: (periods) => db.reportRun.findMany({ where: { period: { in: [...periods] } }, select: run }),
    async claimReportRun(period, siteId, at, staleBefore) {
      try {
        await db.reportRun.create({ data: { id: randomUUID(), period, siteId, claimedAt: at } });
        return true;
      } catch (error) {
        if (!isUniqueViolation(error)) throw error;
      }
      // A claim left by a process that died before storing the files: taken over in one conditional write.
      const taken = await db.reportRun.updateMany({ where: { period, siteId, madeAt: null, claimedAt: { lt: staleBefore } }, data: { claimedAt: at } });
      return taken.count === 1;
    },
    async storeReportFiles(period, siteId, files, at) {
      await db.reportRun.update({ where: { period_siteId: { period, siteId } }, data: { docx: new Uint8Array(files.docx), xlsx: new Uint8Array(files.xlsx), madeAt: at } });
    },
    async reportFiles(period, siteId) {
      const r = await db.reportRun.findUnique({ where: { period_siteId: { period, siteId } }, select: { docx: true, xlsx: true } });
      return r?.docx && r.xlsx ? { docx: Buffer.from(r.docx), xlsx: Buffer.from(r.xlsx) } : null;
    },
    async claimReportSend(period, siteId, at, staleBefore) {
      const taken = await db.reportRun.updateMany({
        where: { period, siteId, sentAt: null, madeAt: { not: null }, OR: [{ sendingAt: null }, { sendingAt: { lt: staleBefore } }] },
        data: { sendingAt: at },
      });
      if (taken.count !== 1) return null;
      const run = await db.reportRun.findUniqueOrThrow({ where: { period_siteId: { period, siteId } }, select: { sentParts: true } });
      return { sentParts: run.sentParts };
    },
    async reportPartsSent(period, siteId, parts) {
      await db.reportRun.update({ where: { period_siteId: { period, siteId } }, data: { sentParts: parts } });
    },
    async finishReportSend(period, siteId, at) {
      await db.reportRun.update({ where: { period_siteId: { period, siteId } }, data: { sentAt: at, sendingAt: null } });
    },
    async releaseReportSend(period, siteId) {
      await db.reportRun.update({ where: { period_siteId: { period, siteId } }, data: { sendingAt: null } });
    },
  };
}
