import { describe, expect, it } from 'vitest';
import { daysBetween, lowestAllowed, priceDeviation, priceRowProblem, pricingRow } from '../../../src/core/revenue/prices.js';

const LIST = {
  code: 'BG-2027-001',
  rows: [
    { kind: 'banner', zone: 'sidebar', days: 30, price: 15_000_000, discountPercent: 10 },
    { kind: 'banner', zone: 'header', days: 30, price: 20_000_000, discountPercent: 10 },
    { kind: 'banner', zone: 'any', days: 90, price: 40_000_000, discountPercent: 15 },
    { kind: 'event', zone: 'any', days: 7, price: 50_000_000, discountPercent: 0 },
  ],
};

/** Seed Điều 14.4.c: a contract's price is checked against the yearly list; a deviation needs its own approval. */
describe('the price list', () => {
  it('prices a contract by its kind and the shortest duration that covers its days, at the most lenient position', () => {
    expect(daysBetween('2027-01-01', '2027-01-30')).toBe(30);
    expect(pricingRow(LIST.rows, 'banner', 30)?.zone).toBe('sidebar');
    expect(pricingRow(LIST.rows, 'banner', 31)?.days).toBe(90);
    expect(pricingRow(LIST.rows, 'banner', 200)).toBeNull();
    expect(lowestAllowed({ price: 15_000_000, discountPercent: 10 })).toBe(13_500_000);
    expect(lowestAllowed({ price: 1_000_001, discountPercent: 15 })).toBe(850_001);
  });

  it('within the discount it is fine; below it, or unpriced, it deviates and says by how much', () => {
    const banner = (value: number, endDay = '2027-01-30') => priceDeviation(LIST, { kind: 'banner', value, startDay: '2027-01-01', endDay });
    expect(banner(13_500_000)).toBeNull();
    expect(banner(13_499_999)).toEqual({ kind: 'below', listed: 15_000_000, lowest: 13_500_000, list: 'BG-2027-001' });
    expect(banner(1, '2027-12-31')).toEqual({ kind: 'unpriced', list: 'BG-2027-001' });
    expect(priceDeviation(LIST, { kind: 'supplier', value: 9_000_000, startDay: '2027-01-01', endDay: '2027-01-02' })).toEqual({ kind: 'unpriced', list: 'BG-2027-001' });
  });

  it('a row must name a known kind and zone, 1–366 days, a price above 0 and a discount 0–100', () => {
    const good = { kind: 'banner', zone: 'any', days: 30, price: 1, discountPercent: 0 };
    const check = (row: typeof good) => priceRowProblem(row, ['banner'], ['header', 'sidebar', 'between']);
    expect(check(good)).toBeNull();
    expect(check({ ...good, kind: 'lottery' })).toBe('kind');
    expect(check({ ...good, zone: 'body' })).toBe('zone');
    expect(check({ ...good, days: 0 })).toBe('days');
    expect(check({ ...good, price: -5 })).toBe('price');
    expect(check({ ...good, discountPercent: 101 })).toBe('discount');
  });
});
