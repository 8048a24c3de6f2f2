import type { Logger } from 'pino';

export interface Job {
  name: string;
  everyMs: number;
  /** The first run's delay, when it should come sooner than `everyMs` after a start. */
  firstAfterMs?: number;
  run: () => Promise<unknown>;
}

/**
 * Everything on a clock, in one table (see src/main.ts for the entries). A job never overlaps
 * itself: the next run is planned only after the previous one finished.
 */
export function startJobs(jobs: readonly Job[], log: Logger): { stop: () => Promise<void> } {
  let stopping = false;
  const timers = new Map<string, NodeJS.Timeout>();
  const running = new Set<Promise<unknown>>();

  const plan = (job: Job, delay = job.everyMs) => {
    if (stopping) return;
    timers.set(job.name, setTimeout(() => tick(job), delay));
  };
  const tick = (job: Job) => {
    const run = job
      .run()
      .then((result) => log.debug({ job: job.name, result }, 'job done'))
      .catch((error: unknown) => log.error({ job: job.name, err: error }, 'job failed'))
      .finally(() => {
        running.delete(run);
        plan(job);
      });
    running.add(run);
  };
  for (const job of jobs) plan(job, job.firstAfterMs);

  return {
    async stop() {
      stopping = true;
      for (const t of timers.values()) clearTimeout(t);
      await Promise.allSettled([...running]);
    },
  };
}

/**
 * A job several clocks may start (its own row, and another job that just made work for it): calls never
 * overlap; one made while a run is under way waits for it, then runs once more for what arrived meanwhile.
 */
export function oneAtATime<T>(run: () => Promise<T>): () => Promise<T> {
  let last: Promise<unknown> = Promise.resolve();
  return () => {
    const next = last.then(run, run);
    last = next.catch(() => undefined);
    return next;
  };
}
