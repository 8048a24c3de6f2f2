import type { InboxRow, InboxStore } from '../app/inbox/ports.js';
import type { Db } from './client.js';
import { isUniqueViolation } from './errors.js';
import type { InboundUpdate } from './generated/sqlite/client.js';

const STATES: readonly string[] = ['waiting', 'batched', 'done'];

function toRow(row: InboundUpdate): InboxRow {
  if (!STATES.includes(row.state)) throw new Error(`database holds an unknown inbox state: ${row.state}`);
  return { key: row.key, receivedAt: row.receivedAt, payload: row.payload, state: row.state as InboxRow['state'], batchKey: row.batchKey };
}

// The key breaks ties between events taken in the same millisecond (Telegram's update ids and Zalo's message ids grow).
const ORDER = [{ receivedAt: 'asc' as const }, { key: 'asc' as const }];

/** The durable inbox over the InboundUpdate table. */
export function inboxStore(db: Db): InboxStore {
  return {
    async takeInbound(key, payload, at) {
      try {
        await db.inboundUpdate.create({ data: { key, receivedAt: at, payload, state: 'waiting' } });
        return true;
      } catch (error) {
        if (isUniqueViolation(error)) return false;
        throw error;
      }
    },
    async batchInbound(key, batchKey) {
      await db.inboundUpdate.updateMany({ where: { key, state: 'waiting' }, data: { state: 'batched', batchKey } });
    },
    async finishInbound(keys, from, at) {
      if (keys.length === 0) return 0;
      return (await db.inboundUpdate.updateMany({ where: { key: { in: [...keys] }, state: from }, data: { state: 'done', processedAt: at } })).count;
    },
    async inboundRow(key) {
      const row = await db.inboundUpdate.findUnique({ where: { key } });
      return row && toRow(row);
    },
    // By state first: the index on (state, receivedAt) finds the few rows not done among a week of done ones, every second.
    async unfinishedInbound(prefix) {
      return (await db.inboundUpdate.findMany({ where: { state: { in: ['waiting', 'batched'] }, key: { startsWith: prefix } }, orderBy: ORDER })).map(toRow);
    },
    async latestInbound(prefix) {
      const row = await db.inboundUpdate.findFirst({ where: { key: { startsWith: prefix } }, orderBy: [{ receivedAt: 'desc' }, { key: 'desc' }] });
      return row && toRow(row);
    },
    async batchedInbound(batchKey) {
      return (await db.inboundUpdate.findMany({ where: { batchKey, state: 'batched' }, orderBy: ORDER })).map(toRow);
    },
    async pruneInbound(before) {
      return (await db.inboundUpdate.deleteMany({ where: { receivedAt: { lt: before }, state: 'done' } })).count;
    },
  };
}
