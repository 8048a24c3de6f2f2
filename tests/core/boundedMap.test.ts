import { describe, expect, it } from 'vitest';
import { BoundedMap, BoundedSet } from '../../src/core/boundedMap.js';

describe('bounded maps for long-lived processes', () => {
  it('100,000 distinct keys leave at most the cap, the most recently used kept', () => {
    const map = new BoundedMap<string, number>(1000);
    for (let i = 0; i < 100_000; i += 1) {
      map.set(`chat:${i}`, i);
      if (i % 10 === 0) map.get('chat:0');
    }
    expect(map.size).toBe(1000);
    // Read often, so never the oldest: still there after 100,000 others.
    expect(map.get('chat:0')).toBe(0);
    expect(map.get('chat:99999')).toBe(99_999);
    expect(map.has('chat:50000')).toBe(false);
  });

  it('a set of logged chats stays bounded and still answers for the recent ones', () => {
    const seen = new BoundedSet<string>(500);
    for (let i = 0; i < 100_000; i += 1) seen.add(`-100${i}`);
    expect(seen.size).toBe(500);
    expect(seen.has('-10099999')).toBe(true);
    expect(seen.has('-1000')).toBe(false);
  });

  it('refuses a cap that would bound nothing', () => {
    expect(() => new BoundedMap(0)).toThrow();
  });
});
