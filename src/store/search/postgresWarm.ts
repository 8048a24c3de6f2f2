import type { SearchWarmth } from '../../app/searchPorts.js';
import type { Db } from '../client.js';

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
export async function warmSearchIndex(db: Db): Promise<SearchWarmth> {
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
