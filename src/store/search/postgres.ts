import { SEARCH_WINDOW, type SearchEngine, type SearchHits, type SearchQuery, type SearchWarmth } from '../../app/searchPorts.js';
import type { Db } from '../client.js';
import { nextSpan } from './timeSpans.js';
import { tsPhraseQuery, tsQuery, tsTitleQuery } from './syntax.js';

const TABLE = `'"PublicationSearch"'::regclass`;
/** What every search reads: the table and its two indexes. */
const INDEX_RELATIONS = `SELECT c.oid::regclass::text AS "name", pg_relation_size(c.oid)::bigint AS "bytes" FROM pg_class c
  WHERE c.oid IN (${TABLE}, '"PublicationSearch_doc_idx"'::regclass, '"PublicationSearch_publishedAt_itemId_idx"'::regclass)`;
/**
 * The documents: the table's TOAST relation and its index (the migration keeps the table narrow).
 * Ranking reads the document of every match it ranks (title and phrase tiers), up to a thousand a search.
 */
const DOCUMENT_RELATIONS = `SELECT c.oid::regclass::text AS "name", pg_relation_size(c.oid)::bigint AS "bytes" FROM pg_class c
  WHERE c.oid = (SELECT reltoastrelid FROM pg_class WHERE oid = ${TABLE})
     OR c.oid IN (SELECT indexrelid FROM pg_index WHERE indrelid = (SELECT reltoastrelid FROM pg_class WHERE oid = ${TABLE}))`;
const SETTINGS = `SELECT (SELECT setting::bigint * 8192 FROM pg_settings WHERE name = 'shared_buffers') AS "buffers",
  EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'pg_prewarm') AS "prewarm"`;

/**
 * A search reads one heap page per match it finds and its document per match it ranks: from memory in
 * microseconds, from disk in a tenth of a millisecond, so a cold archive of a million items misses its
 * time. When PostgreSQL's shared buffers can hold them, and the operator installed pg_prewarm (a contrib
 * extension, created by a superuser), they are read in at start: the table and its indexes first, the
 * documents as well when the buffers hold those too. Otherwise the log says what is missing.
 */
async function warmSearchIndex(db: Db): Promise<SearchWarmth> {
  type Relation = { name: string; bytes: bigint };
  const indexes = await db.$queryRawUnsafe<Relation[]>(INDEX_RELATIONS);
  const documents = await db.$queryRawUnsafe<Relation[]>(DOCUMENT_RELATIONS);
  const [settings] = await db.$queryRawUnsafe<{ buffers: bigint; prewarm: boolean }[]>(SETTINGS);
  const sum = (rs: Relation[]) => rs.reduce((total, r) => total + BigInt(r.bytes), 0n);
  const mb = (bytes: bigint) => Math.round(Number(bytes) / 1048576);
  const buffers = settings?.buffers ?? 0n;
  // Reading more than the buffers hold would only push out what other queries use.
  const fits = (bytes: bigint) => buffers >= (bytes * 5n) / 4n;
  const detail = { searchMb: mb(sum(indexes)), documentsMb: mb(sum(documents)), sharedBuffersMb: mb(buffers) };
  if (!fits(sum(indexes))) return { warmed: false, detail: { ...detail, why: 'shared_buffers below 1.25 × the search table and indexes' } };
  if (!settings?.prewarm) return { warmed: false, detail: { ...detail, why: 'extension pg_prewarm not installed' } };
  const withDocuments = fits(sum(indexes) + sum(documents));
  const started = Date.now();
  for (const relation of withDocuments ? [...indexes, ...documents] : indexes) await db.$queryRawUnsafe('SELECT pg_prewarm($1::regclass)', relation.name);
  const documentsNote: Record<string, string> = withDocuments ? {} : { documents: 'not warmed: shared_buffers below 1.25 × the table, its indexes and documents' };
  return { warmed: true, detail: { ...detail, ...documentsNote, relations: withDocuments ? indexes.length + documents.length : indexes.length, ms: Date.now() - started } };
}

/** The archive's first and last publication time: one step down each end of the (publishedAt) index. */
const ENDS = `SELECT min("publishedAt") AS "oldest", max("publishedAt") AS "newest" FROM "PublicationSearch"`;

/**
 * The newest matches of one span. The inner query is fenced (MATERIALIZED) so the planner answers it
 * from the GIN index whatever LIMIT it sees — walking the time index backwards and testing every row
 * is its choice when it expects many matches, and costs a detoasted document per row. The tiers are
 * computed outside the LIMIT, for the rows kept only.
 */
const SPAN = `
WITH "hits" AS MATERIALIZED (
  SELECT "itemId", "publishedAt", "doc" FROM "PublicationSearch"
  WHERE "doc" @@ $1::tsquery AND "publishedAt" >= $2 AND "publishedAt" < $3
)
SELECT "itemId", "publishedAt", "doc" @@ $5::tsquery AS "inTitle", "doc" @@ $6::tsquery AS "asPhrase"
FROM (SELECT * FROM "hits" ORDER BY "publishedAt" DESC, "itemId" COLLATE "C" DESC LIMIT $4) AS "newest"`;

interface Hit {
  itemId: string;
  publishedAt: Date;
  inTitle: boolean;
  asPhrase: boolean;
}

const tier = (h: Hit) => (h.inTitle ? 2 : 0) + (h.asPhrase ? 1 : 0);
/** Code-unit order of ids, as COLLATE "C" sorts them in the span query. */
const newerFirst = (a: Hit, b: Hit) => b.publishedAt.getTime() - a.publishedAt.getTime() || (a.itemId < b.itemId ? 1 : a.itemId > b.itemId ? -1 : 0);

/**
 * The newest SEARCH_WINDOW (+1, to know there are more) matches — the GIN index finds them, filters
 * included, as lexemes, span by span from the newest (src/store/search/timeSpans.ts) — ranked in the
 * tiers SQLite's engine uses (src/store/search/sqliteWorker.ts): every term in the title, then every
 * word side by side as typed, then the newer first. Runs on the ordinary connection pool: a search
 * waits on the network, never on the event loop. One snapshot for the whole walk (REPEATABLE READ), so
 * a publication landing between two spans is neither counted twice nor missed.
 */
export function postgresSearchEngine(db: Db): SearchEngine {
  return {
    async find(q: SearchQuery): Promise<SearchHits> {
      if (q.terms.length === 0 || q.siteIds?.length === 0) return { itemIds: [], total: 0, capped: false };
      const words = tsQuery(q);
      const found = await db.$transaction(async (t) => {
        await t.$executeRawUnsafe('SET TRANSACTION ISOLATION LEVEL REPEATABLE READ');
        const [ends] = await t.$queryRawUnsafe<{ oldest: Date | null; newest: Date | null }[]>(ENDS);
        if (!ends?.oldest || !ends.newest) return [];
        const from = q.from && q.from > ends.oldest ? q.from : ends.oldest;
        const end = new Date(ends.newest.getTime() + 1);
        const to = q.to && q.to < end ? q.to : end;
        const hits: Hit[] = [];
        const walk = { start: from, end: to, cursor: to, found: 0, wanted: SEARCH_WINDOW + 1 };
        for (let span = nextSpan(walk); span; span = nextSpan(walk)) {
          const match = span.lexemes.length ? `${words} & (${span.lexemes.map((m) => `'${m}'`).join(' | ')})` : words;
          hits.push(...(await t.$queryRawUnsafe<Hit[]>(SPAN, match, span.from, span.to, walk.wanted, tsTitleQuery(q), tsPhraseQuery(q))));
          Object.assign(walk, { cursor: span.from, found: hits.length, wanted: SEARCH_WINDOW + 1 - hits.length });
        }
        return hits;
      });
      // Newest first before the extra row is cut: a span's rows come in no promised order.
      found.sort(newerFirst);
      const capped = found.length > SEARCH_WINDOW;
      if (capped) found.length = SEARCH_WINDOW;
      const ranked = found.sort((a, b) => tier(b) - tier(a) || newerFirst(a, b));
      return { itemIds: ranked.slice(q.offset, q.offset + q.limit).map((h) => h.itemId), total: found.length, capped };
    },
    warm: () => warmSearchIndex(db),
    async close() {},
  };
}
