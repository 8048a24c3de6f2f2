// Whether dist/ was built from the sources as they are now: scripts/build.mjs records what it read and
// when each file was last changed. Plain JavaScript, so bin/portal-hub.mjs can ask before any loader.
import { createHash } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** SHA-256 of a file's bytes, hex. */
export function contentHash(path) {
  return createHash('sha256').update(readFileSync(path)).digest('hex');
}

/**
 * True when dist/build.json exists and no source it lists changed or disappeared since. A file whose time
 * moved but whose bytes did not (npm install regenerating the Prisma client, a checkout) is unchanged.
 */
export function buildIsFresh(root) {
  let recorded;
  try {
    recorded = JSON.parse(readFileSync(join(root, 'dist', 'build.json'), 'utf8')).sources;
  } catch {
    return false;
  }
  if (!recorded || typeof recorded !== 'object') return false;
  for (const [file, seen] of Object.entries(recorded)) {
    // A build.json of an earlier release holds the time alone.
    const [changedAt, hash] = Array.isArray(seen) ? seen : [seen, null];
    try {
      const path = join(root, file);
      if (statSync(path).mtimeMs === changedAt) continue;
      if (hash === null || contentHash(path) !== hash) return false;
    } catch {
      return false;
    }
  }
  return true;
}
