/**
 * npm run bench — the portal's speed, measured side by side in one run:
 *  1. home and article: req/s and p99 at 50 and 200 connections, the portal against a bare node:http
 *     server sending the same bytes from memory (the ceiling), and their ratio;
 *  2. FCP and LCP of home and article in headless Chromium, Lighthouse's default mobile profile
 *     (simulated Slow 4G, 4× CPU slowdown), as published Lighthouse reports give them;
 *  3. the article page with 500 published comments against one with none, from memory and drawn
 *     afresh, and their ratio (portalComments.ts; the target is ≤ 1.5×);
 *  4. the outbox: dispatcher overhead per delivery, and final approval → mirror delivered (outbox.ts).
 * BENCH_SECONDS sets the length of each load run (default 5).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import sharp from 'sharp';
import { migrate } from '../src/store/migrate.js';
import { seedDesk, TEST_HUB_SECRET } from '../tests/helpers/desk.js';
import { publishThrough, seedCategories, storeMedia } from '../tests/helpers/portal.js';
import { lighthouseRuns } from './lighthouse.js';
import { outboxBench } from './outbox.js';
import { COMMENTS, drawTimes, seedComments } from './portalComments.js';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const ITEMS = 60;
const root = new URL('..', import.meta.url).pathname;

function started(child: ChildProcess, pattern: RegExp): Promise<string> {
  return new Promise((resolve, reject) => {
    let seen = '';
    const onData = (chunk: Buffer) => {
      seen += chunk.toString();
      const m = pattern.exec(seen);
      if (m) resolve(m[1] ?? '');
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', (code) => reject(new Error(`exited (${code}) before it was ready:\n${seen}`)));
  });
}

async function seed(dir: string): Promise<{ url: string; mediaDir: string; article: string; commented: string }> {
  const url = `file:${join(dir, 'bench.db')}`;
  await migrate(url);
  const desk = await seedDesk(url);
  await seedCategories(desk);
  const mediaDir = join(dir, 'media');
  const photo = await sharp({ create: { width: 1600, height: 900, channels: 3, background: '#2d6a4f' } }).jpeg({ quality: 80 }).toBuffer();
  const ref = await storeMedia(mediaDir, photo);
  const paragraph = 'Sáng 30/11, UBND tỉnh tổ chức hội nghị trực tuyến với các sở, ngành và địa phương để đánh giá tiến độ giải ngân vốn đầu tư công, chỉ ra những vướng mắc và giao nhiệm vụ cụ thể cho từng đơn vị.';
  let article = '';
  let commented = '';
  for (let i = 1; i <= ITEMS; i += 1) {
    desk.time.advance(600_000);
    const item = await publishThrough(
      desk,
      { title: `Tin số ${i}: Đồng Nai đẩy mạnh giải ngân vốn đầu tư công`, summary: 'Tỉnh đặt mục tiêu giải ngân trên 95% kế hoạch vốn năm 2026.', body: Array(8).fill(paragraph).join('\n\n'), mediaRefs: i % 2 ? [ref] : [] },
      i % 3 === 0 ? 'kinh-te' : 'thoi-su',
    );
    if (i === ITEMS - 1) article = item.code;
    // The same kind of item (every other one carries the photo), one place further down the list.
    if (i === ITEMS - 3) commented = item.code;
  }
  console.log(`Publishing ${COMMENTS} comments under ${commented}…`);
  await seedComments(desk, commented);
  await desk.store.close();
  return { url, mediaDir, article, commented };
}

interface Load {
  rps: number;
  p99: number;
  errors: number;
}

const WRK = ['/usr/bin/wrk', '/usr/local/bin/wrk'].find((p) => existsSync(p)) ?? null;

/** wrk (C, one thread) when installed: it outruns one Node server, so the server is what gets measured. */
function loadWithWrk(wrk: string, url: string, connections: number): Promise<Load> {
  return new Promise((resolve, reject) => {
    const run = spawn(wrk, ['-t1', `-c${connections}`, `-d${SECONDS}s`, '--latency', url]);
    let out = '';
    run.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    run.once('exit', () => {
      const rps = /Requests\/sec:\s+([\d.]+)/.exec(out)?.[1];
      const p99 = /99%\s+([\d.]+)(us|ms|s)/.exec(out);
      const errors = /Non-2xx or 3xx responses: (\d+)/.exec(out)?.[1] ?? '0';
      if (!rps || !p99) return reject(new Error(`unreadable wrk output:\n${out}`));
      const scale = p99[2] === 'us' ? 0.001 : p99[2] === 's' ? 1000 : 1;
      resolve({ rps: Number(rps), p99: Number(p99[1]) * scale, errors: Number(errors) });
    });
  });
}

async function load(url: string, connections: number): Promise<Load> {
  if (WRK) return loadWithWrk(WRK, url, connections);
  const r = await autocannon({ url, connections, duration: SECONDS, pipelining: 1 });
  return { rps: r.requests.average, p99: r.latency.p99, errors: r.errors + r.non2xx + r.timeouts };
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'portal-hub-bench-'));
  const children: ChildProcess[] = [];
  try {
    console.log(`Seeding ${ITEMS} published items…`);
    const data = await seed(dir);
    // The seeded trail is keyed with the test desk's secret: the service must hold the same one to start on it.
    const env = { ...process.env, HUB_SECRET: TEST_HUB_SECRET, DATABASE_URL: data.url, DATA_DIR: dir, MEDIA_DIR: data.mediaDir, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'warn', LOG_FORMAT: 'json', TELEGRAM_BOT_TOKEN: '' };
    const portal = spawn(join(root, 'node_modules/.bin/tsx'), ['src/main.ts'], { cwd: root, env: { ...env, LOG_LEVEL: 'info' } });
    children.push(portal);
    const portalPort = await started(portal, /listening on http:\/\/[^:]+:(\d+)/);
    const portalBase = `http://127.0.0.1:${portalPort}`;
    const paths = { home: '/vi/', article: `/vi/tin/${data.article}` };

    const responses = [];
    for (const path of Object.values(paths)) {
      const r = await fetch(`${portalBase}${path}`);
      if (r.status !== 200) throw new Error(`${path} answered ${r.status}`);
      const headers = Object.fromEntries([...r.headers].filter(([k]) => !['date', 'connection', 'keep-alive', 'content-length', 'transfer-encoding'].includes(k)));
      responses.push({ path, headers, body: Buffer.from(await r.arrayBuffer()).toString('base64') });
    }
    const bytesFile = join(dir, 'responses.json');
    writeFileSync(bytesFile, JSON.stringify(responses));
    const bare = spawn(process.execPath, [join(root, 'bench/bareServer.mjs'), bytesFile]);
    children.push(bare);
    const bareBase = `http://127.0.0.1:${await started(bare, /listening (\d+)/)}`;

    const client = WRK ? 'wrk, one thread' : 'autocannon (install wrk for a client that outruns the server)';
    console.log(`\nThroughput and p99 latency, ${SECONDS} s per run (${client}, keep-alive, no compression):`);
    console.log('page     conns | portal req/s   p99 ms | bare req/s   p99 ms | ratio req/s  p99');
    for (const [name, path] of Object.entries(paths)) {
      for (const connections of [50, 200]) {
        await load(`${portalBase}${path}`, connections).catch(() => null); // warm-up: JIT and page cache
        const ours = await load(`${portalBase}${path}`, connections);
        const ceiling = await load(`${bareBase}${path}`, connections);
        const row = [
          name.padEnd(8),
          String(connections).padStart(5),
          '|',
          ours.rps.toFixed(0).padStart(12),
          ours.p99.toFixed(1).padStart(8),
          '|',
          ceiling.rps.toFixed(0).padStart(10),
          ceiling.p99.toFixed(1).padStart(8),
          '|',
          `${((ours.rps / ceiling.rps) * 100).toFixed(0)}%`.padStart(11),
          `${(ours.p99 / ceiling.p99).toFixed(1)}×`.padStart(5),
          ours.errors + ceiling.errors ? ` (errors: portal ${ours.errors}, bare ${ceiling.errors})` : '',
        ];
        console.log(row.join(' '));
      }
    }

    console.log(`\nArticle page with ${COMMENTS} published comments against one with none (same run; target ≤ 1.5×):`);
    const pair = [`/vi/tin/${data.article}`, `/vi/tin/${data.commented}`];
    const fromMemory = [];
    for (const path of pair) {
      await load(`${portalBase}${path}`, 50).catch(() => null);
      fromMemory.push(await load(`${portalBase}${path}`, 50));
    }
    const drawn = await drawTimes(data.url, data.mediaDir, pair);
    const [m0, m500] = fromMemory as [Load, Load];
    const [d0, d500] = drawn as [number, number];
    console.log(`from memory, 50 conns: none ${m0.rps.toFixed(0)} req/s, ${COMMENTS}: ${m500.rps.toFixed(0)} req/s (${(m0.rps / m500.rps).toFixed(2)}× the time); p99 ${m0.p99.toFixed(1)} vs ${m500.p99.toFixed(1)} ms (${(m500.p99 / m0.p99).toFixed(2)}×)`);
    console.log(`drawn afresh:          none ${d0.toFixed(2)} ms, ${COMMENTS}: ${d500.toFixed(2)} ms per page (${(d500 / d0).toFixed(2)}×)`);
    console.log('\nPage speed in headless Chromium (Lighthouse 12, default mobile profile: simulated Slow 4G, 4× CPU):');
    const runs = await lighthouseRuns(Object.entries(paths).map(([name, path]) => ({ name, url: `${portalBase}${path}` })));
    for (const r of runs) console.log(`${r.name.padEnd(8)} FCP ${(r.fcpMs / 1000).toFixed(2)} s   LCP ${(r.lcpMs / 1000).toFixed(2)} s   performance score ${Math.round(r.score * 100)}   page ${(r.bytes / 1024).toFixed(0)} KiB`);
    await outboxBench();
    console.log(`\nMachine: ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}`);
  } finally {
    for (const c of children) c.kill('SIGTERM');
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
