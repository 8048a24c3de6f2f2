/**
 * npm run bench -- --growth: the portal as its archive grows, side by side in one run, on SQLite and
 * on PostgreSQL (skipped, with the reason, when unreachable). One database per provider is filled
 * through `portal-hub demo` up to each size of GROWTH_SIZES in turn (default 1000,100000,1000000),
 * and at each size the real service process is measured:
 *  - cold reads: home, a section, an article, the API list, the RSS feed, the sitemap index and a
 *    child — each the first request for that page in a freshly started process (a restart drops
 *    every cache; the process is first warmed on other pages of the same kinds, so JIT and the
 *    database's file cache are warm and only the page's own work is timed); median of GROWTH_COLD_RUNS;
 *  - search: 100 distinct queries from the demo vocabulary through /vi/tim-kiem, one after another: p99;
 *  - home throughput, 50 connections: calm, then while one publication changes every second through
 *    the same use case as `portal-hub portal feature` (audited), with time-outs (> 10 s) counted;
 *  - cached home p99, 10 connections: calm, then while 20 clients send distinct searches (three of each,
 *    alternating; medians);
 *  - the process's resident memory (VmRSS) idle after all that.
 * BENCH_SECONDS sets each load run (default 5), GROWTH_COLD_RUNS the fresh processes per size
 * (default 3), GROWTH_DATABASES which providers run (default sqlite,postgresql).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { setFeatured } from '../src/app/portalAdmin.js';
import type { Deps } from '../src/app/deps.js';
import { auditKeys } from '../src/core/audit.js';
import { demoQueries } from '../src/core/demo.js';
import { createPrismaStore } from '../src/store/prismaStore.js';
import { spawn } from 'node:child_process';
import { ROOT } from '../tests/helpers/cli.js';
import pg from 'pg';
import { freshPostgres, freshSqlite, PG_ADMIN_URL, probePostgres, type TestDatabase } from '../tests/helpers/databases.js';
import { migrate } from '../src/store/migrate.js';
import { TEST_HUB_SECRET } from '../tests/helpers/desk.js';
import { freePort, startService } from '../tests/helpers/service.js';
import { CLIENT, load, median, percentile, rssMb, SECONDS, searchers, timed } from './growthLoad.js';
import { printTable, type Figures } from './growthTable.js';

const SIZES = (process.env.GROWTH_SIZES ?? '1000,100000,1000000').split(',').map((s) => Number(s.trim()));
if (SIZES.some((n, i) => !Number.isInteger(n) || n < 1 || (i > 0 && n <= SIZES[i - 1]!))) throw new Error('GROWTH_SIZES: increasing whole numbers, e.g. 1000,20000');
const COLD_RUNS = Number(process.env.GROWTH_COLD_RUNS ?? 3);
const SITES = 12;

/** `portal-hub demo` as an operator runs it, its English progress lines passed through as they come. */
function demo(args: string[], env: Record<string, string>): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [join(ROOT, 'bin', 'portal-hub.mjs'), 'demo', ...args], { cwd: ROOT, env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env } });
    let out = '';
    const pass = (chunk: Buffer) => {
      out += chunk.toString();
      for (const line of chunk.toString().split('\n')) if (/^(… .*items|Done|Writing)/.test(line)) console.log(`  ${line}`);
    };
    child.stdout.on('data', pass);
    child.stderr.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve() : reject(new Error(`demo failed (${code}):\n${out}`))));
  });
}

interface Service {
  base: string;
  pid: number;
  stop: () => Promise<void>;
}

async function serve(db: TestDatabase, dir: string): Promise<Service> {
  const port = await freePort();
  // The V8 setting `npm start` gives the service (package.json): the bench measures the process as it runs.
  const running = startService(dir, port, { DATABASE_URL: db.url, HUB_SECRET: TEST_HUB_SECRET, DATA_DIR: join(dir, 'data'), MEDIA_DIR: join(dir, 'media'), LOG_LEVEL: 'info', TELEGRAM_BOT_TOKEN: '', NODE_OPTIONS: '--max-semi-space-size=4 --v8-pool-size=1' }, true);
  const stop = async () => {
    running.child.kill('SIGTERM');
    await running.exited;
  };
  const began = Date.now();
  while (!running.output().includes('listening on')) {
    if (running.child.exitCode !== null) throw new Error(`the service exited:\n${running.output()}`);
    if (Date.now() - began > 180_000) {
      await stop();
      throw new Error(`the service did not start in 3 minutes:\n${running.output()}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return { base: `http://127.0.0.1:${port}`, pid: running.child.pid!, stop };
}

interface Targets {
  article: string;
  otherArticle: string;
  category: string;
  otherCategory: string;
  site: string;
}

async function targetsOf(deps: Deps): Promise<Targets> {
  const [province, other] = await deps.store.sites();
  const [newest] = await deps.store.publications({ siteIds: [province!.id], lang: 'vi', limit: 1 });
  const [older] = await deps.store.publications({ siteIds: [other!.id], lang: 'vi', limit: 1 });
  const categories = (await deps.store.categories()).map((c) => c.key);
  const category = newest!.category ?? categories[0]!;
  return { article: newest!.code, otherArticle: older!.code, category, otherCategory: categories.find((c) => c !== category)!, site: other!.key };
}

type ColdFigures = Pick<Figures, 'home' | 'section' | 'article' | 'api' | 'feed' | 'sitemap' | 'sitemapChild' | 'idleRssMb'>;

async function coldReads(db: TestDatabase, dir: string, t: Targets): Promise<ColdFigures> {
  const runs: Record<string, number[]> = {};
  const note = (name: string, ms: number) => (runs[name] ??= []).push(ms);
  for (let run = 0; run < COLD_RUNS; run += 1) {
    const s = await serve(db, dir);
    try {
      for (const path of ['/en/', `/vi/chuyen-muc/${t.otherCategory}`, `/vi/tin/${t.otherArticle}`, `/vi/don-vi/${t.site}/feed.rss`, `/api/v1/items?limit=5&site=${t.site}`]) await timed(s.base, path);
      note('home', (await timed(s.base, '/vi/')).ms);
      note('section', (await timed(s.base, `/vi/chuyen-muc/${t.category}`)).ms);
      note('article', (await timed(s.base, `/vi/tin/${t.article}`)).ms);
      note('api', (await timed(s.base, '/api/v1/items?limit=20')).ms);
      note('feed', (await timed(s.base, '/vi/feed.rss')).ms);
      const index = await timed(s.base, '/sitemap.xml');
      note('sitemap', index.ms);
      // An index names its children; a single file has none to fetch. A month's child, not the fixed pages'.
      const child = /<sitemap>\s*<loc>([^<]+\/\d{4}-\d{2}(?:-\d+)?\.xml)<\/loc>/.exec(index.body)?.[1];
      if (child) {
        const u = new URL(child.replace(/&amp;/g, '&'));
        note('sitemapChild', (await timed(s.base, `${u.pathname}${u.search}`)).ms);
      }
      await new Promise((r) => setTimeout(r, 10_000));
      note('idleRss', rssMb(s.pid));
    } finally {
      await s.stop();
    }
  }
  const m = (name: string) => (runs[name] ? median(runs[name]!) : NaN);
  return { home: m('home'), section: m('section'), article: m('article'), api: m('api'), feed: m('feed'), sitemap: m('sitemap'), sitemapChild: m('sitemapChild'), idleRssMb: m('idleRss') };
}

async function underLoad(db: TestDatabase, dir: string, deps: Deps, t: Targets): Promise<Omit<Figures, 'size' | 'fillSeconds' | keyof ColdFigures>> {
  const s = await serve(db, dir);
  try {
    await timed(s.base, '/vi/tim-kiem?q=chu%E1%BA%A9n%20b%E1%BB%8B');
    const searches: number[] = [];
    for (const q of demoQueries(7, 100)) searches.push((await timed(s.base, `/vi/tim-kiem?q=${encodeURIComponent(q)}`)).ms);
    const home = `${s.base}/vi/`;
    await load(home, 50).catch(() => null); // warm-up
    const calm = await load(home, 50);
    let featured = false;
    let changes = 0;
    let failed = 0;
    const churn = setInterval(() => {
      featured = !featured;
      void setFeatured(deps, t.article, featured).then((r) => (r.ok ? (changes += 1) : (failed += 1)), () => (failed += 1));
    }, 1000);
    const churned = await load(home, 50);
    clearInterval(churn);
    // Calm and searching alternate, three of each, medians compared: one 5-s p99 of a few milliseconds
    // moves by 2-4x from run to run on two cores (a collection, the churn's last render), which no
    // single pair can tell from the searchers' effect.
    // Each round's searches are queries no round asked before (a page once drawn is kept: a repeat would
    // cost nothing), and every calm run follows the same 2-s rest.
    const calmP99: number[] = [];
    const searchingP99: number[] = [];
    let searched = 0;
    const queries = demoQueries(11, 6000);
    const perRound = Math.floor(queries.length / 3);
    for (let round = 0; round < 3; round += 1) {
      await new Promise((r) => setTimeout(r, 2000));
      calmP99.push((await load(home, 10)).p99);
      const crowd = searchers(s.base, 20, queries.slice(round * perRound, (round + 1) * perRound));
      searchingP99.push((await load(home, 10)).p99);
      const done = await crowd.stop();
      if (done >= perRound) console.log(`  ! round ${round + 1}: ${done} searches reached the ${perRound} distinct queries; later ones repeated (cached)`);
      searched += done;
    }
    const cachedCalm = { p99: median(calmP99) };
    const cachedSearched = { p99: median(searchingP99) };
    await new Promise((r) => setTimeout(r, 5000));
    return {
      searchP99: percentile(searches, 99), searchMedian: median(searches),
      calmRps: calm.rps, churnRps: churned.rps, churnTimeouts: churned.timeouts, churnErrors: churned.errors, changes, failedChanges: failed,
      cachedCalmP99: cachedCalm.p99, cachedSearchP99: cachedSearched.p99, searchesDone: Math.round(searched / 3), rssMb: rssMb(s.pid),
    };
  } finally {
    await s.stop();
  }
}

/**
 * PostgreSQL as docs/architecture.md ("PostgreSQL memory") sets it up: pg_prewarm installed (a superuser's step), so
 * each service process reads the search index into shared buffers at start when they can hold it.
 * Prints the server's shared_buffers: the figures depend on it.
 */
async function prewarmable(url: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query('CREATE EXTENSION IF NOT EXISTS pg_prewarm');
    const { rows } = await client.query<{ buffers: string; search: string }>(
      `SELECT current_setting('shared_buffers') AS buffers, pg_size_pretty(pg_total_relation_size('"PublicationSearch"')) AS search`,
    );
    console.log(`  PostgreSQL shared_buffers ${rows[0]?.buffers}, search table with its documents and indexes ${rows[0]?.search}, pg_prewarm installed`);
  } catch (error) {
    console.log(`  pg_prewarm not installed (${error instanceof Error ? error.message : String(error)}): searches read the index from disk until used`);
  } finally {
    await client.end();
  }
}

/** Tops the archive up to `size` through `portal-hub demo`, then measures it. */
async function fillAndMeasure(name: string, db: TestDatabase, dir: string, deps: Deps, size: number, have: number): Promise<Figures> {
  console.log(`\n${name}: filling to ${size.toLocaleString('en')} items through portal-hub demo…`);
  const began = performance.now();
  // The first fill makes the sample province; each later one tops the same sample up (--more).
  if (size > have) await demo([...(have > 0 ? ['--more'] : []), '--items', String(size - have), '--sites', String(SITES), '--seed', String(have + 1)], { DATABASE_URL: db.url, HUB_SECRET: TEST_HUB_SECRET, DATA_DIR: join(dir, 'data') });
  const fillSeconds = (performance.now() - began) / 1000;
  if (db.provider === 'postgresql') await prewarmable(db.url);
  const t = await targetsOf(deps);
  console.log(`${name} ${size.toLocaleString('en')}: cold reads (${COLD_RUNS} fresh processes)…`);
  const cold = await coldReads(db, dir, t);
  console.log(`${name} ${size.toLocaleString('en')}: search, throughput, memory…`);
  return { size, fillSeconds, ...cold, ...(await underLoad(db, dir, deps, t)) };
}

async function grow(name: string, fresh: () => Promise<TestDatabase>): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'portal-hub-growth-'));
  const db = await fresh();
  const store = createPrismaStore(db.url, auditKeys(TEST_HUB_SECRET));
  const deps: Deps = { store, clock: () => new Date(), timeZone: 'Asia/Ho_Chi_Minh' };
  const figures: Figures[] = [];
  try {
    let have = 0;
    for (const size of SIZES) {
      figures.push(await fillAndMeasure(name, db, dir, deps, size, have));
      have = size;
    }
  } finally {
    await store.close();
    await db.drop();
    rmSync(dir, { recursive: true, force: true });
  }
  printTable(name, figures);
}

/**
 * GROWTH_KEEP_DIR: one archive per size kept between runs — SQLite as `sqlite-<size>.db` there, PostgreSQL
 * as the database `portal_hub_growth_<size>` on the test server — topped up to its size and measured.
 * A million items take minutes to write; a second run measures at once.
 */
async function keptArchive(provider: 'sqlite' | 'postgresql', keep: string, size: number): Promise<TestDatabase> {
  if (provider === 'sqlite') return { provider, url: `file:${join(keep, `sqlite-${size}.db`)}`, drop: async () => undefined };
  const name = `portal_hub_growth_${size}`;
  const admin = new pg.Client({ connectionString: PG_ADMIN_URL });
  await admin.connect();
  try {
    const { rowCount } = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (!rowCount) await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  const url = new URL(PG_ADMIN_URL);
  url.pathname = `/${name}`;
  return { provider, url: url.toString(), drop: async () => undefined };
}

async function growKept(name: string, provider: 'sqlite' | 'postgresql', keep: string): Promise<void> {
  const figures: Figures[] = [];
  for (const size of SIZES) {
    const dir = mkdtempSync(join(tmpdir(), 'portal-hub-growth-'));
    const db = await keptArchive(provider, keep, size);
    await migrate(db.url);
    const store = createPrismaStore(db.url, auditKeys(TEST_HUB_SECRET));
    const deps: Deps = { store, clock: () => new Date(), timeZone: 'Asia/Ho_Chi_Minh' };
    try {
      const have = await store.publicationTotal();
      figures.push(await fillAndMeasure(name, db, dir, deps, size, have));
    } finally {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    }
  }
  printTable(`${name} (kept archives)`, figures);
}

const ONLY = process.env.GROWTH_DATABASES ?? 'sqlite,postgresql';
console.log(`Growth bench: sizes ${SIZES.join(', ')}; load runs ${SECONDS} s (${CLIENT}); ${COLD_RUNS} cold runs each`);
const KEEP = process.env.GROWTH_KEEP_DIR;
if (ONLY.includes('sqlite')) await (KEEP ? growKept('SQLite', 'sqlite', KEEP) : grow('SQLite', freshSqlite));
if (ONLY.includes('postgresql')) {
  // The suites' probe gives up after 3 s; a loaded machine may take longer to answer, and a bench can wait.
  const reachable = await probePostgres(30_000);
  if (reachable.ok) await (KEEP ? growKept('PostgreSQL', 'postgresql', KEEP) : grow('PostgreSQL', freshPostgres));
  else console.log(`\nPostgreSQL skipped: not reachable at ${new URL(PG_ADMIN_URL).host} (${reachable.why}); PORTAL_HUB_TEST_PG names the server.`);
}
console.log(`\nMachine: ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}`);
