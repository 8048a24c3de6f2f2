/**
 * One schema source, two providers. Prisma fixes the provider per schema file, so this script
 * derives the SQLite and PostgreSQL variants from prisma/schema.prisma and drives the Prisma
 * CLI for both, without the native engines it would otherwise download:
 *
 *   generate          write both variants and generate both clients (runs on npm install)
 *   migration NAME    add a migration to both sets, diffing the last committed schema against the current one
 *   check             fail when the two migration sets differ in their steps
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export const PROVIDERS = ['sqlite', 'postgresql'] as const;
export type Provider = (typeof PROVIDERS)[number];

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const source = join(root, 'prisma', 'schema.prisma');
const variantsDir = join(root, 'prisma', 'variants');
export const migrationsDir = (provider: Provider) => join(root, 'prisma', 'migrations', provider);

/** Stops the CLI from fetching native engines: the client and migrations here need none. */
const prismaEnv = {
  ...process.env,
  PRISMA_SCHEMA_ENGINE_BINARY: '/bin/true',
  PRISMA_QUERY_ENGINE_LIBRARY: '/bin/true',
  PRISMA_HIDE_UPDATE_MESSAGE: '1',
  CHECKPOINT_DISABLE: '1',
};

export function variant(schema: string, provider: Provider): string {
  const url = provider === 'sqlite' ? 'file:unused.db' : 'postgresql://unused';
  const withProvider = schema
    .replace(/provider\s*=\s*"sqlite"/, `provider = "${provider}"`)
    .replace('"file:unused.db"', `"${url}"`);
  return withProvider.replace('"../src/store/generated/sqlite"', `"../../../src/store/generated/${provider}"`);
}

function writeVariant(schema: string, provider: Provider, dir = join(variantsDir, provider)): string {
  mkdirSync(dir, { recursive: true });
  const file = join(dir, 'schema.prisma');
  writeFileSync(file, variant(schema, provider));
  return file;
}

export function prisma(args: string[]): string {
  const cli = join(root, 'node_modules', 'prisma', 'build', 'index.js');
  return execFileSync(process.execPath, [cli, ...args], { cwd: root, env: prismaEnv, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
}

function generate(): void {
  const schema = readFileSync(source, 'utf8');
  for (const provider of PROVIDERS) {
    prisma(['generate', '--schema', writeVariant(schema, provider)]);
  }
  console.log('prisma: clients generated for', PROVIDERS.join(' and '));
}

function lastCommittedSchema(): string | null {
  try {
    return execFileSync('git', ['show', 'HEAD:prisma/schema.prisma'], { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
  } catch {
    return null;
  }
}

function addMigration(name: string): void {
  if (!/^[a-z0-9_]+$/.test(name)) throw new Error('migration name: lower-case letters, digits and _ only');
  const current = readFileSync(source, 'utf8');
  const previous = PROVIDERS.every((p) => readdirSafe(migrationsDir(p)).length === 0) ? null : lastCommittedSchema();
  const stamp = new Date().toISOString().replace(/\D/g, '').slice(0, 14);
  const tmp = join(variantsDir, 'diff');
  for (const provider of PROVIDERS) {
    const to = writeVariant(current, provider, join(tmp, 'to', provider));
    const from = previous === null ? ['--from-empty'] : ['--from-schema-datamodel', writeVariant(previous, provider, join(tmp, 'from', provider))];
    const sql = prisma(['migrate', 'diff', ...from, '--to-schema-datamodel', to, '--script']);
    const dir = join(migrationsDir(provider), `${stamp}_${name}`);
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'migration.sql'), sql);
    console.log('wrote', dir);
  }
  rmSync(tmp, { recursive: true, force: true });
}

function readdirSafe(dir: string): string[] {
  return existsSync(dir) ? readdirSync(dir).filter((d) => /^\d{14}_/.test(d)).sort() : [];
}

function check(): void {
  const [a, b] = PROVIDERS.map((p) => readdirSafe(migrationsDir(p)).join('\n'));
  if (a !== b) {
    console.error('migration sets differ:\n--- sqlite\n' + a + '\n--- postgresql\n' + b);
    process.exit(1);
  }
  console.log('migration sets in step:', readdirSafe(migrationsDir('sqlite')).length, 'steps');
}

function main(): void {
  const [command, arg] = process.argv.slice(2);
  if (command === 'generate') generate();
  else if (command === 'migration' && arg) addMigration(arg);
  else if (command === 'check') check();
  else {
    console.error('usage: tsx scripts/prisma.ts generate | migration NAME | check');
    process.exit(2);
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) main();
