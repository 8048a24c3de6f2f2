import { describe, expect, it } from 'vitest';
import { owedPeriods } from '../../../src/core/reports/calendar.js';

const keys = (today: string, hour: number, since = '2026-01-01', after = 5) => owedPeriods(today, hour, after, since).map((p) => p.key);

describe('the reports the calendar owes', () => {
  it('owes a quarter from 08:00 on the day `afterDays` after it closed, not before', () => {
    expect(keys('2026-10-05', 7, '2026-06-01')).toEqual(['2026-Q2', '2026-H1']);
    expect(keys('2026-10-05', 8, '2026-06-01')).toEqual(['2026-Q2', '2026-H1', '2026-Q3']);
    expect(keys('2026-10-04', 23, '2026-06-01')).toEqual(['2026-Q2', '2026-H1']);
  });

  it('owes the quarter, the half-year and the year when a year closes', () => {
    expect(keys('2027-01-05', 8, '2026-12-01')).toEqual(['2026-Q4', '2026-H2', '2026']);
    expect(keys('2027-01-06', 0, '2026-12-01')).toEqual(['2026-Q4', '2026-H2', '2026']);
  });

  it('owes nothing that closed before the portal began, and every period missed during a long sleep, oldest first', () => {
    expect(keys('2026-12-04', 9, '2026-12-04')).toEqual([]);
    expect(keys('2027-01-05', 9, '2026-12-04')).toEqual(['2026-Q4', '2026-H2', '2026']);
    expect(keys('2027-08-01', 9, '2026-12-04')).toEqual(['2026-Q4', '2026-H2', '2026', '2027-Q1', '2027-Q2', '2027-H1']);
  });

  it('counts the days after the close as configured', () => {
    expect(keys('2026-10-01', 8, '2026-09-01', 0)).toEqual(['2026-Q3']);
    expect(keys('2026-10-15', 8, '2026-09-01', 15)).toEqual(['2026-Q3']);
    expect(keys('2026-10-14', 8, '2026-09-01', 15)).toEqual([]);
  });
});
