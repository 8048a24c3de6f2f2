import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * HUB_SECRET signs callback data and derives the key that encrypts tokens at rest. When the
 * environment gives none, one is generated once into the data folder (owner-only) and reused.
 */
export function ensureHubSecret(dataDir: string, fromEnv: string | null): { secret: string; source: 'environment' | 'file' | 'generated' } {
  if (fromEnv) return { secret: fromEnv, source: 'environment' };
  const file = join(dataDir, 'hub-secret');
  if (existsSync(file)) return { secret: readFileSync(file, 'utf8').trim(), source: 'file' };
  mkdirSync(dataDir, { recursive: true });
  const secret = randomBytes(32).toString('hex');
  writeFileSync(file, secret + '\n', { mode: 0o600, flag: 'wx' });
  chmodSync(file, 0o600);
  return { secret, source: 'generated' };
}
