/**
 * npm run bench: the default benches one after another, as before; `npm run bench -- --growth`
 * runs the growth bench (growth.ts) instead, `npm run bench -- --zalo-pacing` the Zalo send pacing
 * under a burst (zaloPacing.ts), `npm run bench -- --startup` start-up time and idle memory of each way
 * to start the service (startup.ts), `npm run bench -- --ads` ads against the same pages without them (ads.ts),
 * `npm run bench -- --royalty` a month's royalty sheet over a large archive against a small one (royaltySheets.ts),
 * `npm run bench -- --views` kept pages with page views counted against the same pages without (pageViews.ts),
 * `npm run bench -- --reports` the yearly report over a million-item archive on both databases (reports.ts).
 * Each runs as its own process, as it always did.
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const growth = process.argv.includes('--growth');
const zaloPacing = process.argv.includes('--zalo-pacing');
const startup = process.argv.includes('--startup');
const ads = process.argv.includes('--ads');
const royalty = process.argv.includes('--royalty');
const views = process.argv.includes('--views');
const reports = process.argv.includes('--reports');
const unknown = process.argv.slice(2).filter((a) => a !== '--growth' && a !== '--zalo-pacing' && a !== '--startup' && a !== '--ads' && a !== '--royalty' && a !== '--views' && a !== '--reports');
if (unknown.length > 0) {
  console.error(`npm run bench: không có tùy chọn ${unknown.join(' ')} / no option ${unknown.join(' ')} (only --growth, --zalo-pacing, --startup, --ads, --royalty, --views, --reports)`);
  process.exit(2);
}
const scripts = growth ? ['bench/growth.ts'] : zaloPacing ? ['bench/zaloPacing.ts'] : startup ? ['bench/startup.ts'] : ads ? ['bench/ads.ts'] : royalty ? ['bench/royaltySheets.ts'] : views ? ['bench/pageViews.ts'] : reports ? ['bench/reports.ts'] : ['bench/portal.ts', 'bench/ads.ts', 'bench/pageViews.ts', 'bench/interactions.ts', 'bench/tickets.ts', 'bench/ticketsPortal.ts'];
for (const script of scripts) {
  const run = spawnSync(join(root, 'node_modules/.bin/tsx'), [script], { cwd: root, stdio: 'inherit' });
  if (run.status !== 0) process.exit(run.status ?? 1);
}
