import { describe, expect, it } from 'vitest';
import { Gate } from '../../src/core/gate.js';

/** A task the test ends by hand. */
function held<T>(value: T) {
  let end!: () => void;
  const ended = new Promise<void>((resolve) => (end = resolve));
  let started = false;
  return {
    task: async () => {
      started = true;
      await ended;
      return value;
    },
    end,
    get started() {
      return started;
    },
  };
}

const turn = () => new Promise((r) => setTimeout(r, 0));

describe('gate', () => {
  it('runs at most `running` tasks at once and starts the waiting ones in the order they came', async () => {
    const gate = new Gate(2, 5);
    const tasks = [held('a'), held('b'), held('c'), held('d')];
    const results = tasks.map((t) => gate.run(t.task));
    await turn();
    expect(tasks.map((t) => t.started)).toEqual([true, true, false, false]);
    tasks[1]!.end();
    await turn();
    expect(tasks.map((t) => t.started)).toEqual([true, true, true, false]);
    tasks[0]!.end();
    await turn();
    expect(tasks.map((t) => t.started)).toEqual([true, true, true, true]);
    tasks[2]!.end();
    tasks[3]!.end();
    expect(await Promise.all(results)).toEqual([{ value: 'a' }, { value: 'b' }, { value: 'c' }, { value: 'd' }]);
    expect(gate.load).toBe(0);
  });

  it('refuses at once, without running it, a task beyond the line, and takes one again when there is room', async () => {
    const gate = new Gate(1, 1);
    const first = held(1);
    const second = held(2);
    const a = gate.run(first.task);
    const b = gate.run(second.task);
    let ran = false;
    expect(
      await gate.run(async () => {
        ran = true;
        return 3;
      }),
    ).toBeNull();
    expect(ran).toBe(false);
    first.end();
    second.end();
    await Promise.all([a, b]);
    expect(await gate.run(async () => 4)).toEqual({ value: 4 });
  });

  it('gives the place back when a task fails, and passes the failure on', async () => {
    const gate = new Gate(1, 0);
    await expect(gate.run(async () => Promise.reject(new Error('broken')))).rejects.toThrow('broken');
    expect(gate.load).toBe(0);
    expect(await gate.run(async () => 'again')).toEqual({ value: 'again' });
  });

  it('with a rest, gives the caller its value at once but holds the place through the rest while others wait; alone, rests not at all', async () => {
    const gate = new Gate(1, 5);
    let endRest!: () => void;
    let rested = 0;
    const rest = () => {
      rested += 1;
      return new Promise<void>((resolve) => (endRest = resolve));
    };
    const first = held('a');
    const second = held('b');
    const a = gate.run(first.task, rest);
    const b = gate.run(second.task, rest);
    first.end();
    expect(await a).toEqual({ value: 'a' });
    await turn();
    // The first caller has its answer; the second still waits while the place rests.
    expect(second.started).toBe(false);
    expect(rested).toBe(1);
    endRest();
    await turn();
    expect(second.started).toBe(true);
    second.end();
    expect(await b).toEqual({ value: 'b' });
    // Nobody waited behind the second: its place was given back without a rest.
    expect(rested).toBe(1);
    expect(gate.load).toBe(0);
  });
});
