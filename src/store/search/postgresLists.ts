import type pg from 'pg';
import type { SearchQuery } from '../../app/searchPorts.js';
import { requiredLexemes } from './syntax.js';

/**
 * The planner's statistics of the documents (ANALYZE, run by autovacuum): the most common lexemes
 * with the share of documents holding each, then the least and the greatest share.
 * A lexeme not listed is rarer than the least listed.
 */
const LEXEME_STATISTICS = `SELECT s."most_common_elems"::text::text[] AS "lexemes", s."most_common_elem_freqs" AS "shares",
  (SELECT reltuples FROM pg_class WHERE oid = '"PublicationSearch"'::regclass)::float8 AS "rows"
  FROM pg_stats s WHERE s.schemaname = current_schema() AND s.tablename = 'PublicationSearch' AND s.attname = 'doc'`;
/** Statistics change as slowly as the archive: read again after this long. */
const STATISTICS_MS = 10 * 60_000;
/** None yet (no ANALYZE) or the read failed (a restart): asked again sooner. */
const NO_STATISTICS_MS = 30_000;

export interface ListLengths {
  of: (lexeme: string) => number | undefined;
  /** At most this many documents hold a lexeme not listed. */
  unlisted: number;
}

async function readListLengths(pool: pg.Pool): Promise<ListLengths | null> {
  const { rows: [row] } = await pool.query<{ lexemes: string[] | null; shares: number[] | null; rows: number }>(LEXEME_STATISTICS);
  if (!row?.lexemes || !row.shares || !(row.rows > 0) || row.shares.length < row.lexemes.length + 1) return null;
  const rows = row.rows;
  const byLexeme = new Map(row.lexemes.map((lexeme, i) => [lexeme, row.shares![i]! * rows]));
  return { of: (lexeme) => byLexeme.get(lexeme), unlisted: row.shares[row.lexemes.length]! * rows };
}

/** The list lengths of the lexemes a search walks by, read at most every STATISTICS_MS; null until ANALYZE ran. */
export function listLengthsOf(pool: pg.Pool): () => Promise<ListLengths | null> {
  let cached: { at: number; lengths: Promise<ListLengths | null>; keep: number } | null = null;
  return () => {
    if (!cached || Date.now() - cached.at > cached.keep) {
      const entry = { at: Date.now(), lengths: readListLengths(pool).catch(() => null), keep: STATISTICS_MS };
      void entry.lengths.then((lengths) => (entry.keep = lengths ? STATISTICS_MS : NO_STATISTICS_MS));
      cached = entry;
    }
    return cached.lengths;
  };
}

/** About how many documents hold the query's rarest required word or filter; undefined when nothing is required by itself. */
export function rarestList(q: SearchQuery, lengths: ListLengths): number | undefined {
  const groups = requiredLexemes(q).map((alts) => alts.reduce((sum, lexeme) => sum + (lengths.of(lexeme) ?? lengths.unlisted), 0));
  return groups.length ? Math.min(...groups) : undefined;
}
