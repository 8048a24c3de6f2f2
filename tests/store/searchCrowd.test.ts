import { readdirSync, readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SearchBusy } from '../../src/app/searchPorts.js';
import { SEARCH_QUEUE, searchesRunning } from '../../src/store/prismaStore.js';
import { parseQuery } from '../../src/core/searchQuery.js';
import { BACKENDS, type TestDatabase } from '../helpers/databases.js';
import { portalFixture, publishThrough, type PortalFixture } from '../helpers/portal.js';

/**
 * A crowd of searchers against one process: a few searches run, the next ones wait their turn, and
 * the rest are told "busy" at once (the page answers 503 with Retry-After) rather than queueing without
 * bound in front of every other reader.
 */
describe.each(BACKENDS)('a crowd of searches on $name', ({ name, fresh, skip }) => {
  let db: TestDatabase;
  let p: PortalFixture;

  beforeAll(async () => {
    if (skip) return;
    db = await fresh();
    p = await portalFixture(db.url);
    await publishThrough(p.desk, { title: 'Cầu treo Đăk Huýt khánh thành', body: 'Học sinh đến trường an toàn.' }, 'kinh-te');
  });
  afterAll(async () => {
    if (skip) return;
    await p.close();
    await db.drop();
  });

  it.skipIf(skip)('100 searches at once: those running and the 32 waiting are answered, the rest told busy, and the next search after them is answered', async () => {
    // PostgreSQL runs half the machine's cores' worth at once (each in a server process of its own), SQLite's worker one and one ready.
    const line = searchesRunning(db.provider) + SEARCH_QUEUE;
    const ask = () => p.desk.store.searchPublications({ terms: parseQuery('cầu treo'), lang: 'vi', offset: 0, limit: 10 });
    const settled = await Promise.allSettled(Array.from({ length: 100 }, ask));
    const answered = settled.filter((s) => s.status === 'fulfilled');
    const busy = settled.filter((s) => s.status === 'rejected' && s.reason instanceof SearchBusy);
    expect(answered).toHaveLength(line);
    expect(busy).toHaveLength(100 - line);
    for (const a of answered) expect(a.status === 'fulfilled' && a.value.publications.map((x) => x.title)).toEqual(['Cầu treo Đăk Huýt khánh thành']);
    expect((await ask()).total).toBe(1);
  });

  it.skipIf(skip)('the search page answers busy with 503, a Retry-After and the reason in Vietnamese, never kept as the answer', async () => {
    // Distinct queries: the page cache would draw one page for identical ones.
    const pages = await Promise.all(Array.from({ length: 120 }, (_, i) => p.page(`/vi/tim-kiem?q=${encodeURIComponent(`cầu treo ${i}*`)}`)));
    const refused = pages.filter((r) => r.status === 503);
    expect(pages.every((r) => r.status === 200 || r.status === 503)).toBe(true);
    // In one process, all 120 reach the search before the first is answered: at most the line gets through.
    expect(refused.length).toBeGreaterThanOrEqual(120 - (searchesRunning(db.provider) + SEARCH_QUEUE));
    for (const r of refused) {
      expect(r.headers.get('retry-after')).toBe('5');
      expect(r.text).toContain('Hệ thống tìm kiếm đang bận');
    }
    const again = await p.page(`/vi/tim-kiem?q=${encodeURIComponent('cầu treo 119*')}`);
    expect(again.status).toBe(200);
  });

  // SQLite's searches run in a worker thread of this process (PostgreSQL's in the server's own processes).
  it.skipIf(skip || name !== 'SQLite' || process.platform !== 'linux')('the search worker gives way to the thread serving pages: it runs at a lower priority, the rest of the process does not', async () => {
    expect((await p.desk.store.searchPublications({ terms: parseQuery('khánh thành'), lang: 'vi', offset: 0, limit: 10 })).total).toBe(1);
    const niceOf = (tid: string) => {
      const stat = readFileSync(`/proc/self/task/${tid}/stat`, 'utf8');
      // Fields after the command name, which may hold spaces: nice is the 19th field of the line.
      return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[16]);
    };
    const nices = readdirSync('/proc/self/task').map(niceOf);
    expect(niceOf(String(process.pid))).toBe(0);
    expect(nices.filter((n) => n === 10)).toHaveLength(1);
    expect(nices.filter((n) => n !== 0 && n !== 10)).toEqual([]);
  });
});
