import { describe, expect, it } from 'vitest';
import { quarterDays, sharesProblem, splitByWeights, splitRevenue, taxIncluded } from '../../../src/core/revenue/split.js';

const sum = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0);

/**
 * Seed Điều 15, written from the rule (money-and-reports.md §2), not from the code: revenue after tax,
 * 40 % to the people by their shares, 30 % autonomy, 20 % portal technology, 10 % the royalty fund.
 */
describe('media-service revenue and its split', () => {
  it('a contract of 110,000,000 with 10 % tax is 100,000,000 of revenue: 40/30/20/10, the people 50/30/20', () => {
    expect(taxIncluded(110_000_000, 10)).toEqual({ tax: 10_000_000, afterTax: 100_000_000 });
    const lines = splitRevenue(100_000_000, [{ personId: 'an', sharePercent: 50 }, { personId: 'binh', sharePercent: 30 }, { personId: 'chi', sharePercent: 20 }]);
    expect(lines).toEqual([
      { account: 'people', personId: 'an', amount: 20_000_000 },
      { account: 'people', personId: 'binh', amount: 12_000_000 },
      { account: 'people', personId: 'chi', amount: 8_000_000 },
      { account: 'autonomy', personId: null, amount: 30_000_000 },
      { account: 'technology', personId: null, amount: 20_000_000 },
      { account: 'royaltyFund', personId: null, amount: 10_000_000 },
    ]);
  });

  it.each([
    // amount received (tax included), tax rate, tax, revenue after tax
    [110_000_000, 10, 10_000_000, 100_000_000],
    [108_000_000, 8, 8_000_000, 100_000_000],
    [50_000_000, 0, 0, 50_000_000],
    [1, 10, 0, 1],
    [11, 10, 1, 10],
    [1_999_999_999, 10, 181_818_182, 1_818_181_817],
  ])('%i đồng at %i %% tax: %i tax, %i revenue', (amount, rate, tax, afterTax) => {
    expect(taxIncluded(amount, rate)).toEqual({ tax, afterTax });
  });

  it('whole đồng that always sum to the revenue: the đồng left over go to the largest remainders', () => {
    // 1,000,003 at 13.6 / 13.2 / 13.2 / 30 / 20 / 10 %: 136,000.41, 132,000.40, 132,000.40, 300,000.9, 200,000.6, 100,000.3 —
    // the three đồng left go to .9, .6 and .41.
    const lines = splitRevenue(1_000_003, [{ personId: 'a', sharePercent: 34 }, { personId: 'b', sharePercent: 33 }, { personId: 'c', sharePercent: 33 }]);
    expect(sum(lines.map((l) => l.amount))).toBe(1_000_003);
    expect(lines.map((l) => l.amount)).toEqual([136_001, 132_000, 132_000, 300_001, 200_001, 100_000]);
    // Any amount, any shares: never a đồng more or less, never a negative part.
    let seed = 7;
    const next = () => ((seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31), seed);
    for (let i = 0; i < 2_000; i += 1) {
      const total = next() % 2_000_000_000;
      const a = 1 + (next() % 98);
      const b = 1 + (next() % (99 - a));
      const parts = splitRevenue(total, [{ personId: 'a', sharePercent: a }, { personId: 'b', sharePercent: b }, { personId: 'c', sharePercent: 100 - a - b }]);
      expect(sum(parts.map((p) => p.amount))).toBe(total);
      expect(parts.every((p) => p.amount >= 0)).toBe(true);
      // The fund's part is within a đồng of 10 %.
      expect(Math.abs(parts[5]!.amount - total / 10)).toBeLessThanOrEqual(1);
    }
    expect(splitByWeights(0, [1, 2, 3])).toEqual([0, 0, 0]);
  });

  it('a contract’s shares: someone, each once, whole percents summing to 100', () => {
    expect(sharesProblem([])).toEqual({ kind: 'none' });
    expect(sharesProblem([{ personId: 'a', sharePercent: 50 }, { personId: 'a', sharePercent: 50 }])).toEqual({ kind: 'twice', personId: 'a' });
    expect(sharesProblem([{ personId: 'a', sharePercent: 50 }, { personId: 'b', sharePercent: 40 }])).toEqual({ kind: 'sum', sum: 90 });
    expect(sharesProblem([{ personId: 'a', sharePercent: 110 }, { personId: 'b', sharePercent: -10 }])).toEqual({ kind: 'notWhole', personId: 'b' });
    expect(sharesProblem([{ personId: 'a', sharePercent: 100 }, { personId: 'b', sharePercent: 0 }])).toEqual({ kind: 'notWhole', personId: 'b' });
    expect(sharesProblem([{ personId: 'a', sharePercent: 66.67 }, { personId: 'b', sharePercent: 33.33 }])).toEqual({ kind: 'notWhole', personId: 'a' });
    expect(sharesProblem([{ personId: 'a', sharePercent: 100 }])).toBeNull();
  });

  it('quarters as the board names them', () => {
    expect(quarterDays('2026-Q3')).toEqual({ from: '2026-07-01', until: '2026-10-01', quarter: '2026-Q3' });
    expect(quarterDays('q4/2026')).toEqual({ from: '2026-10-01', until: '2027-01-01', quarter: '2026-Q4' });
    expect(quarterDays('2026Q1')).toEqual({ from: '2026-01-01', until: '2026-04-01', quarter: '2026-Q1' });
    for (const bad of ['2026-Q5', '2026', 'Q3', '1999-Q1', '']) expect(quarterDays(bad), bad).toBeNull();
  });
});
