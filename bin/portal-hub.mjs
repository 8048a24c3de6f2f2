#!/usr/bin/env node
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
