import { describe, expect, it } from 'vitest';
import { nextSpan, type Span, type Walk } from '../../src/store/search/timeSpans.js';

const at = (iso: string) => new Date(iso);
const DAY = 86_400_000;

/** Walks [start, end) as the PostgreSQL engine does, `matches(span)` found in each span, wanting `wanted`. */
function walkWith(start: Date, end: Date, matches: (span: Span) => number, wanted: number, lists?: Walk['lists']): Span[] {
  const walk: Walk = { start, end, cursor: end, found: 0, wanted, lists };
  const spans: Span[] = [];
  for (let span = nextSpan(walk); span; span = nextSpan(walk)) {
    spans.push(span);
    if (spans.length > 10_000) throw new Error('the walk does not end');
    const found = Math.min(walk.wanted, matches(span));
    Object.assign(walk, { cursor: span.from, found: walk.found + found, wanted: walk.wanted - found });
  }
  return spans;
}

/** `perDay` matches a day everywhere. */
const walkOver = (start: Date, end: Date, perDay: number, wanted: number) => walkWith(start, end, (s) => Math.floor(((s.to.getTime() - s.from.getTime()) / DAY) * perDay), wanted);

describe('the spans a PostgreSQL search walks', () => {
  const start = at('2016-12-02T00:00:00Z');
  const end = at('2026-12-02T04:26:44Z');

  it('asks the newest month first, as its month lexeme', () => {
    expect(nextSpan({ start, end, cursor: end, found: 0, wanted: 1001 })).toEqual({ lexemes: ['~m202612'], from: at('2026-12-01T00:00:00Z'), to: end });
  });

  it('a common word: the next month holds the rest of the window, and the walk ends there', () => {
    const spans = walkOver(start, end, 200, 1001);
    expect(spans.map((s) => s.lexemes)).toEqual([['~m202612'], ['~m202611']]);
    expect(spans[1]!.to).toEqual(at('2026-12-01T00:00:00Z'));
  });

  it('a word met ten times a day: months by lexeme, then within a year by its lexeme, never two years at once', () => {
    const spans = walkOver(start, end, 10, 1001);
    expect(spans[0]!.lexemes).toEqual(['~m202612']);
    for (const span of spans.slice(1)) {
      expect(span.lexemes.length).toBeGreaterThan(0);
      if (span.lexemes[0]!.startsWith('~y')) expect(span.from.getUTCFullYear()).toBe(Number(span.lexemes[0]!.slice(2)));
      else expect(span.lexemes.length).toBeLessThanOrEqual(3);
    }
    // Each span is sized for the matches still wanted, with a margin: a handful of queries, not one a month.
    expect(spans.length).toBeLessThanOrEqual(5);
  });

  it('a rare word: once the rest of the archive likely holds few matches, the rest is one span without time lexemes', () => {
    const spans = walkOver(start, end, 0.2, 1001);
    expect(spans.at(-1)).toEqual({ lexemes: [], from: start, to: spans.at(-2)!.from });
    expect(spans.length).toBeLessThanOrEqual(4);
  });

  it('covers the range without gap or overlap, and stops at its start or when the window is full', () => {
    for (const perDay of [0, 0.5, 3, 10, 40, 500]) {
      const spans = walkOver(start, end, perDay, 1001);
      expect(spans[0]!.to, `${perDay}`).toEqual(end);
      for (let i = 1; i < spans.length; i += 1) expect(spans[i]!.to).toEqual(spans[i - 1]!.from);
      const last = spans.at(-1)!;
      const reached = last.from.getTime() === start.getTime();
      const filled = Math.floor(((end.getTime() - last.from.getTime()) / DAY) * perDay) >= 1001;
      expect(reached || filled, `${perDay}`).toBe(true);
      for (const span of spans) expect(span.from.getTime()).toBeLessThan(span.to.getTime());
    }
    expect(nextSpan({ start, end, cursor: start, found: 0, wanted: 1001 })).toBeNull();
    expect(nextSpan({ start, end, cursor: end, found: 1001, wanted: 0 })).toBeNull();
  });

  it('matches only in the last weeks, just short of the window: the empty past is crossed in a handful of spans', () => {
    for (const [total, days] of [[1000, 50], [1000, 730], [990, 730], [1, 2]] as const) {
      const since = end.getTime() - days * DAY;
      const inside = (s: Span) => Math.max(0, Math.min(s.to.getTime(), end.getTime()) - Math.max(s.from.getTime(), since));
      const spans = walkWith(start, end, (s) => Math.floor((total * inside(s)) / (days * DAY)), 1001);
      expect(spans.at(-1)!.from, `${total} in ${days} days`).toEqual(start);
      // At most a span a year (a span never reads two years' lists) and a few for the newest months.
      expect(spans.length, `${total} in ${days} days`).toBeLessThanOrEqual(11 + 5);
    }
  });

  it('a range inside one month is one span; its end at midnight of the 1st belongs to the month before', () => {
    expect(nextSpan({ start: at('2026-05-02T00:00:00Z'), end: at('2026-05-03T00:00:00Z'), cursor: at('2026-05-03T00:00:00Z'), found: 0, wanted: 1001 })).toEqual({
      lexemes: ['~m202605'],
      from: at('2026-05-02T00:00:00Z'),
      to: at('2026-05-03T00:00:00Z'),
    });
    expect(nextSpan({ start: at('2026-04-10T00:00:00Z'), end: at('2026-05-01T00:00:00Z'), cursor: at('2026-05-01T00:00:00Z'), found: 0, wanted: 5 })!.lexemes).toEqual(['~m202604']);
  });

  describe('with the statistics of the lists the index reads', () => {
    // A year's lexeme is in a tenth of a million documents; months are not in the statistics.
    const lists = (rarest: number): Walk['lists'] => ({ rarest, of: (lexeme) => (lexeme.startsWith('~y') ? 100_000 : undefined) });
    const oneADay = (s: Span) => Math.floor((s.to.getTime() - s.from.getTime()) / DAY);

    it('a word rarer than a year of the archive: after the newest months, the rest at once instead of a span a year (each would read the whole list of that word)', () => {
      const spans = walkWith(start, end, oneADay, 1001, lists(30_000));
      expect(spans.at(-1)).toEqual({ lexemes: [], from: start, to: spans.at(-2)!.from });
      expect(spans.filter((s) => s.lexemes.some((l) => l.startsWith('~y')))).toEqual([]);
      expect(spans.length).toBeLessThan(walkWith(start, end, oneADay, 1001).length);
    });

    it('every word more common than a year: the same spans as without statistics', () => {
      expect(walkWith(start, end, oneADay, 1001, lists(300_000))).toEqual(walkWith(start, end, oneADay, 1001));
    });

    it('a year span that fills the window is kept even when a word is rarer: it reads the list once either way, and fewer rows', () => {
      const spans = walkWith(start, end, (s) => Math.floor(((s.to.getTime() - s.from.getTime()) / DAY) * 8), 1001, lists(30_000));
      const year = spans.find((s) => s.lexemes[0]?.startsWith('~y'));
      expect(year).toBeDefined();
      expect(spans.at(-1)).toBe(year);
    });
  });
});

