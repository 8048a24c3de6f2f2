import { describe, expect, it } from 'vitest';
import { LONGEST_SPAN_MONTHS, monthSpans } from '../../src/store/search/monthSpans.js';

const at = (iso: string) => new Date(iso);

describe('the months a PostgreSQL search walks', () => {
  it('covers the whole range newest first in doubling spans, each as its month lexemes, without gap or overlap', () => {
    const from = at('2016-03-15T08:00:00Z');
    const to = at('2026-11-20T10:00:00Z');
    const spans = monthSpans(from, to);
    expect(spans.map((s) => s.lexemes.length)).toEqual([1, 2, 4, 8, 0]);
    expect(spans[0]).toEqual({ lexemes: ['~m202611'], from: at('2026-11-01T00:00:00Z'), to });
    expect(spans[1]!.lexemes).toEqual(['~m202610', '~m202609']);
    expect(spans[2]!.lexemes).toEqual(['~m202608', '~m202607', '~m202606', '~m202605']);
    expect(spans[3]!.lexemes).toEqual(['~m202604', '~m202603', '~m202602', '~m202601', '~m202512', '~m202511', '~m202510', '~m202509']);
    // The last span has no month lexemes: by then few matches are left, and it reaches the first publication.
    expect(spans.at(-1)).toEqual({ lexemes: [], from, to: at('2025-09-01T00:00:00Z') });
    for (let i = 1; i < spans.length; i += 1) expect(spans[i]!.to).toEqual(spans[i - 1]!.from);
    expect(LONGEST_SPAN_MONTHS).toBe(16);
  });

  it('keeps a short range inside its months, and a range inside one month is one span', () => {
    expect(monthSpans(at('2025-12-20T00:00:00Z'), at('2026-02-03T00:00:00Z'))).toEqual([
      { lexemes: ['~m202602'], from: at('2026-02-01T00:00:00Z'), to: at('2026-02-03T00:00:00Z') },
      { lexemes: ['~m202601', '~m202512'], from: at('2025-12-20T00:00:00Z'), to: at('2026-02-01T00:00:00Z') },
    ]);
    expect(monthSpans(at('2026-05-02T00:00:00Z'), at('2026-05-03T00:00:00Z'))).toEqual([{ lexemes: ['~m202605'], from: at('2026-05-02T00:00:00Z'), to: at('2026-05-03T00:00:00Z') }]);
    // An end at midnight of the 1st belongs to the month before (the end is excluded).
    expect(monthSpans(at('2026-04-10T00:00:00Z'), at('2026-05-01T00:00:00Z'))[0]!.lexemes).toEqual(['~m202604']);
    expect(monthSpans(at('2026-05-01T00:00:00Z'), at('2026-05-01T00:00:00Z'))).toEqual([]);
  });
});
