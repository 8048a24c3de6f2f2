import { STEPS } from '../core/roles.js';
import type { CardRecord, DeskStore, IdentityRecord } from '../app/ports.js';
import type { AuditTrail } from './audit.js';
import type { Db } from './client.js';
import { ITEM_INCLUDE, toItem, toSubmission } from './mapping.js';
import type { ChatCard, Identity } from './generated/sqlite/client.js';

const CARD_STEPS: readonly string[] = ['intake', ...STEPS];

function toCard(row: ChatCard): CardRecord {
  if (row.kind !== 'card' && row.kind !== 'prompt') throw new Error(`database holds an unknown card kind: ${row.kind}`);
  if (row.subjectType !== 'submission' && row.subjectType !== 'item' && row.subjectType !== 'interaction' && row.subjectType !== 'ticket' && row.subjectType !== 'royaltySheet' && row.subjectType !== 'serviceContract' && row.subjectType !== 'priceList') throw new Error(`database holds an unknown card subject: ${row.subjectType}`);
  if (row.step !== null && !CARD_STEPS.includes(row.step)) throw new Error(`database holds an unknown card step: ${row.step}`);
  return { ...row, kind: row.kind, subjectType: row.subjectType, step: row.step as CardRecord['step'] };
}

const toIdentity = (row: Identity): IdentityRecord => ({ personId: row.personId, platform: row.platform, platformUserId: row.platformUserId, username: row.username });
const SUBMISSION_INCLUDE = { item: { select: { id: true } } };
// The id breaks ties, so a page boundary between two rows of one instant neither repeats nor skips a row.
const SUBMISSION_ORDER = [{ receivedAt: 'asc' as const }, { id: 'asc' as const }];
const ITEM_ORDER = [{ createdAt: 'asc' as const }, { id: 'asc' as const }];

/** Chat bookkeeping (cards, prompts) and the desk's read queries. */
export function deskStore(db: Db, trail: AuditTrail): DeskStore {
  return {
    sites: () => db.site.findMany({ orderBy: { createdAt: 'asc' } }),
    async identityOf(personId, platform) {
      const row = await db.identity.findUnique({ where: { personId_platform: { personId, platform } } });
      return row && toIdentity(row);
    },
    async identityByUsername(platform, username) {
      // As typed, the usual case, by the (platform, username) index.
      const exact = await db.identity.findFirst({ where: { platform, username } });
      if (exact) return toIdentity(exact);
      // Usernames are case-insensitive on Telegram; they are stored as the platform sent them. The scan is
      // over the linked people of one platform (the board, not the archive), and only for a differing case.
      const rows = await db.identity.findMany({ where: { platform, username: { not: null } } });
      const row = rows.find((r) => r.username?.toLowerCase() === username.toLowerCase());
      return row ? toIdentity(row) : null;
    },
    async setPersonLang(personId, lang, audit) {
      await db.$transaction(async (t) => {
        await t.person.update({ where: { id: personId }, data: { lang } });
        await trail.append(t, audit);
      });
    },

    async submissionByCode(code) {
      const row = await db.submission.findUnique({ where: { code }, include: SUBMISSION_INCLUDE });
      return row && toSubmission(row);
    },
    receivedSubmissions: async () => (await db.submission.findMany({ where: { state: 'received' }, include: SUBMISSION_INCLUDE, orderBy: SUBMISSION_ORDER })).map(toSubmission),
    itemsInReview: async () => (await db.item.findMany({ where: { state: 'review' }, include: ITEM_INCLUDE, orderBy: ITEM_ORDER })).map(toItem),
    async receivedSubmissionsPage(after, limit) {
      const rows = await db.submission.findMany({
        where: { state: 'received', ...(after ? { OR: [{ receivedAt: { gt: after.at } }, { receivedAt: after.at, id: { gt: after.id } }] } : {}) },
        include: SUBMISSION_INCLUDE,
        orderBy: SUBMISSION_ORDER,
        take: limit,
      });
      const last = rows.at(-1);
      return { rows: rows.map(toSubmission), next: rows.length === limit && last ? { at: last.receivedAt, id: last.id } : null };
    },
    async itemsInReviewPage(after, limit) {
      const rows = await db.item.findMany({
        where: { state: 'review', ...(after ? { OR: [{ createdAt: { gt: after.at } }, { createdAt: after.at, id: { gt: after.id } }] } : {}) },
        include: ITEM_INCLUDE,
        orderBy: ITEM_ORDER,
        take: limit,
      });
      const last = rows.at(-1);
      return { rows: rows.map(toItem), next: rows.length === limit && last ? { at: last.createdAt, id: last.id } : null };
    },
    async pending(scope, offset, limit) {
      // Counted and cut by the database: the desk never holds the whole queue to show one page of it.
      const submissionWhere = { state: 'received', siteId: { in: [...scope.intakeSiteIds] }, OR: [{ senderPersonId: null }, { senderPersonId: { not: scope.notSentBy } }] };
      const atSteps = scope.steps.filter((s) => s.siteIds.length > 0).map((s) => ({ step: s.step, siteId: { in: [...s.siteIds] } }));
      const itemWhere = { state: 'review', OR: atSteps };
      const [submissionCount, itemCount] = await Promise.all([
        scope.intakeSiteIds.length > 0 ? db.submission.count({ where: submissionWhere }) : 0,
        atSteps.length > 0 ? db.item.count({ where: itemWhere }) : 0,
      ]);
      const submissions = offset < submissionCount ? await db.submission.findMany({ where: submissionWhere, include: SUBMISSION_INCLUDE, orderBy: SUBMISSION_ORDER, skip: offset, take: limit }) : [];
      const room = limit - submissions.length;
      const items = room > 0 && itemCount > 0 ? await db.item.findMany({ where: itemWhere, include: ITEM_INCLUDE, orderBy: ITEM_ORDER, skip: Math.max(0, offset - submissionCount), take: room }) : [];
      return { submissionCount, itemCount, submissions: submissions.map(toSubmission), items: items.map(toItem) };
    },
    recentItems: async (limit, seenBy) =>
      (
        await db.item.findMany({
          where: seenBy ? { OR: [{ siteId: { in: [...seenBy.siteIds] } }, { originatorId: seenBy.personId }] } : {},
          include: ITEM_INCLUDE,
          orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
          take: limit,
        })
      ).map(toItem),
    async counts(siteIds) {
      const onSites = siteIds ? { siteId: { in: [...siteIds] } } : {};
      const [submissions, items, waiting] = await Promise.all([
        db.submission.groupBy({ by: ['state'], where: onSites, _count: { _all: true } }),
        db.item.groupBy({ by: ['state'], where: onSites, _count: { _all: true } }),
        db.item.groupBy({ by: ['step'], where: { ...onSites, state: 'review' }, _count: { _all: true } }),
      ]);
      return {
        submissions: Object.fromEntries(submissions.map((r) => [r.state, r._count._all])),
        items: Object.fromEntries(items.map((r) => [r.state, r._count._all])),
        waitingAt: Object.fromEntries(waiting.map((r) => [r.step ?? '-', r._count._all])),
      };
    },

    async addCard(card, at) {
      return toCard(await db.chatCard.create({ data: { ...card, createdAt: at } }));
    },
    async cardById(id) {
      const row = await db.chatCard.findUnique({ where: { id } });
      return row && toCard(row);
    },
    async cardByMessage(platform, chatId, messageId) {
      const row = await db.chatCard.findUnique({ where: { platform_chatId_messageId: { platform, chatId, messageId } } });
      return row && toCard(row);
    },
    openCards: async (platform, subjectId) => (await db.chatCard.findMany({ where: { platform, subjectId, closedAt: null }, orderBy: { createdAt: 'asc' } })).map(toCard),
    openCardsOf: async (platform, subjectIds) =>
      subjectIds.length === 0 ? [] : (await db.chatCard.findMany({ where: { platform, subjectId: { in: [...subjectIds] }, closedAt: null }, orderBy: { createdAt: 'asc' } })).map(toCard),
    async closeCard(id, at) {
      const done = await db.chatCard.updateMany({ where: { id, closedAt: null }, data: { closedAt: at } });
      return done.count === 1;
    },
  };
}
