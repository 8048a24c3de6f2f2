import { isLang } from '../../core/messages.js';
import type { PublicationRecord } from '../../app/portalPorts.js';
import { SearchBusy, type SearchEngine, type SearchResults, type SearchStore } from '../../app/searchPorts.js';
import { Gate } from '../../core/gate.js';
import type { Db } from '../client.js';
import type { Publication } from '../generated/sqlite/client.js';
import { providerOf, sqlitePath } from '../url.js';
import { sqliteSearchEngine } from './sqlite.js';

function toRecord(row: Publication): PublicationRecord | null {
  if (!isLang(row.lang)) return null;
  const { searchText: _folded, mediaRefs, ...rest } = row;
  return { ...rest, lang: row.lang, mediaRefs: JSON.parse(mediaRefs) as string[] };
}

/** The engine the database URL calls for: FTS5 in a worker on SQLite, the pool on PostgreSQL. */
export function databaseSearchEngine(url: string, db: Db, running: number, maxWaiting: number): SearchEngine {
  if (providerOf(url) === 'sqlite') return sqliteSearchEngine(sqlitePath(url), { maxWaiting });
  // The driver is loaded with the engine, by the first search or warming: a SQLite service never holds it.
  let engine: Promise<SearchEngine> | null = null;
  const opened = () => (engine ??= import('./postgres.js').then((m) => m.postgresSearchEngine(db, url, running)));
  return {
    find: async (query) => (await opened()).find(query),
    warm: async () => {
      const e = await opened();
      return e.warm ? e.warm() : { warmed: false, detail: {} };
    },
    close: async () => (engine ? (await engine).close() : undefined),
  };
}

/**
 * The search port over any engine: ids from the engine, the rows from Publication, still live, in the
 * engine's order. At most `gate`'s running searches at once (each page drawn from one runs as it
 * ends), so a crowd of searchers holds neither the event loop nor the connection pool from the pages
 * everyone else reads; beyond its line, SearchBusy.
 */
export function searchStore(db: Db, engine: SearchEngine, gate: Gate, restShare = 0): SearchStore & { closeSearch(): Promise<void> } {
  async function search(query: Parameters<SearchStore['searchPublications']>[0]): Promise<SearchResults> {
    const hits = await engine.find(query);
    if (hits.itemIds.length === 0) return { publications: [], total: hits.total, capped: hits.capped };
    if (hits.publications) return { publications: hits.publications, total: hits.total, capped: hits.capped };
    // An index a moment behind (an external engine fed from the outbox) never shows a taken-down item.
    const rows = await db.publication.findMany({ where: { itemId: { in: hits.itemIds }, takenDownAt: null } });
    const byId = new Map(rows.map((r) => [r.itemId, r]));
    const publications = hits.itemIds.flatMap((id) => {
      const row = byId.get(id);
      const record = row ? toRecord(row) : null;
      return record ? [record] : [];
    });
    return { publications, total: hits.total, capped: hits.capped };
  }
  return {
    async searchPublications(query) {
      // Under a flood, each search's place rests `restShare` of the time it took before the next one runs.
      let spent = 0;
      const timed = async () => {
        const started = performance.now();
        try {
          return await search(query);
        } finally {
          spent = performance.now() - started;
        }
      };
      const rest = restShare > 0 ? () => new Promise<void>((resolve) => setTimeout(resolve, spent * restShare)) : undefined;
      const done = await gate.run(timed, rest);
      if (!done) throw new SearchBusy();
      return done.value;
    },
    warmSearch: async () => (engine.warm ? engine.warm() : { warmed: false, detail: { why: 'nothing to warm' } }),
    closeSearch: () => engine.close(),
  };
}
