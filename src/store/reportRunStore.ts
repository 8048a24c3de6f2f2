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
    async markReportSent(period, siteId, at) {
      const marked = await db.reportRun.updateMany({ where: { period, siteId, sentAt: null, madeAt: { not: null } }, data: { sentAt: at } });
      return marked.count === 1;
    },
    async unmarkReportSent(period, siteId) {
      await db.reportRun.updateMany({ where: { period, siteId }, data: { sentAt: null } });
    },
  };
}
