#!/usr/bin/env node
// Compiles the service and the CLI to plain JavaScript in dist/ (esbuild, the compiler tsx itself uses):
// production runs `node dist/service.js` with no TypeScript loader in the process. Type checking stays
// with `npm run typecheck`; this only strips types and joins our modules, packages stay in node_modules.
import { mkdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build, stop } from 'esbuild';
import { buildIsFresh, contentHash } from './buildState.mjs';

const root = dirname(dirname(fileURLToPath(import.meta.url)));
const out = join(root, 'dist');
// `npm start` asks for a build only when a source changed since the last one (a start stays quick).
if (process.argv.includes('--if-stale') && buildIsFresh(root)) process.exit(0);
rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });

const result = await build({
  absWorkingDir: root,
  entryPoints: { service: 'src/main.ts', cli: 'src/cli/main.ts' },
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  packages: 'external',
  outdir: out,
  // Dynamic imports stay lazy (office exports, chat adapters not configured): their packages load when used.
  splitting: true,
  chunkNames: 'chunks/[name]-[hash]',
  sourcemap: 'linked',
  metafile: true,
  logLevel: 'warning',
});

// esbuild keeps its compiler running as a child process for more builds: none follow, and when `npm start`
// built in the service's own process (scripts/start.mjs) that child would otherwise live as long as the service.
await stop();

// What the build read, with when each was last changed and its content's hash: bin/portal-hub.mjs runs the
// compiled CLI only while none of them changed since, and falls back to the sources otherwise (never a stale build).
const inputs = Object.keys(result.metafile.inputs).filter((file) => !file.startsWith('node_modules/'));
const sources = Object.fromEntries(inputs.map((file) => [file, [statSync(join(root, file)).mtimeMs, contentHash(join(root, file))]]));
writeFileSync(join(out, 'build.json'), `${JSON.stringify({ builtAt: new Date().toISOString(), sources }, null, 1)}\n`);
console.log(`dist/: service.js and cli.js from ${inputs.length} source files (${relative(process.cwd(), out) || '.'})`);
