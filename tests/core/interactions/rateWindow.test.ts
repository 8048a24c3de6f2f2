import { describe, expect, it } from 'vitest';
import { networkOf, RateWindow, senderAddress, senderKey } from '../../../src/core/interactions/rateWindow.js';

const T0 = 1_000_000;

describe('counting posts per sender', () => {
  it('lets at most N through in any minute, does not count what it refuses, and lets a sender in again a minute after', () => {
    const w = new RateWindow(5, 60_000, 100);
    const results = Array.from({ length: 200 }, (_, i) => w.take('a', T0 + i * 100));
    expect(results.filter(Boolean)).toHaveLength(5);
    expect(results.slice(0, 5)).toEqual([true, true, true, true, true]);
    // The first was at T0: a minute later one slot is free, not five.
    expect(w.take('a', T0 + 60_000)).toBe(true);
    expect(w.take('a', T0 + 60_001)).toBe(false);
    expect(w.take('a', T0 + 60_400)).toBe(true);
  });

  it('counts each sender on its own', () => {
    const w = new RateWindow(2, 60_000, 100);
    expect([w.take('a', T0), w.take('a', T0), w.take('a', T0)]).toEqual([true, true, false]);
    expect([w.take('b', T0), w.take('b', T0)]).toEqual([true, true]);
  });

  it('keeps at most maxKeys senders, dropping idle ones first', () => {
    const w = new RateWindow(1, 60_000, 3);
    w.take('idle', T0);
    w.take('x', T0 + 50_000);
    w.take('y', T0 + 50_000);
    w.take('z', T0 + 61_000);
    expect(w.size).toBe(3);
    // 'x' still has its post counted; the idle sender was the one dropped.
    expect(w.take('x', T0 + 61_000)).toBe(false);
    for (let i = 0; i < 1000; i += 1) w.take(`flood-${i}`, T0 + 62_000);
    expect(w.size).toBeLessThanOrEqual(3);
  });

  it('counts under a salted hash of the address; an IPv6 /64 is one sender', () => {
    const salt = Buffer.alloc(32, 7);
    const key = senderKey('203.0.113.9', salt);
    expect(key).not.toContain('203');
    expect(senderKey('::ffff:203.0.113.9', salt)).toBe(key);
    expect(senderKey('203.0.113.10', salt)).not.toBe(key);
    expect(senderKey('203.0.113.9', Buffer.alloc(32, 8))).not.toBe(key);
    expect(senderKey('2001:db8:1:2::1', salt)).toBe(senderKey('2001:db8:1:2:aaaa:bbbb:cccc:dddd', salt));
    expect(senderKey('2001:db8:1:2::1', salt)).not.toBe(senderKey('2001:db8:1:3::1', salt));
    expect(networkOf('2001:0db8:0001:0002::1')).toBe('2001:db8:1:2::/64');
  });

  it('believes X-Forwarded-For only from a trusted proxy, and takes the nearest hop that is not one', () => {
    const trusted = new Set(['127.0.0.1', '10.0.0.5']);
    expect(senderAddress('198.51.100.7', '203.0.113.9', trusted)).toBe('198.51.100.7');
    expect(senderAddress('127.0.0.1', undefined, trusted)).toBe('127.0.0.1');
    expect(senderAddress('::ffff:127.0.0.1', '203.0.113.9', trusted)).toBe('203.0.113.9');
    // A client can write anything at the left; the proxy appends what it saw.
    expect(senderAddress('127.0.0.1', '1.1.1.1, 203.0.113.9, 10.0.0.5', trusted)).toBe('203.0.113.9');
    expect(senderAddress('127.0.0.1', 'not-an-address', trusted)).toBe('127.0.0.1');
  });
});
