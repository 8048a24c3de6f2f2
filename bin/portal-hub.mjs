#!/usr/bin/env -S node --max-semi-space-size=4 --v8-pool-size=1
// Run with the service's V8 settings (as `npm start`): 4 MB young-generation semi-spaces and one V8 worker thread keep a
// yearly report over a million items ~25 MB further under its 300 MB (docs/benchmarks.md, "Reports").
// The CLI: the compiled one in dist/ when it was built from the sources as they are (`npm run build`),
// otherwise the TypeScript sources through tsx, so a checkout works before any build and never runs a stale one.
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildIsFresh } from '../scripts/buildState.mjs';

const root = dirname(dirname(fileURLToPath(import.meta.url)));
if (buildIsFresh(root)) {
  await import('../dist/cli.js');
} else {
  const { register } = await import('tsx/esm/api');
  register();
  await import('../src/cli/main.ts');
}
