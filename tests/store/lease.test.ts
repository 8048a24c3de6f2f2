import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { LeaseClaim, LeasePort } from '../../src/app/leasePorts.js';
import { auditKeys } from '../../src/core/audit.js';
import { openLease } from '../../src/store/lease.js';
import { openClient } from '../../src/store/client.js';
import { createPrismaStore } from '../../src/store/prismaStore.js';
import { BACKENDS, type TestDatabase } from '../helpers/databases.js';

const LEASE_MS = 5_000;

describe.each(BACKENDS)('the desk lease on $name', ({ name, fresh, skip }) => {
  let db: TestDatabase;
  const opened: { lease: LeasePort; close: () => Promise<void> }[] = [];
  /** Each process has its store, and the lease as the service opens it beside the store. */
  const processLease = () => {
    const store = createPrismaStore(db.url, auditKeys('lease-test-hub-secret-0123456789abcdef0123'));
    const lease = openLease(db.url, store);
    opened.push({ lease, close: async () => (await lease.close(), await store.close()) });
    return lease;
  };
  /**
   * Claims made at the same instant. PostgreSQL runs them truly at once; SQLite one writer at a time, and
   * two connections of one test process would block each other's event loop, so there they go one by one.
   */
  const together = async (claims: (() => Promise<LeaseClaim>)[]) => {
    if (name === 'PostgreSQL') return Promise.all(claims.map((c) => c()));
    const out: LeaseClaim[] = [];
    for (const c of claims) out.push(await c());
    return out;
  };
  const at = (seconds: number) => new Date(Date.UTC(2026, 11, 1, 3, 0, seconds));
  const row = async () => {
    const client = openClient(db.url);
    try {
      return await client.lease.findUnique({ where: { name: 'desk' } });
    } finally {
      await client.$disconnect();
    }
  };

  beforeEach(async () => {
    if (skip) return;
    db = await fresh();
  });
  afterEach(async () => {
    if (skip) return;
    for (const o of opened.splice(0)) await o.close();
    await db.drop();
  });

  it.skipIf(skip)('is taken when nobody holds it, renewed by its holder, refused to anyone else while it is renewed', async () => {
    const a = processLease();
    const b = processLease();
    expect(await a.claim('desk', 'A', at(0), LEASE_MS, null)).toEqual({ ours: true });
    expect(await row()).toMatchObject({ holder: 'A', expiresAt: at(5), takenAt: at(0) });
    const refused = await b.claim('desk', 'B', at(1), LEASE_MS, null);
    expect(refused).toEqual({ ours: false, seen: { holder: 'A', expiresAt: at(5) } });
    expect(await a.claim('desk', 'A', at(2), LEASE_MS, null)).toEqual({ ours: true });
    // Renewed: the row moved on, the start of the holding did not.
    expect(await row()).toMatchObject({ holder: 'A', expiresAt: at(7), takenAt: at(0) });
    // B saw the row at 00:05 and offers that as stale; it was renewed since: refused, and B sees the new row.
    expect(await b.claim('desk', 'B', at(9), LEASE_MS, refused.ours ? null : refused.seen)).toEqual({ ours: false, seen: { holder: 'A', expiresAt: at(7) } });
    expect((await row())?.holder).toBe('A');
  });

  it.skipIf(skip)('is taken over from a holder that stopped renewing, by exactly the row seen, and the old holder cannot renew it after', async () => {
    const a = processLease();
    const b = processLease();
    await a.claim('desk', 'A', at(0), LEASE_MS, null);
    const seen = await b.claim('desk', 'B', at(1), LEASE_MS, null);
    expect(seen.ours).toBe(false);
    expect(await b.claim('desk', 'B', at(7), LEASE_MS, seen.ours ? null : seen.seen)).toEqual({ ours: true });
    expect(await row()).toMatchObject({ holder: 'B', expiresAt: at(12), takenAt: at(7) });
    // A wakes up (a long pause, a network cut): its renewal is refused, and it learns who holds the desk.
    expect(await a.claim('desk', 'A', at(8), LEASE_MS, null)).toEqual({ ours: false, seen: { holder: 'B', expiresAt: at(12) } });
  });

  it.skipIf(skip)('given up at a clean shutdown, is free for the next claimant at once; nobody else can give it up', async () => {
    const a = processLease();
    const b = processLease();
    await a.claim('desk', 'A', at(0), LEASE_MS, null);
    await b.release('desk', 'B');
    expect((await row())?.holder).toBe('A');
    await a.release('desk', 'A');
    expect(await row()).toBeNull();
    expect(await b.claim('desk', 'B', at(1), LEASE_MS, null)).toEqual({ ours: true });
  });

  it.skipIf(skip)('goes to exactly one of many processes claiming at once, whether nobody holds it or a stale holder is taken over together', async () => {
    const claimants = Array.from({ length: 6 }, (_, i) => ({ name: `P${i}`, lease: processLease() }));
    const first = await together(claimants.map((c) => () => c.lease.claim('desk', c.name, at(0), LEASE_MS, null)));
    expect(first.filter((c) => c.ours)).toHaveLength(1);
    const holder = (await row())!.holder;
    const stale = { holder, expiresAt: at(5) };
    // The holder died; every other process saw the same row stand still and takes it over at the same instant.
    const second = await together(claimants.filter((c) => c.name !== holder).map((c) => () => c.lease.claim('desk', c.name, at(10), LEASE_MS, stale)));
    expect(second.filter((c) => c.ours)).toHaveLength(1);
    expect((await row())!.holder).not.toBe(holder);
  });
});
