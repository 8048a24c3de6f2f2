import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';

/**
 * Debian's Chromium (stack.md: `npx playwright install` cannot work here). Where it is missing the
 * browser suites say so and skip; REQUIRE_BROWSER=1 (set by CI) turns that into a failure.
 */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const present = existsSync(CHROMIUM);
if (!present && process.env.REQUIRE_BROWSER === '1') throw new Error(`REQUIRE_BROWSER=1 but no Chromium at ${CHROMIUM} (apt-get install chromium)`);
if (!present) console.warn(`Browser suites are SKIPPED: no Chromium at ${CHROMIUM} (apt-get install chromium)`);
export const NO_BROWSER = !present;

/** Without the background-networking flags Chromium tries Google's hosts, which this network refuses. */
export const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-quic'];

/** Playwright gives each launch a fresh, temporary profile. */
export const launchChromium = (): Promise<Browser> => chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
