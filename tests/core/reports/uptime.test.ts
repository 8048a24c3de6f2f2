import { describe, expect, it } from 'vitest';
import { HEARTBEAT_MS, longestOutages, uptimeOver, uptimePercent } from '../../../src/core/reports/uptime.js';

const at = (iso: string) => new Date(`${iso}Z`);
const run = (from: string, lastSeen: string) => ({ startedAt: at(from), lastSeenAt: at(lastSeen) });
const MINUTE = 60_000;

describe('uptime from the recorded runs', () => {
  const from = at('2026-07-01T00:00:00');
  const to = at('2026-07-02T00:00:00');

  it('one run the whole day, seen every minute: 100 %, no outage', () => {
    const u = uptimeOver([run('2026-06-30T12:00:00', '2026-07-01T23:59:30')], at('2026-01-01T00:00:00'), from, to)!;
    expect(u.outages).toEqual([]);
    expect(u.downMs).toBe(0);
    expect(uptimePercent(u)).toBe(100);
  });

  it('a crash last seen at 10:00 and a start at 10:15: one outage from a minute after the last mark, 14 minutes', () => {
    const u = uptimeOver([run('2026-06-30T00:00:00', '2026-07-01T10:00:00'), run('2026-07-01T10:15:00', '2026-07-01T23:59:10')], at('2026-06-30T00:00:00'), from, to)!;
    expect(u.outages).toEqual([{ from: at('2026-07-01T10:01:00'), to: at('2026-07-01T10:15:00') }]);
    expect(u.downMs).toBe(14 * MINUTE);
    expect(uptimePercent(u)).toBe(99.02);
  });

  it('two processes overlapping count once; a gap at the end of the recorded time is an outage up to its end', () => {
    const u = uptimeOver([run('2026-07-01T00:00:00', '2026-07-01T12:00:00'), run('2026-07-01T06:00:00', '2026-07-01T20:00:00')], at('2026-07-01T00:00:00'), from, to)!;
    expect(u.upMs).toBe(20 * 60 * MINUTE + HEARTBEAT_MS);
    expect(u.outages).toEqual([{ from: at('2026-07-01T20:01:00'), to }]);
  });

  it('recording that began within the period counts from its first run; a period before it, or nothing recorded, is null', () => {
    const u = uptimeOver([run('2026-07-01T18:00:00', '2026-07-01T23:59:30')], at('2026-07-01T18:00:00'), from, to)!;
    expect(u.recordedFrom).toEqual(at('2026-07-01T18:00:00'));
    expect(u.downMs).toBe(0);
    expect(uptimeOver([], at('2026-07-05T00:00:00'), from, to)).toBeNull();
    expect(uptimeOver([], null, from, to)).toBeNull();
  });

  it('a single lost minute never shows as 100 %; the longest outages are listed first', () => {
    const runs = [run('2026-01-01T00:00:00', '2026-07-01T01:00:00'), run('2026-07-01T01:02:00', '2026-07-01T05:00:00'), run('2026-07-01T06:00:00', '2026-07-01T23:59:30')];
    const u = uptimeOver(runs, at('2026-01-01T00:00:00'), at('2026-01-01T00:00:00'), to)!;
    expect(uptimePercent(uptimeOver(runs.slice(0, 2), at('2026-01-01T00:00:00'), at('2026-01-01T00:00:00'), at('2026-07-01T05:01:00'))!)).toBeLessThan(100);
    expect(longestOutages(u).map((o) => (o.to.getTime() - o.from.getTime()) / MINUTE)).toEqual([59, 1]);
  });
});
