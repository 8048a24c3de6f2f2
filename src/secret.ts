import { randomBytes } from 'node:crypto';
import { accessSync, chmodSync, constants, existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { userInfo } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { providerOf, sqlitePath } from './store/url.js';
import { bilingual } from './core/messages.js';

/** As HUB_SECRET from the environment must be (src/config.ts). */
const MIN_SECRET_LENGTH = 32;

/** A key file the service will not start with; the message says what to do, in both languages. */
export class HubSecretRefused extends Error {}

/**
 * HUB_SECRET signs callback data and derives the key that encrypts tokens at rest. When the
 * environment gives none, one is generated once into the data folder (owner-only) and reused. A
 * stored one that others can read, or that is empty or short (a truncated restore, an editor's
 * accident), is refused: everything derived from it would protect nothing.
 */
export function ensureHubSecret(dataDir: string, fromEnv: string | null): { secret: string; source: 'environment' | 'file' | 'generated' } {
  const misplaced = dataDirRefusal(dataDir);
  if (misplaced) throw new HubSecretRefused(misplaced);
  // A data folder made by hand (or by an older release) open to others is closed: it holds the key, the database and the checkpoints.
  // Only a folder that is ours: another program's folder is never changed (a new key is refused there below).
  if (existsSync(dataDir) && foreignFolder(dataDir) === null && (statSync(dataDir).mode & 0o077) !== 0) chmodSync(dataDir, 0o700);
  if (fromEnv) return { secret: fromEnv, source: 'environment' };
  const file = join(dataDir, 'hub-secret');
  if (existsSync(file)) {
    const mode = statSync(file).mode & 0o777;
    if ((mode & 0o077) !== 0) throw new HubSecretRefused(bilingual('secret_file_open', { file, mode: mode.toString(8).padStart(3, '0') }));
    const secret = readFileSync(file, 'utf8').trim();
    if (secret.length < MIN_SECRET_LENGTH) throw new HubSecretRefused(bilingual('secret_file_short', { file, length: String(secret.length) }));
    return { secret, source: 'file' };
  }
  // Checkpoints beside a missing key mean a key existed: a new one would open nothing (the database is checked too, once open).
  if (existsSync(join(dataDir, 'audit-checkpoints'))) throw new HubSecretRefused(bilingual('secret_missing_with_data', { file, what: join(dataDir, 'audit-checkpoints') }));
  const foreign = foreignFolder(dataDir);
  if (foreign) throw new HubSecretRefused(foreign);
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const secret = randomBytes(32).toString('hex');
  writeFileSync(file, secret + '\n', { mode: 0o600, flag: 'wx' });
  chmodSync(file, 0o600);
  return { secret, source: 'generated' };
}

/** What portal-hub keeps in its data folder; a folder holding none of these and something else is not ours. */
const OURS = new Set(['portal-hub.db', 'portal-hub.db-wal', 'portal-hub.db-shm', 'portal-hub.db-journal', 'hub-secret', 'audit-checkpoints', 'media', 'lost+found']);

/**
 * A folder used for the first time must be empty (or ours): `--data /tmp` or DATA_DIR=/var/lib would
 * otherwise get the key and database among other programs' files, and its mode closed to 700.
 */
export function foreignFolder(dataDir: string): string | null {
  if (!existsSync(dataDir)) return null;
  const entries = readdirSync(dataDir);
  // A database named by DATABASE_URL beside the key (hub.db) counts as ours: migrations made it just before.
  if (entries.some((name) => OURS.has(name) || /\.db(-wal|-shm|-journal)?$/.test(name))) return null;
  const others = entries.filter((name) => !name.startsWith('.'));
  return others.length === 0 ? null : bilingual('data_dir_foreign', { dir: dataDir, files: others.slice(0, 5).join(', ') });
}

const errorCode = (error: unknown) => (error as NodeJS.ErrnoException).code;

function whoRuns(): string {
  try {
    return userInfo().username;
  } catch {
    return `uid ${process.getuid?.() ?? '?'}`;
  }
}

/**
 * What is wrong with the data folder before anything is opened or made under it: a file where the folder
 * should be (a typo in DATA_DIR or --data), or a folder this account may not use (the service's own
 * folder, 700, read by someone who forgot `sudo -u portal-hub`). Null when it is fine or not made yet.
 */
export function dataDirRefusal(dataDir: string): string | null {
  const denied = () => bilingual('data_dir_denied', { dir: dataDir, user: whoRuns() });
  try {
    if (!statSync(dataDir).isDirectory()) return bilingual('data_dir_not_folder', { dir: dataDir });
    accessSync(dataDir, constants.R_OK | constants.W_OK | constants.X_OK);
    return null;
  } catch (error) {
    if (errorCode(error) === 'ENOENT') return null;
    if (errorCode(error) === 'EACCES' || errorCode(error) === 'EPERM') return denied();
    throw error;
  }
}

/**
 * Before a new SQLite database is made in the data folder: the folder must be empty or ours. Checked
 * before migrations run, which would create the file; a database elsewhere (DATABASE_URL) is not checked here.
 */
export function newDatabaseRefusal(dataDir: string, databaseUrl: string): string | null {
  if (providerOf(databaseUrl) !== 'sqlite') return null;
  const file = sqlitePath(databaseUrl);
  if (file === ':memory:' || existsSync(file) || resolve(dirname(file)) !== resolve(dataDir)) return null;
  return foreignFolder(dataDir);
}
