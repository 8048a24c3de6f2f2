import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Command } from 'commander';
import { configOrExit, placeConfig } from '../config.js';
import { bilingual } from '../core/messages.js';
import { databaseState } from '../store/databaseState.js';
import { providerOf, redactUrl, sqlitePath } from '../store/url.js';

/** The project this CLI belongs to: the nearest folder above this file that holds package.json (from src/ or a build). */
function projectRoot(): string {
  for (let dir = dirname(fileURLToPath(import.meta.url)); ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'package.json'))) return dir;
    if (dirname(dir) === dir) return process.cwd();
  }
}

export const PROJECT_ROOT = projectRoot();

/** Commands that may make a new database: the first site, a sample province, or the schema asked for by name. */
const CREATING = new Set(['init', 'demo', 'migrate']);
/** Commands that never open the database. */
const WITHOUT_DATABASE = new Set(['health']);

/**
 * Where the CLI's defaults resolve: the project's `data/` wherever the command is typed (a sub-folder
 * once opened a new empty database there), or the folder `--data` names.
 */
export function placeCli(dataOption: string | undefined): void {
  // `--data ""` (an unset shell variable) once fell back to the project's folder without a word.
  if (dataOption !== undefined && dataOption.trim() === '') {
    console.error(bilingual('cli_data_empty'));
    process.exit(1);
  }
  placeConfig({ root: PROJECT_ROOT, ...(dataOption ? { dataDir: resolve(dataOption) } : {}) });
}

const shown = (url: string) => (providerOf(url) === 'sqlite' ? sqlitePath(url) : redactUrl(url));

/** The command as typed after `portal-hub`, its first word: `site` for `site add`. */
function topLevel(action: Command): string {
  let c = action;
  while (c.parent?.parent) c = c.parent;
  return c.name();
}

/** Says which database the command works on, and stops one that would make a new database by mistake. */
export async function checkDatabase(action: Command): Promise<void> {
  const command = topLevel(action);
  if (WITHOUT_DATABASE.has(command)) return;
  const url = configOrExit().databaseUrl;
  console.error(bilingual('cli_database_used', { where: shown(url) }));
  if (CREATING.has(command) || (await databaseState(url)) === 'ready') return;
  const data = (action.optsWithGlobals() as { data?: string }).data;
  console.error(bilingual('cli_database_missing', { where: shown(url), root: PROJECT_ROOT, init: `node ${join(PROJECT_ROOT, 'bin', 'portal-hub.mjs')}${data ? ` --data ${resolve(data)}` : ''} init` }));
  process.exit(1);
}
