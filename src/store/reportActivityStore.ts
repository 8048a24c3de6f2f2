import type { ActivityScope, DocumentTimes, ReportActivityStore } from '../app/reports/activityPorts.js';
import { INTERACTION_STATES } from '../core/interactions/model.js';
import type { Db } from './client.js';

/** What people write to the hub; reactions, ratings and share counts are not correspondence. */
const WRITTEN = ['comment', 'reply', 'message'];
const COMMENT_STATES = ['new', 'published', 'hidden'];
/**
 * An alert is marked sent after it is raised, by the same clock: one raised in the period is unsent or sent after
 * its start. The bound lets the index on (sentAt, createdAt) serve the read; a day's slack covers a clock set back.
 */
const SENT_SLACK_MS = 86_400_000;

const inSites = (scope: ActivityScope) => (scope.siteIds ? { siteId: { in: [...scope.siteIds] } } : {});
const within = (scope: ActivityScope) => ({ gte: scope.from, lt: scope.to });

/** The report's remaining sections as grouped reads (src/app/reports/activityPorts.ts). */
export function reportActivityStore(db: Db): ReportActivityStore {
  return {
    async interactionCounts(scope) {
      // Every state named: the index on (state, receivedAt) then serves the period's range.
      const where = { state: { in: [...INTERACTION_STATES] }, receivedAt: within(scope), kind: { in: WRITTEN }, ...inSites(scope) };
      const [received, answered] = await Promise.all([
        db.interaction.groupBy({ by: ['source'], where, _count: { _all: true } }),
        db.interaction.groupBy({ by: ['source'], where: { ...where, answeredAt: { not: null } }, _count: { _all: true } }),
      ]);
      const answeredOf = new Map(answered.map((r) => [r.source, r._count._all]));
      return received.map((r) => ({ source: r.source, received: r._count._all, answered: answeredOf.get(r.source) ?? 0 }));
    },

    async repliesPosted(from, to) {
      return db.interactionAction.count({ where: { state: 'done', action: 'reply', doneAt: { gte: from, lt: to } } });
    },

    async consultationActivity(scope) {
      // Open at some moment of the period: opened before it ended, and neither its deadline nor its closing came before it began.
      const held = await db.consultation.findMany({
        where: { opensAt: { lt: scope.to }, closesAt: { gte: scope.from }, OR: [{ closedAt: null }, { closedAt: { gte: scope.from } }], ...inSites(scope) },
        select: { id: true },
      });
      if (held.length === 0) return { held: 0, comments: [] };
      const comments = await db.consultationComment.groupBy({
        by: ['state'],
        where: { state: { in: COMMENT_STATES }, receivedAt: within(scope), consultationId: { in: held.map((c) => c.id) } },
        _count: { _all: true },
      });
      return { held: held.length, comments: comments.map((c) => ({ state: c.state, count: c._count._all })) };
    },

    async documentsPublished(scope, after, limit): Promise<DocumentTimes[]> {
      const rows = await db.documentRecord.findMany({
        where: {
          publishedAt: within(scope),
          ...inSites(scope),
          ...(after ? { OR: [{ publishedAt: { gt: after.publishedAt } }, { publishedAt: after.publishedAt, itemId: { gt: after.itemId } }] } : {}),
        },
        orderBy: [{ publishedAt: 'asc' }, { itemId: 'asc' }],
        select: { itemId: true, docType: true, issuedOn: true, publishedAt: true },
        take: limit,
      });
      return rows.flatMap((r) => (r.publishedAt ? [{ itemId: r.itemId, docType: r.docType, issuedOn: r.issuedOn, publishedAt: r.publishedAt }] : []));
    },

    async royaltiesPaid(scope) {
      const sum = await db.royaltySheet.aggregate({ where: { state: 'paid', paidAt: within(scope), ...inSites(scope) }, _count: { _all: true }, _sum: { gross: true, tax: true, net: true } });
      return { sheets: sum._count._all, gross: sum._sum.gross ?? 0, tax: sum._sum.tax ?? 0, net: sum._sum.net ?? 0 };
    },

    async revenueReceived(siteIds, fromDay, toDay) {
      const where = { day: { gte: fromDay, lte: toDay }, ...(siteIds ? { siteId: { in: [...siteIds] } } : {}) };
      const [sum, reversals, accounts] = await Promise.all([
        db.revenuePayment.aggregate({ where, _count: { _all: true }, _sum: { amount: true, tax: true, afterTax: true } }),
        db.revenuePayment.count({ where: { ...where, reverses: { not: null } } }),
        db.revenueEntry.groupBy({ by: ['account'], where: { payment: { is: where } }, _sum: { amount: true } }),
      ]);
      return {
        payments: sum._count._all - reversals,
        reversals,
        amount: sum._sum.amount ?? 0,
        tax: sum._sum.tax ?? 0,
        afterTax: sum._sum.afterTax ?? 0,
        accounts: accounts.map((a) => ({ account: a.account, amount: a._sum.amount ?? 0 })).sort((a, b) => a.account.localeCompare(b.account)),
      };
    },

    async alertTexts(from, to) {
      const rows = await db.alert.groupBy({
        by: ['text'],
        where: { OR: [{ sentAt: null }, { sentAt: { gte: new Date(from.getTime() - SENT_SLACK_MS) } }], createdAt: { gte: from, lt: to } },
        _count: { _all: true },
      });
      return rows.map((r) => ({ text: r.text, count: r._count._all }));
    },
  };
}
