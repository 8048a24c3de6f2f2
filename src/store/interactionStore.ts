import { createHash, randomUUID } from 'node:crypto';
import { applyPlatformChange, INTERACTION_KINDS, INTERACTION_SOURCES, INTERACTION_STATES, ratingMean, sourceKeyOf, type HistoryEntry, type InteractionRecord, type RatingScores } from '../core/interactions/model.js';
import { decodePublicCursor, encodePublicCursor } from '../core/interactions/publicCursor.js';
import type { InteractionStore, MirrorPlace, PlatformActionRecord, PlatformActionState, RatingSummary } from '../app/interactions/ports.js';
import type { AuditTrail } from './audit.js';
import type { Db } from './client.js';
import { isUniqueViolation } from './errors.js';
import type { Interaction, InteractionAction } from './generated/sqlite/client.js';

const ACTION_STATES: readonly string[] = ['pending', 'inFlight', 'done', 'rejected', 'unknown'];
const textHash = (text: string) => createHash('sha256').update(text).digest('hex').slice(0, 16);

export function toInteraction(row: Interaction): InteractionRecord {
  const { source, kind, state } = row;
  if (!(INTERACTION_SOURCES as readonly string[]).includes(source) || !(INTERACTION_KINDS as readonly string[]).includes(kind) || !(INTERACTION_STATES as readonly string[]).includes(state)) {
    throw new Error(`database holds an unknown interaction: ${source}/${kind}/${state}`);
  }
  return {
    ...row,
    source: source as InteractionRecord['source'],
    kind: kind as InteractionRecord['kind'],
    state: state as InteractionRecord['state'],
    rating: row.rating ? (JSON.parse(row.rating) as RatingScores) : null,
    history: JSON.parse(row.history) as HistoryEntry[],
  };
}

function toAction(row: InteractionAction): PlatformActionRecord {
  if ((row.action !== 'reply' && row.action !== 'hide') || !ACTION_STATES.includes(row.state)) throw new Error(`database holds an unknown interaction action: ${row.action}/${row.state}`);
  const { leaseUntil: _lease, claimToken: _token, ...rest } = row;
  return { ...rest, action: row.action, state: row.state as PlatformActionState };
}

/** Public rows: let out by a moderator (published or answered, with the text let out), not hidden, not withdrawn by their author. The one statement of this rule. */
const PUBLIC = { state: { in: ['published', 'answered'] }, removedAt: null, publicText: { not: null } };
/** Pages of the public list are keyed by (receivedAt, id), newest first (src/core/interactions/publicCursor.ts). */
const cursorOf = (r: Interaction) => encodePublicCursor(r.receivedAt, r.id);
const readCursor = decodePublicCursor;

/** Interactions and their platform calls, over Prisma. */
export function interactionStore(db: Db, trail: AuditTrail): InteractionStore {
  return {
    async takeInteraction(event, place, initial, at) {
      const sourceKey = sourceKeyOf(event.source, event.externalId);
      for (let attempt = 1; ; attempt += 1) {
        try {
          return await db.$transaction(async (t) => {
            const existing = await t.interaction.findUnique({ where: { sourceKey } });
            if (existing) {
              const record = toInteraction(existing);
              const change = applyPlatformChange(record, event, at);
              if (!change) return { record, change: 'none' as const };
              const row = await t.interaction.update({ where: { id: existing.id }, data: { ...change, history: JSON.stringify(change.history), ...(change.editedAt ? { announcedAt: null } : {}) } });
              const verb = change.removedAt ? 'removed' : 'edited';
              await trail.append(t, { at, actorId: null, action: `interaction_${verb}`, subjectType: 'interaction', subjectId: existing.id, data: { source: event.source, externalId: event.externalId, before: textHash(record.text), after: textHash(change.text) } });
              return { record: toInteraction(row), change: verb };
            }
            // A removal or edit seen before its add (events arrive out of order) still makes the record.
            const rating = event.rating ?? null;
            const id = randomUUID();
            const row = await t.interaction.create({
              data: {
                id, sourceKey, source: event.source, kind: event.kind, externalId: event.externalId,
                parentExternalId: event.parentExternalId ?? null, mirrorExternalId: event.mirrorExternalId ?? null,
                channelId: place?.channelId || event.channelId || null, itemId: place?.itemId ?? null, code: place?.code ?? null, siteId: place?.siteId ?? null,
                authorName: event.authorName, authorRef: event.authorRef, text: event.text, publicText: initial.publicText,
                rating: rating ? JSON.stringify(rating) : null, ratingMean: ratingMean(rating), count: event.count ?? null,
                occurredAt: event.occurredAt, receivedAt: at, state: initial.state,
                removedAt: event.verb === 'remove' ? at : null, editedAt: event.verb === 'edited' ? at : null,
                history: JSON.stringify(event.verb === 'add' ? [] : [{ verb: event.verb, at: at.toISOString(), text: event.text }]),
              },
            });
            // What waits for a moderator is not audited: the row is the record of what arrived and nothing public
            // changes, so a flood of comments neither queues on the trail's head nor drops every cached page. What is
            // public on arrival (a bare rating moves an average) is audited, which also renews the cached pages.
            if (initial.publicText !== null) {
              await trail.append(t, { at, actorId: null, action: 'interaction_received', subjectType: 'interaction', subjectId: id, data: { source: event.source, kind: event.kind, item: place?.code ?? null, rating: rating !== null } });
            }
            return { record: toInteraction(row), change: 'created' as const };
          });
        } catch (error) {
          // Two deliveries of one event racing: the second finds the first's row on its next try.
          if (attempt >= 3 || !isUniqueViolation(error)) throw error;
        }
      }
    },

    async interactionById(id) {
      const row = await db.interaction.findUnique({ where: { id } });
      return row && toInteraction(row);
    },

    async decideInteraction(id, d, action, audit) {
      return db.$transaction(async (t) => {
        const data = {
          state: d.state,
          decidedById: d.actorId,
          decidedAt: d.at,
          ...(d.reason !== undefined ? { reason: d.reason } : {}),
          ...(d.publicText !== undefined ? { publicText: d.publicText } : {}),
          ...(d.answerText !== undefined ? { answerText: d.answerText, answeredById: d.actorId, answeredAt: d.at } : {}),
        };
        const moved = await t.interaction.updateMany({ where: { id, state: d.fromState }, data });
        if (moved.count !== 1) return null;
        if (action) {
          await t.interactionAction.create({ data: { id: randomUUID(), interactionId: id, action: action.action, channelId: action.channelId, text: action.text, state: 'pending', nextAttemptAt: d.at, createdAt: d.at } });
        }
        await trail.append(t, audit);
        const row = await t.interaction.findUniqueOrThrow({ where: { id } });
        return toInteraction(row);
      });
    },

    async mirrorPlace(platform, externalId) {
      const row = await db.delivery.findFirst({ where: { externalId, action: 'publish', state: 'delivered', channel: { platform } }, orderBy: { createdAt: 'asc' } });
      if (!row) return null;
      const item = await db.item.findUnique({ where: { id: row.itemId }, select: { siteId: true } });
      return item ? { itemId: row.itemId, code: row.code, siteId: item.siteId, channelId: row.channelId, externalId } : null;
    },

    async recentMirrors(channelId, since, limit) {
      const rows = await db.delivery.findMany({ where: { channelId, action: 'publish', state: 'delivered', deliveredAt: { gte: since }, externalId: { not: null }, part: { in: ['post', 'video'] } }, orderBy: { deliveredAt: 'desc' }, take: limit });
      const items = await db.item.findMany({ where: { id: { in: rows.map((r) => r.itemId) } }, select: { id: true, siteId: true, takenDownAt: true } });
      const live = new Map(items.filter((i) => i.takenDownAt === null).map((i) => [i.id, i.siteId]));
      return rows.flatMap((r): MirrorPlace[] => {
        const siteId = live.get(r.itemId);
        return siteId && r.externalId ? [{ itemId: r.itemId, code: r.code, siteId, channelId: r.channelId, externalId: r.externalId }] : [];
      });
    },

    async unannounced(limit) {
      // An answered one edited on the platform since comes back too: the public still reads the words that were answered.
      const waiting = [{ state: { in: ['new', 'published'] } }, { state: 'answered', editedAt: { not: null } }];
      const rows = await db.interaction.findMany({ where: { announcedAt: null, OR: waiting, removedAt: null, kind: { notIn: ['shares', 'reaction'] } }, orderBy: { receivedAt: 'asc' }, take: limit });
      return rows.map(toInteraction);
    },
    async markAnnounced(ids, at, readAt) {
      const unchanged = readAt ? { OR: [{ editedAt: null }, { editedAt: { lt: readAt } }] } : {};
      await db.interaction.updateMany({ where: { id: { in: [...ids] }, ...unchanged }, data: { announcedAt: at } });
    },
    async awaitingModeration(limit) {
      const rows = await db.interaction.findMany({ where: { state: { in: ['new', 'published'] }, answerText: null, removedAt: null, kind: { in: ['comment', 'reply', 'message'] } }, orderBy: { receivedAt: 'asc' }, take: limit });
      return rows.map(toInteraction);
    },

    async publicOfItem(itemId, limit) {
      const rows = await db.interaction.findMany({ where: { itemId, ...PUBLIC, kind: { in: ['comment', 'reply', 'message'] } }, orderBy: [{ occurredAt: 'asc' }, { id: 'asc' }], take: limit });
      return rows.map(toInteraction);
    },
    async ratingOfItem(itemId) {
      // Ratings count once let out (a bare rating is let out on arrival); hidden ones never. Grouped by
      // their scores, which take at most 6⁴ shapes: the work stays bounded however many readers rate.
      const groups = await db.interaction.groupBy({ by: ['rating'], where: { itemId, state: { in: ['published', 'answered'] }, removedAt: null, rating: { not: null } }, _count: { _all: true } });
      const summary: RatingSummary = { count: 0, mean: null, byAspect: {} };
      const sums: Record<string, { n: number; sum: number }> = {};
      let total = 0;
      for (const g of groups) {
        const scores = JSON.parse(g.rating ?? '{}') as RatingScores;
        const mean = ratingMean(scores);
        const n = g._count._all;
        if (mean === null) continue;
        summary.count += n;
        total += mean * n;
        for (const [aspect, value] of Object.entries(scores)) {
          const s = (sums[aspect] ??= { n: 0, sum: 0 });
          s.n += n;
          s.sum += value * n;
        }
      }
      summary.mean = summary.count ? total / summary.count : null;
      for (const [aspect, s] of Object.entries(sums)) summary.byAspect[aspect as keyof RatingScores] = { count: s.n, mean: s.sum / s.n };
      return summary;
    },
    async recentPublic({ limit, before, siteId, source, itemId }) {
      const after = readCursor(before);
      // What was said under an item taken down goes with it (take-downs are few: their ids are a short list).
      const gone = (await db.item.findMany({ where: { takenDownAt: { not: null } }, select: { id: true } })).map((i) => i.id);
      const rows = await db.interaction.findMany({
        where: {
          ...PUBLIC,
          kind: { in: ['comment', 'reply', 'message'] },
          ...(siteId ? { siteId } : {}),
          ...(source ? { source } : {}),
          ...(itemId ? { itemId } : {}),
          AND: [
            ...(gone.length ? [{ OR: [{ itemId: null }, { itemId: { notIn: gone } }] }] : []),
            ...(after ? [{ OR: [{ receivedAt: { lt: after.at } }, { receivedAt: after.at, id: { lt: after.id } }] }] : []),
          ],
        },
        orderBy: [{ receivedAt: 'desc' }, { id: 'desc' }],
        take: limit + 1,
      });
      const page = rows.slice(0, limit);
      const last = page.at(-1);
      return { rows: page.map(toInteraction), next: rows.length > limit && last ? cursorOf(last) : null };
    },

    async dueActions(now, limit) {
      const rows = await db.interactionAction.findMany({
        where: { OR: [{ state: 'pending', nextAttemptAt: { lte: now } }, { state: 'inFlight', leaseUntil: { lt: now } }] },
        orderBy: { nextAttemptAt: 'asc' },
        take: limit,
      });
      return rows.map(toAction);
    },
    async claimAction(id, token, now, leaseMs) {
      const r = await db.interactionAction.updateMany({
        where: { id, OR: [{ state: 'pending', nextAttemptAt: { lte: now } }, { state: 'inFlight', leaseUntil: { lt: now } }] },
        data: { state: 'inFlight', claimToken: token, leaseUntil: new Date(now.getTime() + leaseMs) },
      });
      return r.count === 1;
    },
    async markActionStarted(id, token, at) {
      const r = await db.interactionAction.updateMany({ where: { id, claimToken: token, state: 'inFlight' }, data: { callStartedAt: at, attempts: { increment: 1 } } });
      return r.count === 1;
    },
    async settleAction(id, token, s, audit) {
      return db.$transaction(async (t) => {
        const data = {
          state: s.state,
          claimToken: null,
          leaseUntil: null,
          ...(s.nextAttemptAt ? { nextAttemptAt: s.nextAttemptAt } : {}),
          ...(s.externalId !== undefined ? { externalId: s.externalId } : {}),
          ...(s.lastError !== undefined ? { lastError: s.lastError } : {}),
          ...(s.state === 'done' ? { doneAt: s.at } : {}),
        };
        const r = await t.interactionAction.updateMany({ where: { id, claimToken: token, state: 'inFlight' }, data });
        if (r.count !== 1) return false;
        if (audit) await trail.append(t, audit);
        return true;
      });
    },
    async actionsOf(interactionId) {
      const rows = await db.interactionAction.findMany({ where: { interactionId }, orderBy: { createdAt: 'asc' } });
      return rows.map(toAction);
    },

    async recordShares(source, place, count, at) {
      const sourceKey = sourceKeyOf(source, `shares:${place.externalId}`);
      await db.interaction.upsert({
        where: { sourceKey },
        create: { id: randomUUID(), sourceKey, source, kind: 'shares', externalId: `shares:${place.externalId}`, mirrorExternalId: place.externalId, channelId: place.channelId, itemId: place.itemId, code: place.code, siteId: place.siteId, authorName: null, authorRef: null, text: '', count, occurredAt: at, receivedAt: at, state: 'published' },
        update: { count, occurredAt: at },
      });
    },
    async sharesOfItem(itemId) {
      const rows = await db.interaction.findMany({ where: { itemId, kind: 'shares' }, select: { source: true, count: true } });
      const by = new Map<string, number>();
      for (const r of rows) by.set(r.source, (by.get(r.source) ?? 0) + (r.count ?? 0));
      return [...by].map(([source, count]) => ({ source: source as InteractionRecord['source'], count }));
    },

    async cursor(key) {
      return (await db.interactionCursor.findUnique({ where: { key } }))?.value ?? null;
    },
    async setCursor(key, value, at) {
      await db.interactionCursor.upsert({ where: { key }, create: { key, value, updatedAt: at }, update: { value, updatedAt: at } });
    },
  };
}
