// Whether dist/ was built from the sources as they are now: scripts/build.mjs records what it read and
// when each file was last changed. Plain JavaScript, so bin/portal-hub.mjs can ask before any loader.
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** True when dist/build.json exists and no source it lists changed or disappeared since. */
export function buildIsFresh(root) {
  let recorded;
  try {
    recorded = JSON.parse(readFileSync(join(root, 'dist', 'build.json'), 'utf8')).sources;
  } catch {
    return false;
  }
  if (!recorded || typeof recorded !== 'object') return false;
  for (const [file, changedAt] of Object.entries(recorded)) {
    try {
      if (statSync(join(root, file)).mtimeMs !== changedAt) return false;
    } catch {
      return false;
    }
  }
  return true;
}
