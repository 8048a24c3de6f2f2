import { createHmac } from 'node:crypto';
import { isbot } from 'isbot';
import { localDay } from '../../core/dates.js';
import { LANGS } from '../../core/messages.js';
import { segment } from '../../core/portal/paths.js';
import { searchTerm, viewedPage, viewHour } from '../../core/analytics/pageViews.js';
import { addToSketch, emptySketch } from '../../core/analytics/visitorSketch.js';
import { RateWindow, networkOf } from '../../core/interactions/rateWindow.js';
import type { AnalyticsStore, PageViewRow, SearchTermRow, VisitorSketchRow } from './ports.js';

/** A reader's page views counted per minute at most: a script reloading a page counts no more. */
const VIEWS_PER_MINUTE = 30;
const READERS_MAX = 50_000;
/**
 * Browsers told apart behind one network in an hour at most: an office, a school or a mobile carrier shares an
 * address among many readers, while a script changing its browser name at each request counts no more than this.
 * (Twenty undercounted a school's morning; readers behind one address with the same browser are one reader anyway.)
 */
export const READERS_PER_NETWORK = 100;
const NETWORKS_MAX = 50_000;
/** Distinct (reader, page) pairs held between two flushes at most (ten seconds): a flood of made-up addresses takes no more memory. */
const PENDING_MAX = 20_000;
const SEP = '\u0000';
/** Distinct (browser, page) pairs one address may add between two flushes. */
const SLOTS_PER_ADDRESS = 60;

const SEARCH_PATHS: ReadonlySet<string> = new Set(LANGS.map((lang) => `/${lang}/${segment(lang, 'search')}`));

/** The page as counted: its path, with the search words for a search and no other parameter (they choose nothing the page shows). */
function pageOf(url: string): string {
  const queryAt = url.indexOf('?');
  if (queryAt < 0) return url;
  const path = url.slice(0, queryAt);
  if (!SEARCH_PATHS.has(path)) return path;
  const q = new URLSearchParams(url.slice(queryAt + 1)).get('q');
  return q === null ? path : `${path}?q=${encodeURIComponent(q.slice(0, 200))}`;
}

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
 * Reader page views (cache hits included: the server, not the page, counts), added to the hour rows by the flush
 * job (`page-views`). A request only bumps a counter in memory; the flush reads what the pages were, leaves out
 * known bots (by user agent), readers past their share of the minute and browsers past READERS_PER_NETWORK behind one network
 * in an hour, and turns each reader into a keyed hash of
 * their network and browser under a salt of the province's day — into the day's sketch of distinct readers, never into the
 * database. An address is held in memory only until that flush (ten seconds), never written; no cookie is set.
 */
export class PageViewCounter {
  private salt = { day: '', key: Buffer.alloc(0) };
  private readonly readers = new RateWindow(VIEWS_PER_MINUTE, 60_000, READERS_MAX);
  private networks = { hour: '', readers: new Map<string, Set<string>>() };
  private pending = new Map<string, number>();
  private perAddress = new Map<string, number>();
  private hour = { at: -Infinity, text: '' };
  private views = new Map<string, PageViewRow>();
  private sketches = new Map<string, VisitorSketchRow>();
  private terms = new Map<string, SearchTermRow>();

  constructor(
    private readonly clock: () => Date,
    private readonly visitorKey: Buffer,
    /** The province's zone: readers are told apart, and their salt changes, by its day, as views are reported. */
    private readonly timeZone: string,
  ) {}

  /** A page answered to a reader: counted in memory, judged at the flush. Cheap: one map update. */
  seen(view: SeenView): void {
    const now = this.clock().getTime();
    // The hour is read again each second at most.
    if (now - this.hour.at >= 1000 || now < this.hour.at) this.hour = { at: now, text: viewHour(new Date(now)) };
    const key = this.hour.text + SEP + view.siteKey + SEP + view.address + SEP + view.userAgent.slice(0, 300) + SEP + pageOf(view.url).slice(0, 600);
    const n = this.pending.get(key);
    if (n !== undefined) {
      this.pending.set(key, n + 1);
      return;
    }
    // One address holds a few of the window's slots at most: made-up browser names from one script leave room for everyone else.
    const slots = this.perAddress.get(view.address) ?? 0;
    if (slots >= SLOTS_PER_ADDRESS || this.pending.size >= PENDING_MAX) return;
    this.perAddress.set(view.address, slots + 1);
    this.pending.set(key, 1);
  }

  /** Judges what was seen since the last flush and adds it to the rows; kept for the next flush if the database refuses. Returns the views counted. */
  async flush(store: Pick<AnalyticsStore, 'addPageViews'>): Promise<number> {
    const counted = this.judge();
    if (this.views.size + this.sketches.size + this.terms.size === 0) return counted;
    const taken = { views: this.views, sketches: this.sketches, terms: this.terms };
    this.views = new Map();
    this.sketches = new Map();
    this.terms = new Map();
    try {
      await store.addPageViews([...taken.views.values()], [...taken.sketches.values()], [...taken.terms.values()]);
      return counted;
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

  /** Whether the reader is one of the first READERS_PER_NETWORK seen behind their network this hour. */
  private networkTakes(hour: string, address: string, readerKey: string): boolean {
    if (this.networks.hour !== hour || this.networks.readers.size > NETWORKS_MAX) this.networks = { hour, readers: new Map() };
    const network = createHmac('sha256', this.salt.key).update(networkOf(address)).digest('base64url').slice(0, 16);
    let readers = this.networks.readers.get(network);
    if (!readers) this.networks.readers.set(network, (readers = new Set()));
    if (readers.has(readerKey)) return true;
    if (readers.size >= READERS_PER_NETWORK) return false;
    readers.add(readerKey);
    return true;
  }

  /** Turns what was seen into rows: pages read, bots and readers over their share left out. Returns the views counted. */
  private judge(): number {
    const seen = this.pending;
    this.pending = new Map();
    this.perAddress = new Map();
    const now = this.clock();
    const day = localDay(now, this.timeZone);
    if (this.salt.day !== day) this.salt = { day, key: createHmac('sha256', this.visitorKey).update(day).digest() };
    const bots = new Map<string, boolean>();
    const readerHashes = new Map<string, Buffer>();
    let counted = 0;
    for (const [key, times] of seen) {
      const [hour = '', siteKey = '', address = '', userAgent = '', url = ''] = key.split(SEP);
      const queryAt = url.indexOf('?');
      const page = viewedPage(queryAt < 0 ? url : url.slice(0, queryAt));
      if (page === null) continue;
      let bot = bots.get(userAgent);
      // No browser sends no user agent: a script does.
      if (bot === undefined) bots.set(userAgent, (bot = userAgent.trim() === '' || isbot(userAgent)));
      if (bot) continue;
      const who = address + SEP + userAgent;
      let reader = readerHashes.get(who);
      if (!reader) readerHashes.set(who, (reader = createHmac('sha256', this.salt.key).update(`${networkOf(address)}\n${userAgent}`).digest()));
      const readerKey = reader.toString('base64url', 0, 12);
      if (!this.networkTakes(hour, address, readerKey)) continue;
      let allowed = 0;
      for (let i = 0; i < Math.min(times, VIEWS_PER_MINUTE); i += 1) if (this.readers.take(readerKey, now.getTime())) allowed += 1;
      if (allowed === 0) continue;
      counted += allowed;
      const viewKey = `${hour}|${siteKey}|${page.kind}|${page.ref}`;
      const row = this.views.get(viewKey);
      if (row) row.views += allowed;
      else this.views.set(viewKey, { hour, siteKey, kind: page.kind, ref: page.ref, views: allowed });
      const sketchKey = `${day}|${siteKey}`;
      let sketch = this.sketches.get(sketchKey);
      if (!sketch) this.sketches.set(sketchKey, (sketch = { day, siteKey, registers: emptySketch() }));
      addToSketch(sketch.registers, reader);
      if (page.kind === 'search') {
        const term = searchTerm(new URLSearchParams(queryAt < 0 ? '' : url.slice(queryAt + 1)).get('q'));
        if (term === null) continue;
        const known = this.terms.get(`${day}|${term}`);
        if (known) known.count += allowed;
        else this.terms.set(`${day}|${term}`, { day, term, count: allowed });
      }
    }
    return counted;
  }
}
