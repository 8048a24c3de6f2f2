import { randomUUID } from 'node:crypto';
import { submitterOutcome } from '../core/outcomes.js';
import { isChatAccountState, type ChatAccountRecord, type ChatStore, type SubmitterNotice } from '../app/chatPorts.js';
import type { AuditTrail } from './audit.js';
import { isUniqueViolation } from './errors.js';
import type { Db } from './client.js';
import { toSubmission } from './mapping.js';
import type { ChatAccount } from './generated/sqlite/client.js';

const SUBMISSION_INCLUDE = { item: { select: { id: true } } };

function toAccount(row: ChatAccount): ChatAccountRecord {
  if (!isChatAccountState(row.state)) throw new Error(`database holds an unknown chat account state: ${row.state}`);
  return { ...row, state: row.state };
}

/** Ids per `in` list: Prisma refuses more bound parameters than SQLite takes in one statement. */
const IN_CHUNK = 500;

/** One read per IN_CHUNK ids (none for none), the rows together. */
async function byChunks<T>(ids: readonly string[], read: (ids: string[]) => Promise<T[]>): Promise<T[]> {
  const out: T[] = [];
  for (let i = 0; i < ids.length; i += IN_CHUNK) out.push(...(await read(ids.slice(i, i + IN_CHUNK))));
  return out;
}

/** Sign-ins, cursors over the decisions, and recalls, for chat desks other than Telegram's. */
export function chatStore(db: Db, trail: AuditTrail): ChatStore {
  return {
    async outcomesAfter(channel, afterSeq, limit) {
      const rows = await db.auditEvent.findMany({ where: { seq: { gt: afterSeq } }, orderBy: { seq: 'asc' }, take: limit });
      const told = rows.flatMap((row) => {
        const data = JSON.parse(row.data) as Record<string, unknown>;
        const outcome = submitterOutcome(row.action, data);
        return outcome ? [{ row, data, outcome }] : [];
      });
      // The items and submissions a page of the trail names, each kind in one read (not one per row).
      const itemIds = [...new Set(told.filter((t) => t.row.subjectType === 'item').map((t) => t.row.subjectId))];
      const items = new Map((await byChunks(itemIds, (ids) => db.item.findMany({ where: { id: { in: ids } }, select: { id: true, code: true, submissionId: true } }))).map((i) => [i.id, i]));
      const submissionOf = (t: (typeof told)[number]) => (t.row.subjectType === 'submission' ? t.row.subjectId : items.get(t.row.subjectId)?.submissionId);
      const submissionIds = [...new Set(told.flatMap((t) => submissionOf(t) ?? []))];
      const submissions = new Map((await byChunks(submissionIds, (ids) => db.submission.findMany({ where: { id: { in: ids }, channel }, include: SUBMISSION_INCLUDE }))).map((s) => [s.id, s]));
      const notices: SubmitterNotice[] = [];
      for (const t of told) {
        const item = t.row.subjectType === 'item' ? items.get(t.row.subjectId) : undefined;
        const submissionId = submissionOf(t);
        const submission = submissionId ? submissions.get(submissionId) : undefined;
        if (!submission) continue;
        const note = typeof t.data['note'] === 'string' ? t.data['note'] : null;
        const code = item?.code ?? (typeof t.data['item'] === 'string' ? t.data['item'] : submission.code) ?? '?';
        notices.push({ seq: t.row.seq, outcome: t.outcome, code, note, submission: toSubmission(submission) });
      }
      return { notices, lastSeq: rows.at(-1)?.seq ?? afterSeq };
    },
    async auditHeadSeq() {
      return (await db.auditHead.findUnique({ where: { id: 1 } }))?.seq ?? 0;
    },
    async chatCursor(key) {
      return (await db.chatCursor.findUnique({ where: { key } }))?.seq ?? null;
    },
    async setChatCursor(key, seq) {
      await db.chatCursor.upsert({ where: { key }, create: { key, seq }, update: { seq } });
    },
    async dropChatCursors(prefix, upTo) {
      await db.chatCursor.deleteMany({ where: { key: { startsWith: prefix }, seq: { lte: upTo } } });
    },

    async chatSendLog(accountKey, since) {
      return db.chatSendLog.findMany({ where: { accountKey, at: { gte: since } }, orderBy: { at: 'asc' }, select: { kind: true, at: true } });
    },
    async addChatSendLog(accountKey, entry, forgetBefore) {
      await db.$transaction(async (t) => {
        await t.chatSendLog.create({ data: { id: randomUUID(), accountKey, kind: entry.kind, at: entry.at } });
        await t.chatSendLog.deleteMany({ where: { accountKey, at: { lt: forgetBefore } } });
      });
    },
    async chatAccount(key) {
      const row = await db.chatAccount.findUnique({ where: { key } });
      return row && toAccount(row);
    },
    async saveChatAccount(account, audit) {
      const data = { ...account, state: 'active', lastError: null };
      await db.$transaction(async (t) => {
        await t.chatAccount.upsert({ where: { key: account.key }, create: data, update: data });
        await trail.append(t, audit);
      });
    },
    async setChatAccountState(key, state, lastError, at) {
      await db.chatAccount.updateMany({ where: { key }, data: { state, lastError, updatedAt: at } });
    },

    async submissionByMessage(channel, chatId, messageId) {
      // Message ids are kept as a JSON list of strings; anything but a plain id cannot be one of them.
      if (!/^[\w-]+$/.test(messageId)) return null;
      const row = await db.submission.findFirst({ where: { channel, chatId, messageIds: { contains: `"${messageId}"` } }, include: SUBMISSION_INCLUDE });
      return row && toSubmission(row);
    },
    async reviseSubmission(id, fromRevision, change, audit) {
      return db.$transaction(async (t) => {
        const row = await t.submission.findUnique({ where: { id } });
        if (!row || row.revision !== fromRevision || (row.state !== 'received' && row.state !== 'needsInfo')) return null;
        const messageIds = JSON.parse(row.messageIds) as string[];
        if (change.messageId !== null && !messageIds.includes(change.messageId)) messageIds.push(change.messageId);
        // The revision number is the guard: of two changes read at one revision, one is written.
        const moved = await t.submission.updateMany({
          where: { id, revision: fromRevision, state: { in: ['received', 'needsInfo'] } },
          data: { revision: fromRevision + 1, state: 'received', triageNote: null, rawText: change.rawText, textParts: JSON.stringify(change.textParts), attachments: JSON.stringify(change.attachments), messageIds: JSON.stringify(messageIds) },
        });
        if (moved.count === 0) return null;
        await trail.append(t, { ...audit, data: { ...audit.data, revision: fromRevision + 1, from: row.state } });
        const updated = await t.submission.findUniqueOrThrow({ where: { id }, include: SUBMISSION_INCLUDE });
        return toSubmission(updated);
      });
    },
    async addSubmissionNotice(id, messageId) {
      await db.$transaction(async (t) => {
        const row = await t.submission.findUnique({ where: { id }, select: { noticeIds: true } });
        if (!row) return;
        const ids = JSON.parse(row.noticeIds) as string[];
        if (!ids.includes(messageId)) await t.submission.update({ where: { id }, data: { noticeIds: JSON.stringify([...ids, messageId]) } });
      });
    },
    async submissionsByNotice(channel, chatId, messageId) {
      if (!/^[\w-]+$/.test(messageId)) return [];
      const rows = await db.submission.findMany({ where: { channel, chatId, noticeIds: { contains: `"${messageId}"` } }, include: SUBMISSION_INCLUDE });
      return rows.map(toSubmission);
    },

    async chatAliasOf(platform, chatId) {
      return (await db.chatAlias.findUnique({ where: { platform_chatId: { platform, chatId } } }))?.aliasOf ?? null;
    },
    async addChatAlias(platform, chatId, aliasOf, audit) {
      try {
        await db.$transaction(async (t) => {
          await t.chatAlias.create({ data: { platform, chatId, aliasOf, createdAt: audit.at } });
          await trail.append(t, audit);
        });
        return true;
      } catch (error) {
        // Both the old group's and the new group's service messages announce one upgrade.
        if (isUniqueViolation(error)) return false;
        throw error;
      }
    },

    async removeSubmissionPart(id, fromRevision, change, audit) {
      return db.$transaction(async (t) => {
        const row = await t.submission.findUnique({ where: { id } });
        if (!row || row.revision !== fromRevision) return null;
        const messageIds = (JSON.parse(row.messageIds) as string[]).filter((m) => m !== change.messageId);
        // The state stays as it is: a recall is no answer to the desk, and an accepted one stays accepted.
        const moved = await t.submission.updateMany({
          where: { id, revision: fromRevision, state: { in: ['received', 'needsInfo', 'accepted'] } },
          data: { revision: fromRevision + 1, rawText: change.rawText, textParts: JSON.stringify(change.textParts), attachments: JSON.stringify(change.attachments), messageIds: JSON.stringify(messageIds) },
        });
        if (moved.count === 0) return null;
        await trail.append(t, { ...audit, data: { ...audit.data, revision: fromRevision + 1 } });
        return toSubmission(await t.submission.findUniqueOrThrow({ where: { id }, include: SUBMISSION_INCLUDE }));
      });
    },
    async withdrawSubmission(id, audit) {
      return db.$transaction(async (t) => {
        const moved = await t.submission.updateMany({ where: { id, state: 'received' }, data: { state: 'withdrawn' } });
        if (moved.count === 0) return false;
        await trail.append(t, audit);
        return true;
      });
    },
  };
}
