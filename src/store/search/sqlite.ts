import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import { SearchBusy, SEARCH_WINDOW, type SearchEngine, type SearchHits, type SearchQuery } from '../../app/searchPorts.js';
import { docidAt, fts5Match, fts5WholePhrase } from './syntax.js';
import { WORKER_SOURCE } from './sqliteWorker.js';

interface Reply {
  id: number;
  itemIds?: string[];
  total?: number;
  capped?: boolean;
  error?: string;
}

interface Waiting {
  resolve: (hits: SearchHits) => void;
  reject: (error: Error) => void;
}

export interface SqliteSearchOptions {
  /** Searches queued or running at once; one more is answered SearchBusy at once. */
  maxWaiting: number;
}

/**
 * FTS5 searches in a worker thread: the service's own connection is synchronous and on the main thread
 * (src/store/client.ts), where a search would stall every page being served. The worker starts at the
 * first search (CLI commands never start it) and is let go of (unref) while nothing waits on it.
 */
export function sqliteSearchEngine(file: string, options: SqliteSearchOptions = { maxWaiting: 32 }): SearchEngine {
  const driver = createRequire(import.meta.url).resolve('better-sqlite3');
  let worker: Worker | null = null;
  let nextId = 1;
  const waiting = new Map<number, Waiting>();

  const failAll = (error: Error) => {
    for (const w of waiting.values()) w.reject(error);
    waiting.clear();
  };

  function started(): Worker {
    if (worker) return worker;
    const w = new Worker(WORKER_SOURCE, { eval: true, workerData: { file, driver } });
    w.on('message', (reply: Reply) => {
      const entry = waiting.get(reply.id);
      if (!entry) return;
      waiting.delete(reply.id);
      if (waiting.size === 0) w.unref();
      if (reply.error !== undefined) entry.reject(new Error(`search failed: ${reply.error}`));
      else entry.resolve({ itemIds: reply.itemIds ?? [], total: reply.total ?? 0, capped: reply.capped ?? false });
    });
    // A worker that died is started afresh by the next search; whoever waited on it is told.
    w.on('error', (error) => {
      if (worker === w) worker = null;
      failAll(error);
    });
    w.on('exit', () => {
      if (worker === w) worker = null;
      failAll(new Error('search worker stopped'));
    });
    worker = w;
    return w;
  }

  return {
    async find(q: SearchQuery): Promise<SearchHits> {
      if (q.terms.length === 0 || q.siteIds?.length === 0) return { itemIds: [], total: 0, capped: false };
      if (waiting.size >= options.maxWaiting) throw new SearchBusy();
      const w = started();
      const id = nextId++;
      const request = {
        id,
        match: fts5Match(q),
        title: fts5Match(q, 'title'),
        phrase: fts5WholePhrase(q),
        from: q.from ? docidAt(q.from, false) : null,
        to: q.to ? docidAt(q.to, true) : null,
        window: SEARCH_WINDOW,
        offset: q.offset,
        limit: q.limit,
      };
      return new Promise<SearchHits>((resolve, reject) => {
        waiting.set(id, { resolve, reject });
        w.ref();
        w.postMessage(request);
      });
    },
    async close() {
      const w = worker;
      worker = null;
      if (w) await w.terminate();
    },
  };
}
