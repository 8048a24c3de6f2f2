import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { LeasePort } from '../../src/app/leasePorts.js';
import { startLeadership, type Leadership } from '../../src/app/leadership.js';
import { auditKeys } from '../../src/core/audit.js';
import { openLease } from '../../src/store/lease.js';
import { createPrismaStore } from '../../src/store/prismaStore.js';
import { BACKENDS, type TestDatabase } from '../helpers/databases.js';

/** Short leases so the test does not wait for the service's 5 s; the rules are the same. */
const LEASE_MS = 900;
const RENEW_MS = 270;
const quiet = { info: () => undefined, warn: () => undefined, error: () => undefined };

interface Process {
  name: string;
  leadership: Leadership;
  /** Desk terms this process started and stopped, in order. */
  terms: { startedAt: number; stoppedAt: number | null }[];
  /** The database cut off from this process (a network split): every lease call fails. */
  cut: { on: boolean };
  /** A crash: the loop stops, nothing is released, the desk just vanishes. */
  kill: () => void;
}

describe.each(BACKENDS)('one desk among several processes on $name', ({ name: backend, fresh, skip }) => {
  let db: TestDatabase;
  const closers: (() => Promise<void>)[] = [];
  const waitFor = async (probe: () => boolean, ms = 20_000) => {
    const until = Date.now() + ms;
    while (!probe()) {
      if (Date.now() > until) throw new Error('timed out');
      await new Promise((r) => setTimeout(r, 20));
    }
  };

  let shared: ReturnType<typeof createPrismaStore> | null = null;
  const start = (name: string, leaseMs = LEASE_MS): Process => {
    // SQLite: the processes share one connection here. Two connections in one test process would wait for
    // the file's lock synchronously, each blocking the event loop the other needs (in the service, each
    // process has its own event loop: tests/journey/twoProcesses.test.ts).
    const own = backend === 'PostgreSQL' || !shared;
    const store = own ? createPrismaStore(db.url, auditKeys('leadership-test-hub-secret-0123456789abcd')) : shared!;
    if (backend !== 'PostgreSQL') shared = store;
    const real = openLease(db.url, store);
    const cut = { on: false };
    const refuse = async (): Promise<never> => {
      throw new Error('connect ECONNREFUSED');
    };
    const lease: LeasePort = {
      claim: (...args) => (cut.on ? refuse() : real.claim(...args)),
      release: (...args) => (cut.on ? refuse() : real.release(...args)),
      close: () => real.close(),
    };
    const terms: Process['terms'] = [];
    let dead = false;
    const leadership = startLeadership({
      lease,
      holder: name,
      leaseMs,
      renewMs: RENEW_MS,
      clock: () => new Date(),
      monotonic: () => performance.now(),
      lead: async () => {
        const term = { startedAt: performance.now(), stoppedAt: null as number | null };
        terms.push(term);
        return async () => void (term.stoppedAt = performance.now());
      },
      log: quiet,
      stuck: () => {
        throw new Error('stop hung');
      },
      stuckMs: 10_000,
    });
    const process: Process = {
      name,
      leadership,
      terms,
      cut,
      kill: () => {
        dead = true;
        // Its renewals end, its desk with it; the row stays as it was.
        cut.on = true;
        const last = terms.at(-1);
        if (last && last.stoppedAt === null) last.stoppedAt = performance.now();
      },
    };
    closers.push(async () => {
      if (!dead) await leadership.stop();
      else await leadership.stop().catch(() => undefined);
      await lease.close();
      if (own) await store.close();
    });
    return process;
  };
  const holding = (ps: Process[]) => ps.filter((p) => p.terms.some((t) => t.stoppedAt === null));

  /** No instant at which two processes' desks ran: each term ends before another process's begins. */
  const neverTwoAtOnce = (ps: Process[]) => {
    const all = ps.flatMap((p) => p.terms.map((t) => ({ ...t, name: p.name })));
    for (const a of all) for (const b of all) if (a.name !== b.name && a.startedAt < b.startedAt) expect(a.stoppedAt, `${a.name}'s desk still ran when ${b.name}'s started`).not.toBeNull(), expect(a.stoppedAt!).toBeLessThanOrEqual(b.startedAt);
  };

  beforeEach(async () => {
    if (skip) return;
    db = await fresh();
  });
  afterEach(async () => {
    if (skip) return;
    // Owners of a shared connection last.
    for (const close of closers.splice(0).reverse()) await close();
    shared = null;
    await db.drop();
  });

  it.skipIf(skip)('runs the desk in exactly one process; a killed holder is replaced, a cut-off holder stops before its successor starts', async () => {
    const ps = [start('A'), start('B'), start('C')];
    await waitFor(() => holding(ps).length === 1);
    await new Promise((r) => setTimeout(r, 3 * LEASE_MS));
    // Read when settled: on a loaded machine a holder whose renewals ran late stops its desk and claims it again,
    // and a look in that gap sees none. Never two at once is what matters, and neverTwoAtOnce checks it.
    await waitFor(() => holding(ps).length === 1 && ps.filter((p) => p.leadership.holds()).length === 1);

    // Killed: another process takes the desk.
    const first = holding(ps)[0]!;
    first.kill();
    await waitFor(() => holding(ps.filter((p) => p !== first)).length === 1);
    const second = holding(ps)[0]!;
    expect(second).not.toBe(first);

    // Cut off from the database: it stops its own desk (nobody told it), and only then does the last one start.
    second.cut.on = true;
    await waitFor(() => !second.terms.some((t) => t.stoppedAt === null));
    expect(second.leadership.holds()).toBe(false);
    await waitFor(() => holding(ps).length === 1 && holding(ps)[0] !== second);
    const third = holding(ps)[0]!;

    // Back on the database, the cut-off one follows: its renewal is refused, it does not start a desk again.
    second.cut.on = false;
    await new Promise((r) => setTimeout(r, 3 * LEASE_MS));
    await waitFor(() => holding(ps).length === 1);
    expect(holding(ps)).toEqual([third]);
    neverTwoAtOnce(ps);
  });

  it.skipIf(skip)('hands the desk over at a clean shutdown, after its own desk stopped, without waiting for the lease to run out', async () => {
    // A lease far longer than the test may wait: the other process can only have it because it was given up.
    const ps = [start('A', 600_000), start('B', 600_000)];
    await waitFor(() => holding(ps).length === 1);
    const leader = holding(ps)[0]!;
    const other = ps.find((p) => p !== leader)!;
    await leader.leadership.stop();
    expect(holding(ps)).toEqual([]);
    await waitFor(() => holding(ps).length === 1);
    expect(holding(ps)).toEqual([other]);
    neverTwoAtOnce(ps);
  });
});
