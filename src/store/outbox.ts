import { randomUUID } from 'node:crypto';
import { DELIVERY_PARTS, FINAL_PARTS, mirrorAction, partsFor, takes, type Settlement, type ChannelPolicy, type ChannelState, type DeliveryAction, type DeliveryPart, type DeliveryState } from '../core/delivery.js';
import { publicMedia } from '../core/portal/media.js';
import type { Effect } from '../core/workflow.js';
import type { ChannelRecord, DeliveryRecord, OutboxStore } from '../app/outboxPorts.js';
import type { ItemRecord } from '../app/ports.js';
import type { AuditTrail } from './audit.js';
import { isUniqueViolation } from './errors.js';
import type { Db, Tx } from './client.js';
import type { Channel, Delivery } from './generated/sqlite/client.js';

/** How long a mirror may take before operators hear that it is stuck. */
export const DELIVERY_DEADLINE_MS = 30 * 60_000;

const CHANNEL_STATES: readonly string[] = ['active', 'paused', 'needsReauth', 'removed'];
const DELIVERY_STATES: readonly string[] = ['pending', 'inFlight', 'delivered', 'rejected', 'cancelled'];
const ACTIONS: readonly string[] = ['publish', 'update', 'remove'];

function toChannel(row: Channel): ChannelRecord {
  if (!CHANNEL_STATES.includes(row.state)) throw new Error(`database holds an unknown channel state: ${row.state}`);
  const { refreshLockUntil: _until, refreshLockToken: _token, createdAt: _created, ...rest } = row;
  return { ...rest, state: row.state as ChannelState, policy: JSON.parse(row.policy) as ChannelPolicy };
}

function toDelivery(row: Delivery): DeliveryRecord {
  if (!DELIVERY_STATES.includes(row.state) || !ACTIONS.includes(row.action) || !(DELIVERY_PARTS as readonly string[]).includes(row.part)) {
    throw new Error(`database holds an unknown delivery: ${row.state}/${row.action}/${row.part}`);
  }
  const { leaseUntil: _lease, claimToken: _token, createdAt: _created, stuckAlertedAt: _alerted, siteId: _site, ...rest } = row;
  return { ...rest, state: row.state as DeliveryState, action: row.action as DeliveryAction, part: row.part as DeliveryPart };
}

/**
 * The outbox rows a decision implies, in its transaction: a publication gives one delivery per
 * channel that takes the item; a correction an update and a take-down a removal on every channel
 * that has (or may have) the post. A publication not yet sent is simply cancelled by a take-down.
 */
export async function enqueueDeliveries(tx: Tx, item: ItemRecord, effect: Effect, revisionHash: string, at: Date): Promise<void> {
  const action = mirrorAction(effect);
  if (!action) return;
  const base = { itemId: item.id, code: item.code, siteId: item.siteId, revisionHash, state: 'pending', nextAttemptAt: at, deadlineAt: new Date(at.getTime() + DELIVERY_DEADLINE_MS), createdAt: at };
  if (action === 'publish') {
    const hasVideo = item.revision.mediaRefs.some((ref) => publicMedia(ref)?.kind === 'video');
    const channels = (await tx.channel.findMany({ where: { state: { not: 'removed' } } })).map(toChannel).filter((c) => takes(c.policy, item));
    for (const c of channels) {
      for (const part of partsFor(c.policy, { hasVideo })) await tx.delivery.create({ data: { id: randomUUID(), channelId: c.id, action, part, ...base } });
    }
    return;
  }
  if (action === 'remove') {
    // Take-down wins: what no call has touched is cancelled; the rest (claimed by a worker, or a call
    // that may have posted) is withdrawn, so no worker posts it: a started call is only looked up, and
    // the removal below deletes what it finds. A worker's markCallStarted requires withdrawnAt null;
    // both are conditional updates of the same row, so one of the two wins.
    const open = { itemId: item.id, action: { in: ['publish', 'update'] } };
    await tx.delivery.updateMany({ where: { ...open, state: { in: ['pending', 'rejected'] }, callStartedAt: null }, data: { state: 'cancelled', withdrawnAt: at } });
    await tx.delivery.updateMany({ where: { ...open, state: { in: ['pending', 'inFlight'] }, withdrawnAt: null }, data: { withdrawnAt: at, nextAttemptAt: at } });
  }
  if (action === 'update') {
    // Every update sends the text current when it runs: one not yet started is superseded by this one.
    await tx.delivery.updateMany({ where: { itemId: item.id, action: 'update', state: 'pending' }, data: { state: 'cancelled' } });
  }
  const posted = await tx.delivery.findMany({ where: { itemId: item.id, action: 'publish', state: { in: ['pending', 'inFlight', 'delivered'] }, channel: { state: { not: 'removed' } } }, select: { channelId: true, part: true } });
  for (const { channelId, part } of posted.filter((p) => !FINAL_PARTS.has(p.part as DeliveryPart))) {
    await tx.delivery.create({ data: { id: randomUUID(), channelId, action, part, ...base } });
  }
}

/** Late deliveries reported in one run at most. */
const STUCK_BATCH = 500;

export function outboxStore(db: Db, trail: AuditTrail): OutboxStore {
  return {
    async addChannel(channel, audit) {
      return db.$transaction(async (t) => {
        const row = await t.channel.create({ data: { id: randomUUID(), ...channel, policy: JSON.stringify(channel.policy) } });
        await trail.append(t, { ...audit, subjectId: row.id });
        return toChannel(row);
      });
    },
    channels: async () => (await db.channel.findMany({ orderBy: { key: 'asc' } })).map(toChannel),
    async setChannelState(id, state, audit) {
      await db.$transaction(async (t) => {
        await t.channel.update({ where: { id }, data: { state } });
        await trail.append(t, audit);
      });
    },

    async lockRefresh(channelId, token, now, until) {
      const taken = await db.channel.updateMany({ where: { id: channelId, OR: [{ refreshLockUntil: null }, { refreshLockUntil: { lt: now } }] }, data: { refreshLockUntil: until, refreshLockToken: token } });
      return taken.count === 1;
    },
    async saveRefreshed(channelId, token, credentials) {
      await db.channel.updateMany({ where: { id: channelId, refreshLockToken: token }, data: { ...(credentials ? { credentials } : {}), refreshLockUntil: null, refreshLockToken: null } });
    },
    async channelCredentials(channelId) {
      return (await db.channel.findUnique({ where: { id: channelId }, select: { credentials: true } }))?.credentials ?? null;
    },
    async channelRemovalsOpen(channelId) {
      const rows = await db.delivery.findMany({ where: { channelId, action: 'remove', state: { in: ['pending', 'inFlight'] } }, select: { code: true }, orderBy: { code: 'asc' }, distinct: ['code'] });
      return rows.map((r) => r.code);
    },
    async removeChannel(id, now, audit) {
      return db.$transaction(async (t) => {
        // The token goes with the channel; the rows stay, so its history and the audit trail still read.
        await t.channel.update({ where: { id }, data: { state: 'removed', credentials: '', lastError: null, refreshLockUntil: null, refreshLockToken: null } });
        // A call under way (lease held) finishes and records what it did; everything else waiting stops here.
        const open = { channelId: id, OR: [{ state: { in: ['pending', 'rejected'] } }, { state: 'inFlight', leaseUntil: { lt: now } }] };
        const cancelled = (await t.delivery.updateMany({ where: open, data: { state: 'cancelled', lastError: 'channel removed' } })).count;
        const [posted, removed] = await Promise.all([
          t.delivery.count({ where: { channelId: id, action: 'publish', state: 'delivered', externalId: { not: null } } }),
          t.delivery.count({ where: { channelId: id, action: 'remove', state: 'delivered' } }),
        ]);
        await trail.append(t, { ...audit, data: { ...audit.data, cancelled } });
        return { cancelled, postsLeft: Math.max(0, posted - removed) };
      });
    },
    async reconnectChannel(id, credentials, audit) {
      await db.$transaction(async (t) => {
        await t.channel.update({ where: { id }, data: { credentials, state: 'active', lastError: null } });
        await trail.append(t, audit);
      });
    },
    async recordChannelTest(id, from, change, audit) {
      return db.$transaction(async (t) => {
        const where = { id, state: from };
        const held = Object.keys(change).length > 0 ? (await t.channel.updateMany({ where, data: change })).count : await t.channel.count({ where });
        if (held === 1 && audit) await trail.append(t, audit);
        return held === 1;
      });
    },

    async dueDeliveries(now, limit, skip = []) {
      const rows = await db.delivery.findMany({
        where: { channel: { state: 'active' }, ...(skip.length ? { channelId: { notIn: [...skip] } } : {}), OR: [{ state: 'pending', nextAttemptAt: { lte: now } }, { state: 'inFlight', leaseUntil: { lt: now } }] },
        // Oldest first; of one item, the post before its video (a video may wait for a reconnect).
        orderBy: [{ nextAttemptAt: 'asc' }, { createdAt: 'asc' }, { part: 'asc' }],
        take: limit,
      });
      return rows.map(toDelivery);
    },
    async claimDeliveries(ids, token, now, leaseMs) {
      if (ids.length === 0) return [];
      // One conditional update for the lot: on PostgreSQL a second writer re-reads the rows after the first commits and no longer matches them.
      await db.delivery.updateMany({
        where: { id: { in: [...ids] }, OR: [{ state: 'pending', nextAttemptAt: { lte: now } }, { state: 'inFlight', leaseUntil: { lt: now } }] },
        data: { state: 'inFlight', claimToken: token, leaseUntil: new Date(now.getTime() + leaseMs), attempts: { increment: 1 } },
      });
      const taken = await db.delivery.findMany({ where: { id: { in: [...ids] }, claimToken: token, state: 'inFlight' }, select: { id: true } });
      const mine = new Set(taken.map((r) => r.id));
      return ids.filter((id) => mine.has(id));
    },
    async extendClaims(ids, token, until) {
      return (await db.delivery.updateMany({ where: { id: { in: [...ids] }, claimToken: token, state: 'inFlight' }, data: { leaseUntil: until } })).count;
    },
    async releaseClaims(ids, token) {
      // Claimed but never tried (the lane stopped first): back as they were, the attempt not counted.
      return (await db.delivery.updateMany({ where: { id: { in: [...ids] }, claimToken: token, state: 'inFlight' }, data: { state: 'pending', claimToken: null, leaseUntil: null, attempts: { decrement: 1 } } })).count;
    },
    async markCallStarted(id, token, at) {
      return (await db.delivery.updateMany({ where: { id, claimToken: token, state: 'inFlight', withdrawnAt: null }, data: { callStartedAt: at } })).count === 1;
    },
    async settleDeliveries(batch) {
      return db.$transaction(async (t) => {
        const done: boolean[] = [];
        // A channel's changes, merged in settling order: one write per channel, not per row.
        const channels = new Map<string, Settlement['channel']>();
        for (const { delivery, token, settlement: s } of batch) {
          const moved = await t.delivery.updateMany({
            where: { id: delivery.id, claimToken: token, state: 'inFlight' },
            data: {
              state: s.state,
              nextAttemptAt: s.nextAttemptAt,
              lastError: s.lastError,
              leaseUntil: null,
              claimToken: null,
              ...(s.keepCallStarted ? {} : { callStartedAt: null }),
              ...(s.externalId ? { externalId: s.externalId, externalUrl: s.externalUrl ?? null, deliveredAt: s.nextAttemptAt } : {}),
            },
          });
          done.push(moved.count === 1);
          if (moved.count === 1 && Object.keys(s.channel).length > 0) channels.set(delivery.channelId, { ...channels.get(delivery.channelId), ...s.channel });
        }
        for (const [id, data] of channels) await t.channel.update({ where: { id }, data });
        // The audit rows of the rows this worker settled, in the order they were settled.
        await trail.appendMany(t, batch.flatMap((b, i) => (done[i] && b.audit ? [b.audit] : [])));
        return done;
      });
    },

    async quotaUsed(channelId, period) {
      return (await db.channelQuota.findUnique({ where: { channelId_period: { channelId, period } } }))?.used ?? 0;
    },
    async spendQuota(channelId, period, units) {
      for (let attempt = 1; ; attempt += 1) {
        try {
          const row = await db.channelQuota.upsert({ where: { channelId_period: { channelId, period } }, create: { channelId, period, used: units }, update: { used: { increment: units } } });
          return row.used;
        } catch (error) {
          // Two workers creating the period's row at once: the loser increments the winner's.
          if (attempt >= 3 || !isUniqueViolation(error)) throw error;
        }
      }
    },
    async markQuota(channelId, period, mark, at) {
      await db.channelQuota.upsert({ where: { channelId_period: { channelId, period } }, create: { channelId, period, used: 0 }, update: {} }).catch((error: unknown) => {
        if (!isUniqueViolation(error)) throw error;
      });
      return (await db.channelQuota.updateMany({ where: { channelId, period, [mark]: null }, data: { [mark]: at } })).count === 1;
    },

    async waitingByChannel() {
      const groups = await db.delivery.groupBy({ by: ['channelId'], where: { state: { in: ['pending', 'inFlight'] } }, _count: { _all: true } });
      return Object.fromEntries(groups.map((g) => [g.channelId, g._count._all]));
    },
    async takeStuckDeliveries(now) {
      // Bounded: after a long outage thousands may be late at once; the rest are reported by the next runs.
      const rows = await db.delivery.findMany({ where: { state: { in: ['pending', 'inFlight'] }, deadlineAt: { lt: now }, stuckAlertedAt: null, channel: { state: { in: ['active', 'needsReauth'] } } }, orderBy: [{ deadlineAt: 'asc' }, { id: 'asc' }], take: STUCK_BATCH });
      const taken: DeliveryRecord[] = [];
      for (const row of rows) {
        // Several processes may watch: only the one whose update marks the row reports it.
        const marked = await db.delivery.updateMany({ where: { id: row.id, stuckAlertedAt: null }, data: { stuckAlertedAt: now } });
        if (marked.count === 1) taken.push(toDelivery(row));
      }
      return taken;
    },
    async retryDeliveries(itemId, now, audit) {
      return db.$transaction(async (t) => {
        const r = await t.delivery.updateMany({
          where: { itemId, state: { in: ['pending', 'rejected'] }, withdrawnAt: null },
          data: { state: 'pending', nextAttemptAt: now, deadlineAt: new Date(now.getTime() + DELIVERY_DEADLINE_MS), stuckAlertedAt: null },
        });
        if (r.count > 0) await trail.append(t, audit);
        return r.count;
      });
    },

    async raiseAlert(text, at) {
      await db.alert.create({ data: { id: randomUUID(), text, createdAt: at } });
    },
    unsentAlerts: async (limit) => db.alert.findMany({ where: { sentAt: null }, orderBy: { createdAt: 'asc' }, take: limit, select: { id: true, text: true, createdAt: true } }),
    markAlertSent: async (id, at) => (await db.alert.updateMany({ where: { id, sentAt: null }, data: { sentAt: at } })).count === 1,

    deliveriesOfItem: async (itemId) => (await db.delivery.findMany({ where: { itemId }, orderBy: { createdAt: 'asc' } })).map(toDelivery),
  };
}
