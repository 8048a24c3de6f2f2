import { describe, expect, it } from 'vitest';
import { endOfDay, formatLocal, localDateTime } from '../../src/core/dates.js';

const VN = 'Asia/Ho_Chi_Minh';

describe('dates as people type them', () => {
  it('reads a local time in the province (UTC+7) from dd/mm/yyyy HH:mm or ISO', () => {
    expect(localDateTime('30/11/2026 22:00', VN)?.toISOString()).toBe('2026-11-30T15:00:00.000Z');
    expect(localDateTime('2026-12-01T06:30', VN)?.toISOString()).toBe('2026-11-30T23:30:00.000Z');
    expect(localDateTime('1/3/2026 0:05', 'Europe/Berlin')?.toISOString()).toBe('2026-02-28T23:05:00.000Z');
  });

  it('refuses what is not a real time', () => {
    for (const bad of ['31/11/2026 10:00', '30/11/2026 24:00', '30/11/2026', 'ngày mai']) expect(localDateTime(bad, VN), bad).toBeNull();
  });

  it('reads a date as the end of that day and shows instants in the province', () => {
    expect(endOfDay('30/11/2026', VN)?.toISOString()).toBe('2026-11-30T17:00:00.000Z');
    expect(formatLocal(new Date('2026-11-30T15:00:00Z'), VN)).toBe('22:00 30/11/2026');
  });
});
