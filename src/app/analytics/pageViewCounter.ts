import { createHmac } from 'node:crypto';
import { isbot } from 'isbot';
import { searchTerm, viewedPage, viewHour } from '../../core/analytics/pageViews.js';
import { addToSketch, emptySketch } from '../../core/analytics/visitorSketch.js';
import { RateWindow, networkOf } from '../../core/interactions/rateWindow.js';
import type { AnalyticsStore, PageViewRow, SearchTermRow, VisitorSketchRow } from './ports.js';

/** A reader's page views counted per minute at most: a script reloading a page counts no more. */
const VIEWS_PER_MINUTE = 30;
const READERS_MAX = 50_000;
/** Pages and terms held between two flushes at most (ten seconds): a flood of made-up addresses takes no more memory. */
const PENDING_MAX = 20_000;

/** One page view as the server saw it. */
export interface SeenView {
  /** The key of the site whose host served it. */
  siteKey: string;
  /** Path and query as requested. */
  url: string;
  address: string;
  userAgent: string;
}

/** The key behind the daily visitor salts, derived from the hub secret: the same in every process, never stored. */
export const visitorKeyOf = (hubSecret: string): Buffer => createHmac('sha256', hubSecret).update('portal-hub page-view visitors').digest();

/**
 * Reader page views counted in this process's memory (cache hits included: the server, not the page, counts) and
 * added to the hour rows by the flush job (`page-views`). Known bots are left out by their user agent. A reader is a
 * keyed hash of their network and browser under a salt of the UTC day; it goes only into the day's sketch of
 * distinct readers and the per-minute limit, never into the database: no address, no cookie.
 */
export class PageViewCounter {
  private salt = { day: '', key: Buffer.alloc(0) };
  private readonly readers = new RateWindow(VIEWS_PER_MINUTE, 60_000, READERS_MAX);
  private views = new Map<string, PageViewRow>();
  private sketches = new Map<string, VisitorSketchRow>();
  private terms = new Map<string, SearchTermRow>();

  constructor(
    private readonly clock: () => Date,
    private readonly visitorKey: Buffer,
  ) {}

  /** Counts a page view that was answered with the page; whether it counted. */
  count(seen: SeenView): boolean {
    const queryAt = seen.url.indexOf('?');
    const path = queryAt < 0 ? seen.url : seen.url.slice(0, queryAt);
    const page = viewedPage(path);
    if (page === null || isbot(seen.userAgent)) return false;
    const now = this.clock();
    const day = now.toISOString().slice(0, 10);
    if (this.salt.day !== day) this.salt = { day, key: createHmac('sha256', this.visitorKey).update(day).digest() };
    const reader = createHmac('sha256', this.salt.key).update(`${networkOf(seen.address)}\n${seen.userAgent.slice(0, 300)}`).digest();
    if (!this.readers.take(reader.toString('base64url', 0, 12), now.getTime())) return false;
    const hour = viewHour(now);
    const viewKey = `${hour}|${seen.siteKey}|${page.kind}|${page.ref}`;
    const row = this.views.get(viewKey);
    if (row) row.views += 1;
    else if (this.views.size < PENDING_MAX) this.views.set(viewKey, { hour, siteKey: seen.siteKey, kind: page.kind, ref: page.ref, views: 1 });
    const sketchKey = `${day}|${seen.siteKey}`;
    let sketch = this.sketches.get(sketchKey);
    if (!sketch) this.sketches.set(sketchKey, (sketch = { day, siteKey: seen.siteKey, registers: emptySketch() }));
    addToSketch(sketch.registers, reader);
    if (page.kind === 'search') {
      const term = searchTerm(new URLSearchParams(queryAt < 0 ? '' : seen.url.slice(queryAt + 1)).get('q'));
      const counted = term === null ? undefined : this.terms.get(`${day}|${term}`);
      if (counted) counted.count += 1;
      else if (term !== null && this.terms.size < PENDING_MAX) this.terms.set(`${day}|${term}`, { day, term, count: 1 });
    }
    return true;
  }

  /** Adds what was counted since the last flush; kept for the next flush if the database refuses. */
  async flush(store: Pick<AnalyticsStore, 'addPageViews'>): Promise<number> {
    if (this.views.size + this.sketches.size + this.terms.size === 0) return 0;
    const taken = { views: this.views, sketches: this.sketches, terms: this.terms };
    this.views = new Map();
    this.sketches = new Map();
    this.terms = new Map();
    try {
      await store.addPageViews([...taken.views.values()], [...taken.sketches.values()], [...taken.terms.values()]);
      return taken.views.size;
    } catch (error) {
      // Put back, added to whatever came in meanwhile (a sketch merges: a reader is never counted twice).
      for (const [k, v] of taken.views) {
        const now = this.views.get(k);
        this.views.set(k, now ? { ...v, views: v.views + now.views } : v);
      }
      for (const [k, s] of taken.sketches) {
        const now = this.sketches.get(k);
        if (now) for (let i = 0; i < s.registers.length; i += 1) now.registers[i] = Math.max(now.registers[i]!, s.registers[i]!);
        else this.sketches.set(k, s);
      }
      for (const [k, t] of taken.terms) {
        const now = this.terms.get(k);
        this.terms.set(k, now ? { ...t, count: t.count + now.count } : t);
      }
      throw error;
    }
  }
}
