import type { ChangeLogStore } from '../app/portalChangesPorts.js';
import type { Db } from './client.js';

/** The audit rows since a seq, for the page caches of every web process to read what changed. */
export function changeLogStore(db: Db): ChangeLogStore {
  return {
    auditRowsBetween: (afterSeq, upTo, limit) =>
      db.auditEvent.findMany({
        where: { seq: { gt: afterSeq, lte: upTo } },
        orderBy: { seq: 'asc' },
        take: limit,
        select: { seq: true, action: true, subjectType: true, subjectId: true, data: true },
      }),
  };
}
