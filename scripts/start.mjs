#!/usr/bin/env node
// `npm start`: the compiled service in this very process, rebuilt first only when a source changed since
// the last build. One process instead of a separate `prestart` one: npm's own start-up is cost enough.
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { buildIsFresh } from './buildState.mjs';

const root = dirname(dirname(fileURLToPath(import.meta.url)));
// The compiler is loaded only when there is something to compile.
if (!buildIsFresh(root)) await import('./build.mjs');
await import(pathToFileURL(join(root, 'dist', 'service.js')).href);
