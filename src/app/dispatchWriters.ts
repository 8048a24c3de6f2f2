import type { Deps } from './deps.js';

/** The dispatcher's database writes: one at a time in a process, settlements grouped while they wait. */
type Store = Deps['store'];

export type Serial = <T>(job: () => Promise<T>) => Promise<T>;

/** One after the other: lanes overlap on platform calls, not on their database writes. */
export function serial(): Serial {
  let tail: Promise<unknown> = Promise.resolve();
  return <T>(job: () => Promise<T>) => {
    const run = tail.then(job, job);
    tail = run.catch(() => undefined);
    return run;
  };
}

type SettleRequest = Parameters<Store['settleDeliveries']>[0][number];

/**
 * Settlements wait for the writer together: those that arrive while it is busy are written in one
 * transaction (group commit), so lanes side by side do not pay a transaction each.
 */
export function settler(store: Store, db: Serial): (request: SettleRequest) => Promise<boolean> {
  let waiting: { request: SettleRequest; done: (settled: boolean) => void; failed: (error: unknown) => void }[] = [];
  const flush = async () => {
    const batch = waiting;
    waiting = [];
    try {
      const settled = await store.settleDeliveries(batch.map((b) => b.request));
      batch.forEach((b, i) => b.done(settled[i] ?? false));
    } catch (error) {
      for (const b of batch) b.failed(error);
    }
  };
  return (request) =>
    new Promise<boolean>((done, failed) => {
      waiting.push({ request, done, failed });
      if (waiting.length > 1) return;
      // Written after the I/O already waiting (other lanes' answers) has run, so their results join this batch.
      setImmediate(() => void db(() => flush()));
    });
}

export interface Writers {
  db: Serial;
  settle: (request: SettleRequest) => Promise<boolean>;
}
