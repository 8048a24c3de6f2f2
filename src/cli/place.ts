import { join, resolve } from 'node:path';
import type { Command } from 'commander';
import { configOrExit, placeConfig } from '../config.js';
import { bilingual } from '../core/messages.js';
import { dataDirRefusal, newDatabaseRefusal } from '../secret.js';
import { databaseState } from '../store/databaseState.js';
import { absentDatabase } from '../store/errors.js';
import { providerOf, redactUrl, sqlitePath } from '../store/url.js';

import { PROJECT_ROOT } from '../projectRoot.js';

export { PROJECT_ROOT };

/** Commands that may make a new database: the first site, a sample province, the schema asked for by name, a restore. */
const CREATING = new Set(['init', 'demo', 'migrate', 'restore']);
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

export const shown = (url: string) => (providerOf(url) === 'sqlite' ? sqlitePath(url) : redactUrl(url));

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
  const config = configOrExit();
  const url = config.databaseUrl;
  console.error(bilingual('cli_database_used', { where: shown(url) }));
  const misplaced = dataDirRefusal(config.dataDir) ?? newDatabaseRefusal(config.dataDir, url);
  if (misplaced) {
    console.error(misplaced);
    process.exit(1);
  }
  const state = await databaseState(url);
  // Another program's database: nothing is written into it, not even by init.
  if (state === 'foreign') {
    console.error(bilingual('database_foreign', { where: shown(url), names: '…' }));
    process.exit(1);
  }
  if (CREATING.has(command) || state === 'ready') return;
  // A PostgreSQL server without the database: `init` cannot make it either, `createdb` does.
  if (state === 'absent' && providerOf(url) === 'postgresql') {
    const absent = absentDatabase(url, shown(url));
    console.error(bilingual(absent.key, absent.detail));
    process.exit(1);
  }
  const data = (action.optsWithGlobals() as { data?: string }).data;
  console.error(bilingual('cli_database_missing', { where: shown(url), root: PROJECT_ROOT, init: `node ${join(PROJECT_ROOT, 'bin', 'portal-hub.mjs')}${data ? ` --data ${resolve(data)}` : ''} init` }));
  process.exit(1);
}
