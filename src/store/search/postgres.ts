import { SEARCH_WINDOW, type SearchEngine, type SearchHits, type SearchQuery } from '../../app/searchPorts.js';
import type { Db } from '../client.js';
import { tsPhraseQuery, tsQuery, tsTitleQuery } from './syntax.js';

// Far outside any publication time, inside what PostgreSQL's timestamp and the driver both take.
const EARLIEST = new Date(Date.UTC(1000, 0, 1));
const LATEST = new Date(Date.UTC(9999, 11, 31));

/**
 * The newest SEARCH_WINDOW (+1, to know there are more) matches — the GIN index finds them, filters
 * included, as lexemes — ranked in the tiers SQLite's engine uses (src/store/search/sqliteWorker.ts):
 * every term in the title, then every word side by side as typed, then the newer first. Runs on the
 * ordinary connection pool: a search waits on the network, never on the event loop.
 */
const MATCHES = `SELECT "itemId", "publishedAt", "doc" FROM "PublicationSearch"
  WHERE "doc" @@ $1::tsquery AND "publishedAt" >= $2 AND "publishedAt" < $3
  ORDER BY "publishedAt" DESC, "itemId" DESC LIMIT $4`;

const PAGE = `
WITH "hits" AS (${MATCHES}), "ranked" AS (
  SELECT "itemId", "publishedAt", (CASE WHEN "doc" @@ $7::tsquery THEN 2 ELSE 0 END) + (CASE WHEN "doc" @@ $8::tsquery THEN 1 ELSE 0 END) AS "score",
    row_number() OVER (ORDER BY "publishedAt" DESC, "itemId" DESC) AS "n"
  FROM "hits"
)
SELECT "itemId", (SELECT count(*) FROM "hits")::int AS "total" FROM "ranked" WHERE "n" <= $4 - 1
ORDER BY "score" DESC, "publishedAt" DESC, "itemId" DESC OFFSET $5 LIMIT $6`;

const COUNT = `SELECT count(*)::int AS "total" FROM (${MATCHES}) AS "hits"`;

export function postgresSearchEngine(db: Db): SearchEngine {
  return {
    async find(q: SearchQuery): Promise<SearchHits> {
      if (q.terms.length === 0 || q.siteIds?.length === 0) return { itemIds: [], total: 0, capped: false };
      const args = [tsQuery(q), q.from ?? EARLIEST, q.to ?? LATEST, SEARCH_WINDOW + 1] as const;
      const rows = await db.$queryRawUnsafe<{ itemId: string; total: number }[]>(PAGE, ...args, q.offset, q.limit, tsTitleQuery(q), tsPhraseQuery(q));
      // The count rides on every row; a page past the end has none, so it is asked alone.
      const total = rows[0]?.total ?? (q.offset > 0 ? ((await db.$queryRawUnsafe<{ total: number }[]>(COUNT, ...args))[0]?.total ?? 0) : 0);
      return { itemIds: rows.map((r) => r.itemId), total: Math.min(total, SEARCH_WINDOW), capped: total > SEARCH_WINDOW };
    },
    async close() {},
  };
}
