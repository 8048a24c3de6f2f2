/**
 * SQLite may answer a list without a site or section by a skip-scan of the index that leads with one
 * (`ANY(siteId) AND lang=? AND publishedAt>?`): it reads every row of the time range and sorts them,
 * where the (lang, publishedAt) index walks in order and stops after a page — a year of a million-item
 * archive sorted for 20 rows. Which of the two it takes turns on sampled statistics (STAT4), so it
 * changes from one ANALYZE to the next. The lists never mean to skip these leading columns, so their
 * statistics say so (`noskipscan`, read by SQLite's analyze.c); kept after every ANALYZE the service
 * runs, and at each start for one run by hand.
 */
const NO_SKIP_SCAN = ['Publication_siteId_lang_publishedAt_itemId_idx', 'Publication_siteId_lang_featured_publishedAt_itemId_idx', 'Publication_category_lang_publishedAt_itemId_idx'];

/** Whether the database has statistics at all (no ANALYZE yet: nothing to mark, and no skip-scan). */
export const SQLITE_HAS_STATISTICS = `SELECT count(*) AS "n" FROM sqlite_schema WHERE type = 'table' AND name = 'sqlite_stat1'`;

/** Marks the indexes; then `ANALYZE sqlite_schema` makes the open connection read the statistics again. */
export const SQLITE_NO_SKIP_SCAN = `UPDATE sqlite_stat1 SET stat = stat || ' noskipscan'
  WHERE tbl = 'Publication' AND idx IN (${NO_SKIP_SCAN.map((i) => `'${i}'`).join(', ')}) AND stat NOT LIKE '% noskipscan%'`;
