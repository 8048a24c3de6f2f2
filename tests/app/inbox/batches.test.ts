import { describe, expect, it } from 'vitest';
import { InboxBatches, type BatchOptions } from '../../../src/app/inbox/batches.js';
import type { InboxRow, InboxStore } from '../../../src/app/inbox/ports.js';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** The inbox in memory: what InboxBatches reads and writes, nothing more. `readMs`: a row read sees the row at once and answers that long after (a slow database). */
function memoryInbox(readMs = 0) {
  const rows = new Map<string, InboxRow>();
  const store: InboxStore = {
    takeInbound: async (key, payload, at) => {
      if (rows.has(key)) return false;
      rows.set(key, { key, payload, receivedAt: at, state: 'waiting', batchKey: null });
      return true;
    },
    batchInbound: async (key, batchKey) => {
      const row = rows.get(key);
      if (row?.state === 'waiting') rows.set(key, { ...row, state: 'batched', batchKey });
    },
    finishInbound: async (keys, from) => {
      let moved = 0;
      for (const key of keys) {
        const row = rows.get(key);
        if (row?.state === from) {
          rows.set(key, { ...row, state: 'done' });
          moved += 1;
        }
      }
      return moved;
    },
    inboundRow: async (key) => {
      const row = rows.get(key) ?? null;
      if (readMs > 0) await sleep(readMs);
      return row;
    },
    unfinishedInbound: async (prefix) => [...rows.values()].filter((r) => r.state !== 'done' && r.key.startsWith(prefix)),
    latestInbound: async () => null,
    batchedInbound: async (batchKey) => [...rows.values()].filter((r) => r.state === 'batched' && r.batchKey === batchKey),
    pruneInbound: async () => 0,
  };
  return { store, rows };
}

function bed(options: BatchOptions = {}, takeMs = 0, readMs = 0) {
  let now = new Date('2026-12-01T03:00:00Z');
  const clock = () => now;
  const { store, rows } = memoryInbox(readMs);
  const taken: string[][] = [];
  const make = () =>
    new InboxBatches(
      { store, clock },
      async (batch, current) => {
        if (takeMs > 0) await sleep(takeMs);
        const still = new Set((await current()).map((r) => r.key));
        taken.push(batch.map((r) => r.key).filter((k) => still.has(k)));
      },
      50,
      (error) => {
        throw error;
      },
      options,
    );
  const batches = make();
  const arrive = async (b: InboxBatches, key: string, base = 'zalo:batch:g:u') => {
    await store.takeInbound(key, JSON.stringify({ key }), clock());
    await b.park(key, base);
  };
  return { store, rows, taken, batches, make, arrive, advance: (ms: number) => (now = new Date(now.getTime() + ms)) };
}

describe('InboxBatches', () => {
  it('takes a batch at once when it reaches its parts cap; the next part starts a new batch', async () => {
    const t = bed({ limits: { maxParts: 3, maxMs: 60_000 } });
    for (let i = 1; i <= 7; i += 1) await t.arrive(t.batches, `m${i}`);
    await sleep(150);
    expect(t.taken).toEqual([['m1', 'm2', 'm3'], ['m4', 'm5', 'm6'], ['m7']]);
  });

  it('measures a batch’s age from when its first part was received here: a part after the cap starts a new batch', async () => {
    const t = bed({ limits: { maxParts: 20, maxMs: 60_000 } });
    await t.arrive(t.batches, 'm1');
    t.advance(30_000);
    await t.arrive(t.batches, 'm2');
    t.advance(31_000);
    await t.arrive(t.batches, 'm3');
    await sleep(150);
    expect(t.taken).toEqual([['m1', 'm2'], ['m3']]);
  });

  it('a part arriving while a released batch is being taken joins the next batch, and takes run in order', async () => {
    const t = bed({ limits: { maxParts: 2, maxMs: 60_000 } }, 100);
    await t.arrive(t.batches, 'm1');
    await t.arrive(t.batches, 'm2');
    await t.arrive(t.batches, 'm3');
    await sleep(350);
    expect(t.taken).toEqual([['m1', 'm2'], ['m3']]);
    expect([...t.rows.values()].every((r) => r.state === 'done')).toBe(true);
  });

  it('a recall during the take leaves its part out, and says the batch was released', async () => {
    const t = bed({}, 100);
    await t.arrive(t.batches, 'm1');
    await t.arrive(t.batches, 'm2');
    await sleep(80);
    const dropped = await t.batches.drop('m2', 'zalo:batch:g:u');
    expect(dropped.kind).toBe('released');
    if (dropped.kind === 'released') await dropped.taken;
    expect(t.taken).toEqual([['m1']]);
    expect(await t.batches.drop('m1', 'zalo:batch:g:u')).toEqual({ kind: 'absent' });
  });

  it('a recall whose read of the inbox is answered after the take saved the part and ended: the part is in what was saved, never "never taken"', async () => {
    // The take runs from 50 ms to 150 ms; the recall reads the row at 80 ms (still in the batch) and hears back at 230 ms.
    const t = bed({}, 100, 150);
    await t.arrive(t.batches, 'm1');
    await t.arrive(t.batches, 'm2');
    await sleep(80);
    const dropped = await t.batches.drop('m2', 'zalo:batch:g:u');
    expect(t.taken).toEqual([['m1', 'm2']]);
    // Absent from the inbox: the caller finds it in the submission the take saved, and takes it out there.
    expect(dropped).toEqual({ kind: 'absent' });
  });

  it('after a restart: a batch parked under the key used before generations is found by a recall and taken; new parts never join a released one', async () => {
    const t = bed({ limits: { maxParts: 3, maxMs: 60_000 } });
    // Rows a deployed inbox holds from before: parked under the base itself.
    for (const key of ['old1', 'old2', 'old3']) {
      await t.store.takeInbound(key, '{}', new Date('2026-12-01T02:59:59Z'));
      await t.store.batchInbound(key, 'zalo:batch:g:u');
    }
    const restarted = t.make();
    expect(await restarted.drop('old2', 'zalo:batch:g:u')).toEqual({ kind: 'dropped' });
    await restarted.resume(await t.store.unfinishedInbound(''));
    await t.arrive(restarted, 'new1');
    await sleep(150);
    expect(t.taken).toEqual([['old1', 'old3', 'new1']]);
    // A batch of this run at its cap when a crash struck: taken at once after the restart, the next part apart.
    for (const key of ['a', 'b', 'c']) {
      await t.store.takeInbound(key, '{}', new Date());
      await t.store.batchInbound(key, 'zalo:batch:g:u#1700000000000');
    }
    const again = t.make();
    await again.resume(await t.store.unfinishedInbound(''));
    await t.arrive(again, 'd');
    await sleep(150);
    expect(t.taken.slice(1)).toEqual([['a', 'b', 'c'], ['d']]);
  });

  it('waits the quiet time the parts ask for (photos wait for their caption)', async () => {
    const t = bed({ quietFor: (rows) => (rows.every((r) => r.key.startsWith('photo')) ? 200 : 50) });
    await t.arrive(t.batches, 'photo1');
    await sleep(120);
    await t.arrive(t.batches, 'caption');
    await sleep(150);
    expect(t.taken).toEqual([['photo1', 'caption']]);
  });
});
