import { describe, expect, it } from 'vitest';
import { monthEnd, windowOf } from '../../../src/core/portal/tallyWindow.js';

const months = [
  { month: '2026-11', live: 30 },
  { month: '2026-10', live: 0 },
  { month: '2026-09', live: 50 },
  { month: '2025-12', live: 10 },
];
const at = (iso: string) => new Date(iso);

describe('the window of a page from the monthly counts', () => {
  it('the first page lies in the newest month', () => {
    expect(windowOf(months, { offset: 0, limit: 20, upper: null })).toEqual({ before: at('2026-12-01T00:00:00Z'), since: at('2026-11-01T00:00:00Z'), offset: 0 });
  });

  it('a deep page skips the months before it and keeps the rest of the offset', () => {
    expect(windowOf(months, { offset: 40, limit: 20, upper: null })).toEqual({ before: at('2026-10-01T00:00:00Z'), since: at('2026-09-01T00:00:00Z'), offset: 10 });
    // Across a month's end the window reaches into the older month.
    expect(windowOf(months, { offset: 20, limit: 20, upper: null })).toEqual({ before: at('2026-12-01T00:00:00Z'), since: at('2026-09-01T00:00:00Z'), offset: 20 });
  });

  it('past the last row there is nothing to read; at the end the window stops at the oldest month', () => {
    expect(windowOf(months, { offset: 90, limit: 20, upper: null })).toBeNull();
    expect(windowOf(months, { offset: 85, limit: 20, upper: null })).toEqual({ before: at('2026-01-01T00:00:00Z'), since: at('2025-12-01T00:00:00Z'), offset: 5 });
  });

  it('with a cursor or a `to` date the offset is not moved and its own month counts as none', () => {
    expect(windowOf(months, { offset: 0, limit: 20, upper: at('2026-11-15T00:00:00Z') })).toEqual({ before: null, since: at('2026-09-01T00:00:00Z'), offset: 0 });
    // `to` on the first of a month excludes that month entirely.
    expect(windowOf(months, { offset: 0, limit: 55, upper: at('2026-10-01T00:00:00Z') })).toEqual({ before: null, since: at('2025-12-01T00:00:00Z'), offset: 0 });
  });

  it('a month ends at the next one, December at January', () => {
    expect(monthEnd('2026-12')).toEqual(at('2027-01-01T00:00:00Z'));
  });
});
