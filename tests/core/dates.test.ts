import { describe, expect, it } from 'vitest';
import { endOfDay, formatLocal, localDateTime, localDay, shownDay, typedDay, weeklyDue } from '../../src/core/dates.js';

const VN = 'Asia/Ho_Chi_Minh';

describe('dates as people type them', () => {
  it('reads a local time in the province (UTC+7) from dd/mm/yyyy HH:mm or ISO', () => {
    expect(localDateTime('30/11/2026 22:00', VN)?.toISOString()).toBe('2026-11-30T15:00:00.000Z');
    expect(localDateTime('2026-12-01T06:30', VN)?.toISOString()).toBe('2026-11-30T23:30:00.000Z');
    expect(localDateTime('1/3/2026 0:05', 'Europe/Berlin')?.toISOString()).toBe('2026-02-28T23:05:00.000Z');
  });

  it('reads back a time as the hub shows it (HH:mm dd/mm/yyyy), copied from its output', () => {
    const shown = formatLocal(new Date('2027-12-31T10:30:00Z'), VN);
    expect(shown).toBe('17:30 31/12/2027');
    expect(localDateTime(shown, VN)?.toISOString()).toBe('2027-12-31T10:30:00.000Z');
    expect(localDateTime('25:30 31/12/2027', VN)).toBeNull();
  });

  it('refuses what is not a real time', () => {
    for (const bad of ['31/11/2026 10:00', '30/11/2026 24:00', '30/11/2026', 'ngày mai']) expect(localDateTime(bad, VN), bad).toBeNull();
  });

  it('reads a date as the end of that day and shows instants in the province', () => {
    expect(endOfDay('30/11/2026', VN)?.toISOString()).toBe('2026-11-30T17:00:00.000Z');
    expect(formatLocal(new Date('2026-11-30T15:00:00Z'), VN)).toBe('22:00 30/11/2026');
  });

  it('days in the province', () => {
    expect(typedDay('1/7/2026')).toBe('2026-07-01');
    expect(typedDay('31/02/2026')).toBeNull();
    expect(shownDay('2026-07-01')).toBe('01/07/2026');
    // 23:30 UTC on 30 June is already 1 July in Vietnam.
    expect(localDay(new Date('2026-06-30T23:30:00Z'), VN)).toBe('2026-07-01');
  });

  it('a weekly message is due from Monday 08:00 in the province, keyed by that Monday, through Sunday', () => {
    // Monday 18/01/2027: 00:59 UTC is 07:59 in Vietnam (not yet); 01:00 UTC is 08:00.
    expect(weeklyDue(new Date('2027-01-18T00:59:00Z'), VN, 8)).toBeNull();
    expect(weeklyDue(new Date('2027-01-18T01:00:00Z'), VN, 8)).toBe('2027-01-18');
    // Sunday 24/01 23:30 in Vietnam is still that week; 17:00 UTC that Sunday is already Monday 00:00 there (before 08:00).
    expect(weeklyDue(new Date('2027-01-24T16:30:00Z'), VN, 8)).toBe('2027-01-18');
    expect(weeklyDue(new Date('2027-01-24T17:00:00Z'), VN, 8)).toBeNull();
    // Across a year's end: Friday 01/01/2027 belongs to the week of Monday 28/12/2026.
    expect(weeklyDue(new Date('2027-01-01T05:00:00Z'), VN, 8)).toBe('2026-12-28');
  });
});
