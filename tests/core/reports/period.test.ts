import { describe, expect, it } from 'vitest';
import { closedPeriods, parsePeriod, previousPeriod, sameLastYear } from '../../../src/core/reports/period.js';

describe('report periods', () => {
  it.each([
    ['2026-Q1', '2026-01-01', '2026-03-31'],
    ['2026-q3', '2026-07-01', '2026-09-30'],
    ['2026-Q4', '2026-10-01', '2026-12-31'],
    ['2028-H1', '2028-01-01', '2028-06-30'],
    ['2026-H2', '2026-07-01', '2026-12-31'],
    ['2026', '2026-01-01', '2026-12-31'],
    ['2026-02-01..2026-02-28', '2026-02-01', '2026-02-28'],
  ])('%s runs from %s to %s', (text, from, to) => {
    expect(parsePeriod(text)).toMatchObject({ fromDay: from, toDay: to });
  });

  it('takes a range of a leap year at most: a century’s would hold the service for close to a minute', () => {
    expect(parsePeriod('2028-01-01..2028-12-31')).toMatchObject({ kind: 'range' });
    expect(parsePeriod('2026-01-01..2027-01-01')).toMatchObject({ kind: 'range' });
    expect(parsePeriod('2026-01-01..2027-01-02')).toBeNull();
    expect(parsePeriod('2000-01-01..2100-12-31')).toBeNull();
  });

  it.each(['2026-Q5', '2026-H3', '26', '2026-02-30..2026-03-01', '2026-03-01..2026-02-01', '1999', 'quý 3', ''])('%s names no period', (text) => {
    expect(parsePeriod(text)).toBeNull();
  });

  it('knows the period before and the same one a year earlier', () => {
    expect(previousPeriod(parsePeriod('2026-Q1')!)).toMatchObject({ key: '2025-Q4', fromDay: '2025-10-01', toDay: '2025-12-31' });
    expect(previousPeriod(parsePeriod('2026-Q3')!)).toMatchObject({ key: '2026-Q2' });
    expect(previousPeriod(parsePeriod('2026-H1')!)).toMatchObject({ key: '2025-H2' });
    expect(previousPeriod(parsePeriod('2026-03-01..2026-03-10')!)).toMatchObject({ fromDay: '2026-02-19', toDay: '2026-02-28' });
    expect(sameLastYear(parsePeriod('2026-Q3')!)).toMatchObject({ key: '2025-Q3', fromDay: '2025-07-01', toDay: '2025-09-30' });
    expect(sameLastYear(parsePeriod('2028-02-29..2028-03-01')!)).toMatchObject({ fromDay: '2027-02-28', toDay: '2027-03-01' });
  });

  it('lists the periods closed by a day, newest first', () => {
    expect(closedPeriods('quarter', '2026-10-01', 2).map((p) => p.key)).toEqual(['2026-Q3', '2026-Q2']);
    expect(closedPeriods('quarter', '2026-09-30', 1).map((p) => p.key)).toEqual(['2026-Q2']);
    expect(closedPeriods('half', '2027-01-05', 1).map((p) => p.key)).toEqual(['2026-H2']);
    expect(closedPeriods('year', '2027-01-01', 1).map((p) => p.key)).toEqual(['2026']);
  });
});
