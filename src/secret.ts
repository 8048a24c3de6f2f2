import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
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
  if (existsSync(dataDir) && (statSync(dataDir).mode & 0o077) !== 0) chmodSync(dataDir, 0o700);
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
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const secret = randomBytes(32).toString('hex');
  writeFileSync(file, secret + '\n', { mode: 0o600, flag: 'wx' });
  chmodSync(file, 0o600);
  return { secret, source: 'generated' };
}

/** The data folder named is a file (a typo in DATA_DIR or --data): said before anything is opened or made under it. */
export function dataDirRefusal(dataDir: string): string | null {
  return existsSync(dataDir) && !statSync(dataDir).isDirectory() ? bilingual('data_dir_not_folder', { dir: dataDir }) : null;
}
