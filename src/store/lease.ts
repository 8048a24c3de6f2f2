import type { LeaseClaim, LeasePort, LeaseSeen, LeaseStore } from '../app/leasePorts.js';
import { openClient, type Db } from './client.js';
import { isUniqueViolation } from './errors.js';
import { providerOf } from './url.js';

/**
 * The lease's statements. Each step is one conditional statement, safe against any number of
 * claimants without a transaction around them: the UPDATE matches only a row that is ours, or still
 * exactly as seen stale (PostgreSQL re-checks the condition on a row it waited for; SQLite runs
 * writers one at a time), and the INSERT of an absent row is refused by the primary key for all but one.
 *
 * "Expired" is never judged by comparing `expiresAt` with this process's clock: web processes on
 * several hosts disagree about the time. A claimant takes over only a row it saw unchanged for a
 * whole lease by its own clock (src/app/leadership.ts); `expiresAt` is the row's version and what an
 * operator reads.
 */
export function leaseStore(db: Db): LeaseStore {
  const read = (name: string): Promise<LeaseSeen | null> => db.lease.findUnique({ where: { name }, select: { holder: true, expiresAt: true } });
  return {
    async claimLease(name, holder, now, leaseMs, stale): Promise<LeaseClaim> {
      const expiresAt = new Date(now.getTime() + leaseMs);
      const renewed = await db.lease.updateMany({ where: { name, holder }, data: { expiresAt } });
      if (renewed.count === 1) return { ours: true };
      if (stale && stale.holder !== holder) {
        const taken = await db.lease.updateMany({ where: { name, holder: stale.holder, expiresAt: stale.expiresAt }, data: { holder, expiresAt, takenAt: now } });
        if (taken.count === 1) return { ours: true };
      }
      const seen = await read(name);
      if (seen) return { ours: false, seen };
      try {
        await db.lease.create({ data: { name, holder, expiresAt, takenAt: now } });
        return { ours: true };
      } catch (error) {
        if (!isUniqueViolation(error)) throw error;
        return { ours: false, seen: await read(name) };
      }
    },
    async releaseLease(name, holder) {
      await db.lease.deleteMany({ where: { name, holder } });
    },
  };
}

/**
 * The lease for the service. On PostgreSQL, its own connection: a renewal must not wait for a pool
 * the store's slow reads keep busy. On SQLite, the store's connection: a second connection in the
 * same process would wait for the file's write lock synchronously (better-sqlite3's busy wait blocks
 * the event loop) while the store's open transaction, which holds it, can only end on that same event
 * loop — a ten-second freeze, then a failure. The store's connection queues the lease's statements
 * behind its transactions instead; a transaction longer than the lease's margin (1.5 s at the default 5)
 * makes the holder give the desk up, and it is taken again once the database moves.
 */
export function openLease(url: string, store: LeaseStore): LeasePort {
  if (providerOf(url) === 'sqlite') {
    return { claim: (...args) => store.claimLease(...args), release: (...args) => store.releaseLease(...args), close: async () => undefined };
  }
  const client = openClient(url);
  const own = leaseStore(client);
  return { claim: (...args) => own.claimLease(...args), release: (...args) => own.releaseLease(...args), close: () => client.$disconnect() };
}
