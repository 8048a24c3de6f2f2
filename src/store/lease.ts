import type { LeaseClaim, LeasePort, LeaseSeen } from '../app/leasePorts.js';
import { openClient } from './client.js';
import { isUniqueViolation } from './errors.js';

/**
 * The lease on its own connection: a renewal must not queue behind the store's transactions (on
 * SQLite the store's one connection runs them one at a time; on PostgreSQL its pool can be busy with
 * slow reads) — a leader that cannot renew for a few seconds loses its desk.
 *
 * Each step is one conditional statement, safe against any number of claimants without a
 * transaction: the UPDATE matches only a row that is ours or still exactly as seen stale (PostgreSQL
 * re-checks the condition on the row it waited for, SQLite runs writers one at a time), and the
 * INSERT of an absent row is refused by the primary key for all but one.
 *
 * "Expired" is never judged by comparing `expiresAt` with this process's clock: web processes on
 * several hosts disagree about the time. A claimant takes over only a row it saw unchanged for a
 * whole lease by its own clock (see src/app/leadership.ts); `expiresAt` is the row's version and
 * what an operator reads.
 */
export function createLeaseStore(url: string): LeasePort {
  const db = openClient(url);
  const read = async (name: string): Promise<LeaseSeen | null> => db.lease.findUnique({ where: { name }, select: { holder: true, expiresAt: true } });
  return {
    async claim(name, holder, now, leaseMs, stale): Promise<LeaseClaim> {
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
    async release(name, holder) {
      await db.lease.deleteMany({ where: { name, holder } });
    },
    close: () => db.$disconnect(),
  };
}
