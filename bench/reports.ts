/**
 * npm run bench -- --reports: the yearly report over a large archive (issue 20), on SQLite and on PostgreSQL
 * (skipped, with the reason, when unreachable). Target: the year's figures in ≤ 30 s and ≤ 300 MB RSS at a
 * million items with a year of hourly page views.
 *
 * The archive (bench/reportsSeed.ts): BENCH_REPORT_ITEMS (default 1,000,000) publications over 2025 across 30
 * sites, one in four with its submission and desk item, and 8,760 hours × 40 pages of views. It is written once
 * and kept under the temp dir (SQLite `portal-hub-bench-reports/sqlite-<items>.db`, PostgreSQL database
 * `portal_hub_bench_reports_<items>`): a second run measures at once. Each report is built in a fresh child
 * process (the province with every site, then one site), timed, with its peak RSS (VmHWM); then the report's
 * Word and Excel files are made from the same figures and timed.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { reportWriter } from '../adapters/office/index.js';
import type { Deps } from '../src/app/deps.js';
import { reportFigures } from '../src/app/reports/figures.js';
import { auditKeys } from '../src/core/audit.js';
import { localDateTime, endOfDay } from '../src/core/dates.js';
import { parsePeriod } from '../src/core/reports/period.js';
import { migrate } from '../src/store/migrate.js';
import { createPrismaStore } from '../src/store/prismaStore.js';
import { PG_ADMIN_URL, probePostgres } from '../tests/helpers/databases.js';
import { TEST_HUB_SECRET } from '../tests/helpers/desk.js';
import { seedPageViews, seedPublications, type SeedPlan } from './reportsSeed.js';

const ITEMS = Number(process.env.BENCH_REPORT_ITEMS ?? 1_000_000);
const TIME_ZONE = 'Asia/Ho_Chi_Minh';
const YEAR = '2025';
/** After the year closed, when the calendar makes its report. */
const NOW = new Date('2026-01-20T03:00:00Z');
const TARGET = { seconds: 30, mb: 300 };
const root = new URL('..', import.meta.url).pathname;
const keep = join(tmpdir(), 'portal-hub-bench-reports');

const depsOf = (url: string): Deps => ({ store: createPrismaStore(url, auditKeys(TEST_HUB_SECRET)), clock: () => NOW, timeZone: TIME_ZONE });

/** Peak resident memory of this process so far, MB (VmHWM: what the kernel saw, not V8's heap alone). */
function peakMb(): number {
  const status = existsSync('/proc/self/status') ? readFileSync('/proc/self/status', 'utf8') : '';
  const hwm = /VmHWM:\s+(\d+) kB/.exec(status)?.[1];
  return hwm ? Number(hwm) / 1024 : process.resourceUsage().maxRSS / 1024;
}

interface Measured {
  scope: string;
  seconds: number;
  peakMb: number;
  filesSeconds: number;
  filesPeakMb: number;
  published: number;
  leadCounted: number;
  views: number;
}

/** In the child: one scope's yearly figures, then its files, each timed. */
async function measure(url: string, scope: 'province' | 'site'): Promise<void> {
  const deps = depsOf(url);
  const period = parsePeriod(YEAR)!;
  const site = scope === 'province' ? null : (await deps.store.sites())[1]!;
  const began = performance.now();
  const figures = await reportFigures(deps, period, site, 30);
  const seconds = (performance.now() - began) / 1000;
  const reportPeak = peakMb();
  const filesBegan = performance.now();
  await reportWriter.files(figures, TIME_ZONE);
  const filesSeconds = (performance.now() - filesBegan) / 1000;
  const out: Measured = { scope: site ? `site ${site.key}` : 'province', seconds, peakMb: reportPeak, filesSeconds, filesPeakMb: peakMb(), published: figures.items.published, leadCounted: figures.leadTime.counted, views: figures.visits.views };
  await deps.store.close();
  console.log(JSON.stringify(out));
}

function child(url: string, scope: 'province' | 'site'): Measured {
  const run = spawnSync(process.execPath, ['--import', 'tsx', 'bench/reports.ts', '--measure', url, scope], { cwd: root, encoding: 'utf8', maxBuffer: 1 << 24 });
  const line = run.stdout.trim().split('\n').at(-1) ?? '';
  if (run.status !== 0 || !line.startsWith('{')) throw new Error(`report child failed (${run.status}):\n${run.stdout}\n${run.stderr}`);
  return JSON.parse(line) as Measured;
}

interface Operated {
  scope: string;
  seconds: number;
  peakMb: number;
  files: number;
}

/**
 * As the operator runs it: the compiled CLI (`npm run build`, no TypeScript loader in the process),
 * `portal-hub report --period YEAR [--site KEY] --out DIR`, figures and both files, timed by /usr/bin/time
 * with the process's peak RSS. The CLI opens the database as every command does (migrations checked, the
 * audit trail's head read) before it reads the period.
 */
function operated(url: string, site: string | null, how: 'bin' | 'plain'): Operated | null {
  if (!existsSync('/usr/bin/time')) return null;
  const out = join(keep, `out-${site ?? 'province'}`);
  rmSync(out, { recursive: true, force: true });
  const env = { ...process.env, DATABASE_URL: url, HUB_SECRET: TEST_HUB_SECRET, DATA_DIR: join(keep, 'data'), LOG_LEVEL: 'warn' };
  // `bin`: the command as installed (its first line gives node the service's V8 settings); `plain`: node with none.
  const command = how === 'bin' ? ['bin/portal-hub.mjs'] : [process.execPath, 'dist/cli.js'];
  const args = ['-f', 'bench-time %e %M', ...command, 'report', '--period', YEAR, ...(site ? ['--site', site] : []), '--out', out];
  const run = spawnSync('/usr/bin/time', args, { cwd: root, encoding: 'utf8', env, maxBuffer: 1 << 24 });
  const timed = /bench-time ([\d.]+) (\d+)/.exec(run.stderr);
  if (run.status !== 0 || !timed) throw new Error(`portal-hub report failed (${run.status}):\n${run.stdout}\n${run.stderr}`);
  return { scope: `${site ? `site ${site}` : 'province'}${how === 'plain' ? ', plain node' : ''}`, seconds: Number(timed[1]), peakMb: Number(timed[2]) / 1024, files: readdirSync(out).length };
}

function plan(): SeedPlan {
  const period = parsePeriod(YEAR)!;
  const from = localDateTime(`${period.fromDay} 00:00`, TIME_ZONE)!;
  const to = endOfDay(period.toDay, TIME_ZONE)!;
  return { items: ITEMS, sites: 30, fromDay: period.fromDay, toDay: period.toDay, from, to, pagesPerHour: 40 };
}

/** The kept archive of `provider`, written first when absent or left half-written by a stopped run. */
async function archive(provider: 'sqlite' | 'postgresql'): Promise<string> {
  mkdirSync(keep, { recursive: true });
  const done = join(keep, `${provider}-${ITEMS}.done`);
  let url: string;
  if (provider === 'sqlite') {
    const file = join(keep, `sqlite-${ITEMS}.db`);
    url = `file:${file}`;
    if (existsSync(done)) return url;
    for (const f of [file, `${file}-wal`, `${file}-shm`]) rmSync(f, { force: true });
  } else {
    const name = `portal_hub_bench_reports_${ITEMS}`;
    const u = new URL(PG_ADMIN_URL);
    u.pathname = `/${name}`;
    url = u.toString();
    if (existsSync(done)) return url;
    const admin = new pg.Client({ connectionString: PG_ADMIN_URL });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS ${name}`);
    await admin.query(`CREATE DATABASE ${name}`);
    await admin.end();
  }
  await migrate(url);
  const deps = depsOf(url);
  const began = performance.now();
  const say = (line: string) => console.log(`  ${provider}: ${line} (${((performance.now() - began) / 1000).toFixed(0)} s)`);
  try {
    await seedPublications(deps, url, plan(), say);
    await seedPageViews(deps, url, plan(), say);
  } finally {
    await deps.store.close();
  }
  say('archive written');
  writeFileSync(done, new Date().toISOString());
  return url;
}

const row = (name: string, m: Measured) =>
  `${name.padEnd(12)}${m.scope.padEnd(20)}${m.seconds.toFixed(1).padStart(8)} s ${m.seconds <= TARGET.seconds ? '✓' : '✗'}${m.peakMb.toFixed(0).padStart(7)} MB ${m.peakMb <= TARGET.mb ? '✓' : '✗'}` +
  `${m.filesSeconds.toFixed(1).padStart(9)} s${m.filesPeakMb.toFixed(0).padStart(7)} MB   ${m.published.toLocaleString('en').padStart(9)} / ${m.leadCounted.toLocaleString('en').padStart(7)} / ${m.views.toLocaleString('en')}`;

async function main(): Promise<void> {
  const results: [string, Measured][] = [];
  const cli: [string, Operated][] = [];
  // The CLI measured is the compiled one, as `npm start` runs the service: built now, and again before it is timed
  // (bin/portal-hub.mjs falls back to the sources through tsx when one changed while the archive was written).
  const build = () => {
    const built = spawnSync(process.execPath, ['scripts/build.mjs', '--if-stale'], { cwd: root, encoding: 'utf8' });
    if (built.status !== 0) throw new Error(`npm run build failed:\n${built.stderr}`);
  };
  build();
  const only = process.env.BENCH_REPORT_DATABASES ?? 'sqlite,postgresql';
  for (const provider of ['sqlite', 'postgresql'] as const) {
    if (!only.includes(provider)) continue;
    if (provider === 'postgresql') {
      const reachable = await probePostgres(30_000);
      if (!reachable.ok) {
        console.log(`PostgreSQL skipped: not reachable at ${new URL(PG_ADMIN_URL).host} (${reachable.why})`);
        continue;
      }
    }
    console.log(`${provider}: the archive of ${ITEMS.toLocaleString('en')} items (kept in ${keep})…`);
    const url = await archive(provider);
    const name = provider === 'sqlite' ? 'SQLite' : 'PostgreSQL';
    for (const scope of ['province', 'site'] as const) results.push([name, child(url, scope)]);
    // The site the in-process run measured ("site KEY").
    const siteKey = results.at(-1)![1].scope.replace(/^site /, '');
    build();
    for (const [site, how] of [[null, 'bin'], [siteKey, 'bin'], [null, 'plain']] as const) {
      const measured = operated(url, site, how);
      if (measured) cli.push([name, measured]);
    }
  }
  console.log(`\nThe ${YEAR} report over ${ITEMS.toLocaleString('en')} items, a child process each; target ≤ ${TARGET.seconds} s and ≤ ${TARGET.mb} MB peak RSS`);
  console.log(`${'database'.padEnd(12)}${'scope'.padEnd(20)}${'figures'.padStart(10)}${'peak RSS'.padStart(12)}${'DOCX+XLSX'.padStart(11)}${'peak'.padStart(9)}   published / lead times / views`);
  for (const [name, m] of results) console.log(row(name, m));
  if (cli.length) {
    console.log(`\nAs the operator runs it: \`portal-hub report --period ${YEAR} [--site KEY] --out DIR\` (the compiled CLI; figures, Word and Excel), wall time and the process's peak RSS`);
    for (const [name, m] of cli) console.log(`${name.padEnd(12)}${m.scope.padEnd(20)}${m.seconds.toFixed(1).padStart(8)} s ${m.seconds <= TARGET.seconds ? '✓' : '✗'}${m.peakMb.toFixed(0).padStart(7)} MB ${m.peakMb <= TARGET.mb ? '✓' : '✗'}   ${m.files} files`);
  }
  console.log(`\nMachine: ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}`);
}

if (process.argv[2] === '--measure') await measure(process.argv[3]!, process.argv[4] === 'site' ? 'site' : 'province');
else await main();
