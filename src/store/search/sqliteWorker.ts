/**
 * The search worker's code, plain CommonJS run with `new Worker(code, { eval: true })`: it needs no
 * TypeScript loader, so it starts the same under tsx, under vitest and from a build. It holds its own
 * read-only connection to the database file (WAL: it reads the last commit while the writer writes),
 * so a search never runs on the main thread's connection and never waits behind its transactions.
 *
 * One request: the newest `window` + 1 matches by docid (docids grow with publication time, so FTS5
 * walks its lists from the end and stops), ranked by bm25 (body only; the tags column weighs nothing),
 * then the newer first among equals; one page of them is mapped back to item ids.
 */
export const WORKER_SOURCE = String.raw`
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.file, { readonly: true, fileMustExist: true, timeout: 5000 });
const LOWEST = -(2n ** 63n);
const HIGHEST = 2n ** 63n - 1n;
const hits = db.prepare('SELECT rowid AS docid, bm25("PublicationSearch", 1.0, 0.0) AS score FROM "PublicationSearch" WHERE "PublicationSearch" MATCH ? AND rowid >= ? AND rowid < ? ORDER BY rowid DESC LIMIT ?').safeIntegers(true);
const itemOf = db.prepare('SELECT "itemId" FROM "PublicationSearchDoc" WHERE "docid" = ?').pluck().safeIntegers(true);
parentPort.on('message', (m) => {
  try {
    const rows = hits.all(m.match, m.from ?? LOWEST, m.to ?? HIGHEST, BigInt(m.window + 1));
    const capped = rows.length > m.window;
    if (capped) rows.length = m.window;
    rows.sort((a, b) => Number(a.score) - Number(b.score) || (a.docid < b.docid ? 1 : a.docid > b.docid ? -1 : 0));
    const itemIds = [];
    for (const r of rows.slice(m.offset, m.offset + m.limit)) {
      const id = itemOf.get(r.docid);
      if (typeof id === 'string') itemIds.push(id);
    }
    parentPort.postMessage({ id: m.id, itemIds, total: rows.length, capped });
  } catch (error) {
    parentPort.postMessage({ id: m.id, error: String((error && error.message) || error) });
  }
});
`;
