import { Writable } from 'node:stream';
import { pino } from 'pino';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { startJobs } from '../../jobs/schedule.js';

function capturingLogger() {
  const lines: Record<string, unknown>[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _enc, done) {
      lines.push(JSON.parse(chunk.toString()) as Record<string, unknown>);
      done();
    },
  });
  return { log: pino({ level: 'debug' }, sink), lines };
}

describe('the job runner', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('never overlaps a job with itself, even when a run outlasts its interval', async () => {
    const { log } = capturingLogger();
    let running = 0;
    let most = 0;
    let runs = 0;
    const job = { name: 'slow', everyMs: 1_000, run: () => new Promise<void>((resolve) => {
      running += 1;
      runs += 1;
      most = Math.max(most, running);
      setTimeout(() => { running -= 1; resolve(); }, 2_500);
    }) };
    const runner = startJobs([job], log);
    await vi.advanceTimersByTimeAsync(10_000);
    expect(most).toBe(1);
    // Each cycle is 1 s of waiting plus 2.5 s of work.
    expect(runs).toBe(3);
    const stopped = runner.stop();
    await vi.advanceTimersByTimeAsync(3_000);
    await stopped;
    expect(running).toBe(0);
  });

  it('a job may come first soon after a start, then keeps its own interval (the audit checkpoint)', async () => {
    const { log } = capturingLogger();
    let calls = 0;
    const runner = startJobs([{ name: 'audit-checkpoint', firstAfterMs: 5_000, everyMs: 3_600_000, run: async () => { calls += 1; } }], log);
    await vi.advanceTimersByTimeAsync(6_000);
    expect(calls).toBe(1);
    await vi.advanceTimersByTimeAsync(3_000_000);
    expect(calls).toBe(1);
    await vi.advanceTimersByTimeAsync(700_000);
    expect(calls).toBe(2);
    await runner.stop();
  });

  it('a failing job is logged with its name and keeps its schedule', async () => {
    const { log, lines } = capturingLogger();
    let calls = 0;
    const runner = startJobs([{ name: 'flaky', everyMs: 500, run: async () => { calls += 1; throw new Error('database busy'); } }], log);
    await vi.advanceTimersByTimeAsync(1_600);
    await runner.stop();
    expect(calls).toBe(3);
    const failures = lines.filter((l) => l.msg === 'job failed');
    expect(failures).toHaveLength(3);
    expect(failures[0]).toMatchObject({ job: 'flaky', err: { message: 'database busy' } });
  });

  it('stop waits for the run in progress and plans no more', async () => {
    const { log } = capturingLogger();
    let finished = false;
    let calls = 0;
    const runner = startJobs([{ name: 'publish', everyMs: 100, run: () => new Promise<void>((r) => { calls += 1; setTimeout(() => { finished = true; r(); }, 1_000); }) }], log);
    await vi.advanceTimersByTimeAsync(150);
    const stopped = runner.stop();
    await vi.advanceTimersByTimeAsync(1_000);
    await stopped;
    expect(finished).toBe(true);
    await vi.advanceTimersByTimeAsync(5_000);
    expect(calls).toBe(1);
  });
});

describe('a job two clocks may start', () => {
  it('never runs twice at once, and a call made during a run gets a run of its own after it', async () => {
    const { oneAtATime } = await import('../../jobs/schedule.js');
    let inside = 0;
    let most = 0;
    const seen: number[] = [];
    let release: () => void = () => undefined;
    const job = oneAtATime(async () => {
      inside += 1;
      most = Math.max(most, inside);
      await new Promise<void>((r) => (release = r));
      seen.push(seen.length + 1);
      inside -= 1;
      return seen.length;
    });
    const first = job();
    const second = job();
    await Promise.resolve();
    release();
    await new Promise((r) => setTimeout(r, 0));
    release();
    expect(await Promise.all([first, second])).toEqual([1, 2]);
    expect(most).toBe(1);
  });
});
