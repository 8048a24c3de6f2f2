import { SEARCH_WINDOW, type SearchEngine, type SearchHits, type SearchQuery, type SearchWarmth } from '../../app/searchPorts.js';
import type { Db } from '../client.js';
import { isLang } from '../../core/messages.js';
import type { PublicationRecord } from '../../app/portalPorts.js';
import { nextSpan, type Walk } from './timeSpans.js';
import { requiredLexemes, tsPhraseQuery, tsQuery, tsTitleQuery } from './syntax.js';

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

/**
 * The planner's statistics of the documents (ANALYZE, run by autovacuum): the most common lexemes
 * with the share of documents holding each, then the least, the greatest share and the share of nulls.
 * A lexeme not listed is rarer than the least listed.
 */
const LEXEME_STATISTICS = `SELECT s."most_common_elems"::text::text[] AS "lexemes", s."most_common_elem_freqs" AS "shares",
  (SELECT reltuples FROM pg_class WHERE oid = ${TABLE})::float8 AS "rows"
  FROM pg_stats s WHERE s.schemaname = current_schema() AND s.tablename = 'PublicationSearch' AND s.attname = 'doc'`;
/** Statistics change as slowly as the archive: read again after this long. */
const STATISTICS_MS = 10 * 60_000;

interface ListLengths {
  of: (lexeme: string) => number | undefined;
  /** At most this many documents hold a lexeme not listed. */
  unlisted: number;
}

async function readListLengths(db: Db): Promise<ListLengths | null> {
  const [row] = await db.$queryRawUnsafe<{ lexemes: string[] | null; shares: number[] | null; rows: number }[]>(LEXEME_STATISTICS);
  if (!row?.lexemes || !row.shares || !(row.rows > 0) || row.shares.length < row.lexemes.length + 1) return null;
  const rows = row.rows;
  const byLexeme = new Map(row.lexemes.map((lexeme, i) => [lexeme, row.shares![i]! * rows]));
  return { of: (lexeme) => byLexeme.get(lexeme), unlisted: row.shares[row.lexemes.length]! * rows };
}

/** The list lengths of the lexemes a search walks by, read at most every STATISTICS_MS; null until ANALYZE ran. */
function listLengthsOf(db: Db): () => Promise<ListLengths | null> {
  let cached: { at: number; lengths: Promise<ListLengths | null> } | null = null;
  return () => {
    if (!cached || Date.now() - cached.at > STATISTICS_MS) {
      const lengths = readListLengths(db).catch(() => null);
      cached = { at: Date.now(), lengths };
    }
    return cached.lengths;
  };
}

/** About how many documents hold the query's rarest required word or filter; undefined when nothing is required by itself. */
function rarestList(q: SearchQuery, lengths: ListLengths): number | undefined {
  const groups = requiredLexemes(q).map((alts) => alts.reduce((sum, lexeme) => sum + (lengths.of(lexeme) ?? lengths.unlisted), 0));
  return groups.length ? Math.min(...groups) : undefined;
}

/** The archive's first and last publication time: one step down each end of the (publishedAt) index. */
const ENDS = `SELECT min("publishedAt") AS "oldest", max("publishedAt") AS "newest" FROM "PublicationSearch"`;

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

/**
 * The page's publications, still live, by raw SQL: the ORM compiles a query per call (2 ms of the web
 * process's time a search, more than everything else it does for one).
 */
const PAGE_ROWS = `SELECT "itemId", "code", "siteId", "kind", "category", "lang", "title", "summary", "body", "mediaRefs", "author",
  "featured", "publishedAt", "updatedAt", "takenDownAt", "takedownNote"
  FROM "Publication" WHERE "itemId" = ANY($1::text[]) AND "takenDownAt" IS NULL`;
type PageRow = Omit<PublicationRecord, 'lang' | 'mediaRefs'> & { lang: string; mediaRefs: string };

async function pageRows(db: Db, itemIds: string[]): Promise<PublicationRecord[]> {
  if (itemIds.length === 0) return [];
  const rows = await db.$queryRawUnsafe<PageRow[]>(PAGE_ROWS, itemIds);
  const byId = new Map(rows.map((r) => [r.itemId, r]));
  return itemIds.flatMap((id) => {
    const row = byId.get(id);
    if (!row || !isLang(row.lang)) return [];
    return [{ ...row, lang: row.lang, mediaRefs: JSON.parse(row.mediaRefs) as string[] }];
  });
}

/**
 * The newest SEARCH_WINDOW (+1, to know there are more) matches — the GIN index finds them, filters
 * included, as lexemes, span by span from the newest (src/store/search/timeSpans.ts) — ranked in the
 * tiers SQLite's engine uses (src/store/search/sqliteWorker.ts): every term in the title, then every
 * word side by side as typed, then the newer first. Runs on the ordinary connection pool: a search
 * waits on the network, never on the event loop. Spans are disjoint and walked newest first, so their
 * rows simply follow one another; no transaction holds them to one snapshot (three round trips more,
 * each waking the database): a publication that lands meanwhile is newer than every span still to ask,
 * and one whose time an editor moves between two spans is kept where it was seen first.
 */
export function postgresSearchEngine(db: Db): SearchEngine {
  const listLengths = listLengthsOf(db);
  return {
    async find(q: SearchQuery): Promise<SearchHits> {
      if (q.terms.length === 0 || q.siteIds?.length === 0) return { itemIds: [], total: 0, capped: false };
      const words = tsQuery(q);
      const [ends] = await db.$queryRawUnsafe<{ oldest: Date | null; newest: Date | null }[]>(ENDS);
      if (!ends?.oldest || !ends.newest) return { itemIds: [], total: 0, capped: false };
      const from = q.from && q.from > ends.oldest ? q.from : ends.oldest;
      const end = new Date(ends.newest.getTime() + 1);
      const to = q.to && q.to < end ? q.to : end;
      const ids: string[] = [];
      const tiers: number[] = [];
      const seen = new Set<string>();
      const [sql, ...tierArgs] = q.terms.length === 1 ? [SPAN_ONE_TERM, tsTitleQuery(q)] : [SPAN, tsTitleQuery(q), tsPhraseQuery(q)];
      const lengths = await listLengths();
      const rarest = lengths ? rarestList(q, lengths) : undefined;
      const lists = lengths && rarest !== undefined ? { rarest, of: lengths.of } : undefined;
      const walk: Walk = { start: from, end: to, cursor: to, found: 0, wanted: SEARCH_WINDOW + 1, lists };
      for (let s = nextSpan(walk); s; s = nextSpan(walk)) {
        const match = s.lexemes.length ? `${words} & (${s.lexemes.map((m) => `'${m}'`).join(' | ')})` : words;
        const [row] = await db.$queryRawUnsafe<{ ids: string[]; tiers: string }[]>(sql, match, s.from, s.to, walk.wanted, ...tierArgs);
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
      return { itemIds, total: kept, capped, publications: await pageRows(db, itemIds) };
    },
    warm: () => warmSearchIndex(db),
    async close() {},
  };
}
