import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dayFromToday, sampleWithBanner, writeBanner } from '../helpers/ads.js';
import { launchChromium, NO_BROWSER } from '../helpers/browser.js';
import { runCli } from '../helpers/cli.js';
import { freePort, startService, waitForHealth, type Running } from '../helpers/service.js';

/**
 * Issue 19.9 in real Chromium against the running service: the zones fill after the page loads, each ad
 * labelled; the close control removes it at the first press, without delay and without a script error;
 * a view is sent once the ad has been half visible for a second, and counted; no cookie is set.
 */
describe.skipIf(NO_BROWSER)('ads in Chromium', () => {
  const cwd = mkdtempSync(join(tmpdir(), 'portal-hub-ads-browser-'));
  const env = { DATA_DIR: join(cwd, 'data'), TIMEZONE: 'Asia/Ho_Chi_Minh' };
  const cli = async (...args: string[]) => {
    const run = await runCli(args, env);
    if (run.code !== 0) throw new Error(`portal-hub ${args.join(' ')} failed: ${run.stderr}`);
    return run.stdout;
  };
  let service: Running;
  let base = '';
  let browser: Browser;
  let header = '';

  beforeAll(async () => {
    const contract = await sampleWithBanner(cli, 30);
    const day = dayFromToday;
    const picture = join(cwd, 'ad.png');
    await writeBanner(picture, 728, 90);
    header = (JSON.parse(await cli('ad', 'place', '--contract', contract, '--zone', 'header', '--image', picture, '--alt', 'Lễ hội trái cây Long Khánh', '--url', 'https://example.vn/', '--from', day(0), '--to', day(5), '--json')) as { code: string }).code;
    await cli('ad', 'place', '--contract', contract, '--zone', 'sidebar', '--image', picture, '--alt', 'Quảng cáo cố định', '--url', 'https://example.vn/', '--from', day(0), '--to', day(5), '--fixed');
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    service = startService(cwd, port, env);
    await waitForHealth(port, 120_000);
    browser = await launchChromium();
  }, 400_000);
  afterAll(async () => {
    await browser?.close();
    service?.child.kill('SIGTERM');
    await service?.exited;
    rmSync(cwd, { recursive: true, force: true });
  }, 60_000);

  it('labelled, closed at the first press with no script error, its view counted, no cookie', { timeout: 180_000 }, async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    const problems: string[] = [];
    page.on('pageerror', (e) => problems.push(e.message));
    page.on('console', (m) => {
      if (m.type() === 'error') problems.push(m.text());
    });
    const beacons: string[] = [];
    page.on('request', (r) => {
      if (r.url().includes('/ads/v?')) beacons.push(r.method());
    });
    await page.goto(`${base}/vi/`);
    const ad = page.locator('.ad-zone[data-zone="header"] .ad');
    await ad.waitFor({ state: 'visible', timeout: 10_000 });
    expect(await ad.locator('.ad-label').textContent()).toBe('Quảng cáo');
    expect(await ad.locator('img').getAttribute('alt')).toBe('Lễ hội trái cây Long Khánh');
    expect(await ad.locator('.ad-report').textContent()).toBe('Báo quảng cáo vi phạm');
    // The fixed ad has no close control; the other one has, named for screen readers.
    expect(await page.locator('.ad-zone[data-zone="sidebar"] .ad-close').count()).toBe(0);
    expect(await ad.locator('.ad-close').getAttribute('aria-label')).toBe('Đóng quảng cáo');
    mkdirSync('test-output/screenshots', { recursive: true });
    await page.screenshot({ path: 'test-output/screenshots/ads-home.png' });
    // Half visible for a second: one view sent.
    await sleep(1_600);
    expect(beacons).toEqual(['POST']);
    // One press, and it is gone at once: no timer, no animation to wait for.
    await ad.locator('.ad-close').click();
    expect(await page.locator('.ad-zone[data-zone="header"] .ad').count()).toBe(0);
    expect(await page.locator('.ad-zone[data-zone="header"]').isVisible()).toBe(false);
    expect(problems).toEqual([]);
    expect(await context.cookies()).toEqual([]);
    await context.close();
    await sleep(11_000);
    const report = JSON.parse(await cli('ad', 'report', header, '--json')) as { impressions: number; views: number; clicks: number };
    expect(report).toMatchObject({ impressions: 1, views: 1, clicks: 0 });
  });
});
