import pg from 'pg';
import { SEARCH_WINDOW, type SearchEngine, type SearchHits, type SearchQuery } from '../../app/searchPorts.js';
import type { PublicationRecord } from '../../app/portalPorts.js';
import { isLang } from '../../core/messages.js';
import type { Db } from '../client.js';
import { listLengthsOf, rarestList } from './postgresLists.js';
import { warmSearchIndex } from './postgresWarm.js';
import { nextSpan, type Walk } from './timeSpans.js';
import { tsPhraseQuery, tsQuery, tsTitleQuery } from './syntax.js';

/** The archive's first and last publication time: one step down each end of the (publishedAt) index. */
const ENDS = `SELECT min("publishedAt") AT TIME ZONE 'UTC' AS "oldest", max("publishedAt") AT TIME ZONE 'UTC' AS "newest" FROM "PublicationSearch"`;

/**
 * The newest matches of one span, as one row: their ids and their tiers (one digit each), newest first.
 * The inner query is fenced (MATERIALIZED) so the planner answers it from the GIN index whatever LIMIT
 * it sees — walking the time index backwards and testing every row is its choice when it expects many
 * matches, and costs a detoasted document per row. The tiers are computed outside the LIMIT, for the
 * rows kept only. One row rather than one per match: a thousand rows cost the web process more to
 * receive (allocations, collections) than the database takes to find them.
 */
const span = (tier: string) => `
WITH "hits" AS MATERIALIZED (
  SELECT "itemId", "publishedAt", "doc" FROM "PublicationSearch"
  WHERE "doc" @@ $1::tsquery AND "publishedAt" >= $2 AND "publishedAt" < $3
), "newest" AS (SELECT * FROM "hits" ORDER BY "publishedAt" DESC, "itemId" COLLATE "C" DESC LIMIT $4)
SELECT COALESCE(array_agg("itemId" ORDER BY "publishedAt" DESC, "itemId" COLLATE "C" DESC), '{}') AS "ids",
  COALESCE(string_agg((${tier})::text, '' ORDER BY "publishedAt" DESC, "itemId" COLLATE "C" DESC), '') AS "tiers"
FROM "newest"`;
/** Every term in the title, then every word side by side as typed ($5, $6). */
const SPAN = span(`("doc" @@ $5::tsquery)::int * 2 + ("doc" @@ $6::tsquery)::int`);
/** A single term is its own phrase: every match has it, and the documents are read once, not twice. */
const SPAN_ONE_TERM = span(`("doc" @@ $5::tsquery)::int * 2 + 1`);

/** The page's publications, still live. */
const PAGE_ROWS = `SELECT "itemId", "code", "siteId", "kind", "category", "lang", "title", "summary", "body", "mediaRefs", "author", "featured",
  "publishedAt" AT TIME ZONE 'UTC' AS "publishedAt", "updatedAt" AT TIME ZONE 'UTC' AS "updatedAt", "takenDownAt" AT TIME ZONE 'UTC' AS "takenDownAt", "takedownNote", "sponsor"
  FROM "Publication" WHERE "itemId" = ANY($1::text[]) AND "takenDownAt" IS NULL`;
type PageRow = Omit<PublicationRecord, 'lang' | 'mediaRefs'> & { lang: string; mediaRefs: string };

async function pageRows(pool: pg.Pool, itemIds: string[]): Promise<PublicationRecord[]> {
  if (itemIds.length === 0) return [];
  const { rows } = await pool.query<PageRow>(PAGE_ROWS, [itemIds]);
  const byId = new Map(rows.map((r) => [r.itemId, r]));
  return itemIds.flatMap((id) => {
    const row = byId.get(id);
    if (!row || !isLang(row.lang)) return [];
    return [{ ...row, lang: row.lang, mediaRefs: JSON.parse(row.mediaRefs) as string[] }];
  });
}

/**
 * A time as the columns hold it (UTC, without zone). The driver would send a Date in the process's
 * zone with its offset, which a column without zone ignores.
 */
const utc = (d: Date) => d.toISOString().replace('Z', '');

/**
 * The newest SEARCH_WINDOW (+1, to know there are more) matches — the GIN index finds them, filters
 * included, as lexemes, span by span from the newest (src/store/search/timeSpans.ts) — ranked in the
 * tiers SQLite's engine uses (src/store/search/sqliteWorker.ts): every term in the title, then every
 * word side by side as typed, then the newer first. A search waits on the network, never on the event
 * loop, on a pool of its own: straight to the driver, for the ORM spent more of the web process's time
 * on each statement (compiling it, tracing it, reshaping its rows) than the database took to answer it.
 * Spans are disjoint and walked newest first, so their rows simply follow one another; no transaction
 * holds them to one snapshot (three round trips more, each waking the database): a publication that
 * lands meanwhile is newer than every span still to ask; one whose time an editor moves between two
 * spans is kept where it was seen first, or missed by this one search if moved into a span already asked.
 */
export function postgresSearchEngine(db: Db, url: string, connections: number): SearchEngine {
  // Bounded waits: only `connections` searches run at once, so one hung statement or a connection the
  // network lost silently would otherwise hold a place for good and every later search be "busy".
  const pool = new pg.Pool({
    connectionString: url,
    max: connections,
    idleTimeoutMillis: 300_000,
    allowExitOnIdle: true,
    connectionTimeoutMillis: 5_000,
    statement_timeout: 10_000,
    query_timeout: 15_000,
    keepAlive: true,
  });
  // A connection the server drops while idle (a restart) is reported here, not thrown: the search that
  // used it has ended, and the next one opens another.
  pool.on('error', () => undefined);
  const listLengths = listLengthsOf(pool);
  return {
    async find(q: SearchQuery): Promise<SearchHits> {
      if (q.terms.length === 0 || q.siteIds?.length === 0) return { itemIds: [], total: 0, capped: false };
      const words = tsQuery(q);
      const { rows: [ends] } = await pool.query<{ oldest: Date | null; newest: Date | null }>(ENDS);
      if (!ends?.oldest || !ends.newest) return { itemIds: [], total: 0, capped: false };
      const from = q.from && q.from > ends.oldest ? q.from : ends.oldest;
      const end = new Date(ends.newest.getTime() + 1);
      const to = q.to && q.to < end ? q.to : end;
      const ids: string[] = [];
      const tiers: number[] = [];
      const seen = new Set<string>();
      const sql = q.terms.length === 1 ? SPAN_ONE_TERM : SPAN;
      const tierArgs = q.terms.length === 1 ? [tsTitleQuery(q)] : [tsTitleQuery(q), tsPhraseQuery(q)];
      const lengths = await listLengths();
      const rarest = lengths ? rarestList(q, lengths) : undefined;
      const lists = lengths && rarest !== undefined ? { rarest, of: lengths.of } : undefined;
      const walk: Walk = { start: from, end: to, cursor: to, found: 0, wanted: SEARCH_WINDOW + 1, lists };
      for (let s = nextSpan(walk); s; s = nextSpan(walk)) {
        const match = s.lexemes.length ? `${words} & (${s.lexemes.map((m) => `'${m}'`).join(' | ')})` : words;
        const { rows: [row] } = await pool.query<{ ids: string[]; tiers: string }>(sql, [match, utc(s.from), utc(s.to), walk.wanted, ...tierArgs]);
        row?.ids.forEach((id, i) => {
          if (seen.has(id)) return;
          seen.add(id);
          ids.push(id);
          tiers.push(Number(row.tiers[i]));
        });
        Object.assign(walk, { cursor: s.from, found: ids.length, wanted: SEARCH_WINDOW + 1 - ids.length });
      }
      const capped = ids.length > SEARCH_WINDOW;
      const kept = Math.min(ids.length, SEARCH_WINDOW);
      // Newest first already: a stable sort by tier keeps that order within each tier.
      const ranked = Array.from({ length: kept }, (_, i) => i).sort((a, b) => tiers[b]! - tiers[a]!);
      const itemIds = ranked.slice(q.offset, q.offset + q.limit).map((i) => ids[i]!);
      return { itemIds, total: kept, capped, publications: await pageRows(pool, itemIds) };
    },
    warm: () => warmSearchIndex(db),
    close: () => pool.end(),
  };
}
