import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import lighthouse from 'lighthouse';

const CHROMIUM = process.env.CHROME_PATH ?? '/usr/bin/chromium';

export interface PageSpeed {
  name: string;
  fcpMs: number;
  lcpMs: number;
  score: number;
  bytes: number;
}

/** Debian's Chromium with a DevTools port, driven by Lighthouse with its defaults (mobile, simulated throttling). */
export async function lighthouseRuns(pages: { name: string; url: string }[]): Promise<PageSpeed[]> {
  const profile = mkdtempSync(join(tmpdir(), 'portal-hub-lh-'));
  const chrome = spawn(CHROMIUM, [
    '--headless',
    '--no-sandbox',
    '--disable-gpu',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--disable-quic',
    '--remote-debugging-port=0',
    `--user-data-dir=${profile}`,
    'about:blank',
  ]);
  try {
    const port = await new Promise<number>((resolve, reject) => {
      let seen = '';
      chrome.stderr.on('data', (chunk: Buffer) => {
        seen += chunk.toString();
        const m = /DevTools listening on ws:\/\/[^:]+:(\d+)\//.exec(seen);
        if (m) resolve(Number(m[1]));
      });
      chrome.once('exit', (code) => reject(new Error(`Chromium exited (${code}): ${seen}`)));
    });
    const results: PageSpeed[] = [];
    for (const page of pages) {
      const run = await lighthouse(page.url, { port, output: 'json', logLevel: 'error', onlyCategories: ['performance'] });
      const lhr = run?.lhr;
      if (!lhr) throw new Error(`Lighthouse gave no result for ${page.url}`);
      results.push({
        name: page.name,
        fcpMs: lhr.audits['first-contentful-paint']?.numericValue ?? Number.NaN,
        lcpMs: lhr.audits['largest-contentful-paint']?.numericValue ?? Number.NaN,
        score: lhr.categories.performance?.score ?? 0,
        bytes: lhr.audits['total-byte-weight']?.numericValue ?? 0,
      });
    }
    return results;
  } finally {
    const exited = new Promise((resolve) => chrome.once('exit', resolve));
    chrome.kill('SIGKILL');
    await exited;
    rmSync(profile, { recursive: true, force: true, maxRetries: 5 });
  }
}
