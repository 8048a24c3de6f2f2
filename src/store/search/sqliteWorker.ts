/**
 * The search worker's code, plain CommonJS run with `new Worker(code, { eval: true })`: it needs no
 * TypeScript loader, so it starts the same under tsx, under vitest and from a build. It holds its own
 * read-only connection to the database file (WAL: it reads the last commit while the writer writes),
 * so a search never runs on the main thread's connection and never waits behind its transactions.
 *
 * One request: the newest `window` + 1 matches by docid (docids grow with publication time, so FTS5
 * walks its lists from the end and stops). They are ranked in tiers — all words in the title (its own
 * short index), then the words side by side as typed — and the newer
 * first within a tier. Not bm25: its IDF reads every phrase's whole list, filter tokens included
 * (~150 ms a phrase at 1M items); the tiers read only the candidates' docid range.
 *
 * The page's rows are read here too, still live, and shaped as records: on the main thread they cost a
 * Prisma query on the one synchronous connection every cached page waits behind.
 */
export const WORKER_SOURCE = String.raw`
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.file, { readonly: true, fileMustExist: true, timeout: 5000 });
// Smaller than the driver's 16 MB: the worker lives only while people search (sqlite.ts idleMs).
db.pragma('cache_size = -8000');
// Searches yield the CPU to the thread serving pages: on two cores, 20 people searching kept a cached
// page waiting behind the worker. On Linux the nice value belongs to the thread (setpriority(2), BUGS),
// so this lowers the worker alone; elsewhere it would lower the whole process, so it is left as it is.
if (process.platform === 'linux') {
  try {
    require('node:os').setPriority(0, workerData.nice);
  } catch {
    // A sandbox that forbids it leaves the worker at the process's priority: searches work the same.
  }
}
const LOWEST = -(2n ** 63n);
const HIGHEST = 2n ** 63n - 1n;
const SQL = 'SELECT rowid FROM "PublicationSearch" WHERE "PublicationSearch" MATCH ? AND rowid >= ? AND rowid < ? ORDER BY rowid DESC LIMIT ?';
const statement = (sql) => db.prepare(sql).pluck().safeIntegers(true);
const matches = statement(SQL);
const inRange = {
  body: { down: matches, up: statement(SQL.replace('DESC', 'ASC')) },
  title: { down: statement(SQL.replace(/"PublicationSearch"/g, '"PublicationTitleSearch"')), up: statement(SQL.replace(/"PublicationSearch"/g, '"PublicationTitleSearch"').replace('DESC', 'ASC')) },
};
// Two subqueries: min and max in one SELECT scan the whole table, each alone is one step of the key.
const ends = db.prepare('SELECT (SELECT min("docid") FROM "PublicationSearchDoc") AS "oldest", (SELECT max("docid") FROM "PublicationSearchDoc") AS "newest"').safeIntegers(true);
const itemOf = db.prepare('SELECT "itemId" FROM "PublicationSearchDoc" WHERE "docid" = ?').pluck().safeIntegers(true);
// Every column but the folded search text, which the page never shows (and need not cross to the main thread).
const rowOf = db.prepare('SELECT "itemId", "code", "siteId", "kind", "category", "lang", "title", "summary", "body", "mediaRefs", "author", "featured", "publishedAt", "updatedAt", "takenDownAt", "takedownNote", "sponsor" FROM "Publication" WHERE "itemId" = ? AND "takenDownAt" IS NULL');
// Shaped here as the store's reads give it (Dates cross to the main thread as Dates): turning 20 rows
// into records cost the page thread a sixth of its time per search.
const recordOf = (row) => {
  row.mediaRefs = JSON.parse(row.mediaRefs);
  row.featured = row.featured !== 0;
  row.publishedAt = new Date(row.publishedAt);
  row.updatedAt = new Date(row.updatedAt);
  row.takenDownAt = row.takenDownAt === null ? null : new Date(row.takenDownAt);
  return row;
};
const newerFirst = (a, b) => (a < b ? 1 : a > b ? -1 : 0);
// One snapshot for the whole request: a publication landing between its reads cannot move a tier.
const search = db.transaction((m) => {
  const from = m.from ?? LOWEST;
  const to = m.to ?? HIGHEST;
  const found = matches.all(m.match, from, to, BigInt(m.window + 1));
  if (found.length === 0) return { itemIds: [], rows: [], total: 0, capped: false };
  const capped = found.length > m.window;
  if (capped) found.length = m.window;
  const lowest = found[found.length - 1];
  // FTS5 stops a walk at the far end of a rowid range only after a match: a tier with no match in the
  // candidates' range walked on to the archive's other end (a phrase in no candidate: 250 ms at 1M
  // items, 1 ms walking the other way). So each tier walks from the range's end nearer the archive's.
  const { oldest, newest } = ends.get();
  const up = newest === null || newest - lowest <= to - oldest;
  const within = (index, match, most) => (match ? new Set(inRange[index][up ? 'up' : 'down'].all(match, lowest, to, BigInt(most))) : new Set());
  // A title is the start of its body and carries the same filter tokens: every title match in the
  // range is a candidate (give or take a word the title's cut splits), so twice the window bounds it.
  const inTitle = within('title', m.title, m.window * 2);
  const asPhrase = within('body', m.phrase, m.window);
  const tier = (docid) => (inTitle.has(docid) ? 2 : 0) + (asPhrase.has(docid) ? 1 : 0);
  const ranked = found.map((docid) => ({ docid, tier: tier(docid) }));
  ranked.sort((a, b) => b.tier - a.tier || newerFirst(a.docid, b.docid));
  const itemIds = [];
  const rows = [];
  for (const r of ranked.slice(m.offset, m.offset + m.limit)) {
    const id = itemOf.get(r.docid);
    if (typeof id !== 'string') continue;
    itemIds.push(id);
    const row = rowOf.get(id);
    if (row) rows.push(recordOf(row));
  }
  return { itemIds, rows, total: found.length, capped };
});
parentPort.on('message', (m) => {
  try {
    parentPort.postMessage({ id: m.id, ...search(m) });
  } catch (error) {
    parentPort.postMessage({ id: m.id, error: String((error && error.message) || error) });
  }
});
`;
