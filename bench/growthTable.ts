/** The growth bench's table: each size's figure, its ratio to the smallest size, and the target. */

export interface Figures {
  size: number;
  fillSeconds: number;
  home: number;
  section: number;
  article: number;
  api: number;
  feed: number;
  sitemap: number;
  sitemapChild: number;
  searchP99: number;
  searchMedian: number;
  calmRps: number;
  churnRps: number;
  churnTimeouts: number;
  churnErrors: number;
  changes: number;
  failedChanges: number;
  cachedCalmP99: number;
  cachedSearchP99: number;
  searchesDone: number;
  rssMb: number;
  /** A fresh process after its cold reads, left alone for 10 s: what an idle portal holds. */
  idleRssMb: number;
}

interface Row {
  label: string;
  value: (f: Figures) => number;
  digits: number;
  /** Against the smallest size (cold reads), or against another figure of the same size. */
  ratio?: 'first' | ((f: Figures) => number);
  target: string;
  pass?: (f: Figures, first: Figures) => boolean;
}

const cold = (label: string, key: 'home' | 'section' | 'article' | 'api' | 'feed'): Row => ({
  label: `${label}, cold (ms)`, value: (f) => f[key], digits: 0, ratio: 'first', target: '≤ 1.5× the first size', pass: (f, first) => f[key] <= 1.5 * first[key],
});

const ROWS: Row[] = [
  { label: 'fill through demo (s)', value: (f) => f.fillSeconds, digits: 1, target: 'minutes at 1M' },
  cold('home', 'home'),
  cold('section', 'section'),
  cold('article', 'article'),
  cold('API list ?limit=20', 'api'),
  cold('RSS feed', 'feed'),
  { label: 'sitemap.xml (ms)', value: (f) => f.sitemap, digits: 0, ratio: 'first', target: '≤ 500 ms', pass: (f) => f.sitemap <= 500 },
  { label: 'sitemap child (ms)', value: (f) => f.sitemapChild, digits: 0, target: '≤ 500 ms', pass: (f) => f.sitemapChild <= 500 },
  { label: 'search, 100 queries p99 (ms)', value: (f) => f.searchP99, digits: 0, ratio: 'first', target: '≤ 100 ms', pass: (f) => f.searchP99 <= 100 },
  { label: 'search median (ms)', value: (f) => f.searchMedian, digits: 0, ratio: 'first', target: '' },
  { label: 'home req/s, calm, 50 conns', value: (f) => f.calmRps, digits: 0, ratio: 'first', target: '' },
  { label: 'home req/s, 1 change/s', value: (f) => f.churnRps, digits: 0, ratio: (f) => f.calmRps, target: '≥ 0.5× calm (ratio: to calm)', pass: (f) => f.churnRps >= 0.5 * f.calmRps },
  { label: '  time-outs (> 10 s) / errors', value: (f) => f.churnTimeouts, digits: 0, target: '0 time-outs', pass: (f) => f.churnTimeouts === 0 && f.churnErrors === 0 },
  { label: '  changes landed / failed', value: (f) => f.changes, digits: 0, target: '' },
  { label: 'home p99, calm, 10 conns (ms)', value: (f) => f.cachedCalmP99, digits: 1, ratio: 'first', target: '' },
  { label: 'home p99, 20 searching (ms)', value: (f) => f.cachedSearchP99, digits: 1, ratio: (f) => f.cachedCalmP99, target: '≤ 2× calm (ratio: to calm)', pass: (f) => Number.isFinite(f.cachedSearchP99) && f.cachedSearchP99 <= 2 * f.cachedCalmP99 },
  { label: '  searches answered a round (5 s)', value: (f) => f.searchesDone, digits: 0, target: '' },
  { label: 'idle RSS, started and warmed (MB)', value: (f) => f.idleRssMb, digits: 0, ratio: 'first', target: '≤ 200 MB', pass: (f) => f.idleRssMb <= 200 },
  { label: 'RSS after the load runs (MB)', value: (f) => f.rssMb, digits: 0, ratio: 'first', target: '' },
];

const EXTRA: Partial<Record<string, (f: Figures) => string>> = {
  '  time-outs (> 10 s) / errors': (f) => `${f.churnTimeouts}/${f.churnErrors}`,
  '  changes landed / failed': (f) => `${f.changes}/${f.failedChanges}`,
  // The sitemap is still one file: there is no child to fetch.
  'sitemap child (ms)': (f) => (Number.isNaN(f.sitemapChild) ? 'no index' : f.sitemapChild.toFixed(0)),
};

export function printTable(name: string, figures: readonly Figures[]): void {
  const first = figures[0];
  if (!first) return;
  const cell = 22;
  console.log(`\n${name} — figures, ratio in brackets, ✓/✗ against the issue's target`);
  console.log(['measure'.padEnd(32), ...figures.map((f) => `${f.size.toLocaleString('en')} items`.padStart(cell)), '  target'].join(''));
  for (const row of ROWS) {
    const cells = figures.map((f) => {
      const shown = EXTRA[row.label]?.(f) ?? row.value(f).toFixed(row.digits);
      const against = row.ratio === 'first' ? (f === first ? null : row.value(first)) : row.ratio ? row.ratio(f) : null;
      const ratio = against === null || !Number.isFinite(row.value(f) / against) ? '' : ` (${(row.value(f) / against).toFixed(2)}×)`;
      const mark = row.pass && !Number.isNaN(row.value(f)) ? (row.pass(f, first) ? ' ✓' : ' ✗') : '';
      return `${shown}${ratio}${mark}`.padStart(cell);
    });
    console.log([row.label.padEnd(32), ...cells, `  ${row.target}`].join(''));
  }
}
