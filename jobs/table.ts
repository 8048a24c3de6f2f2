import { publishDue } from '../src/app/items.js';
import type { Deps } from '../src/app/deps.js';
import type { Job } from './schedule.js';

/** The one schedule table: everything portal-hub does on a clock. */
export function scheduleTable(deps: Deps): Job[] {
  return [
    // Scheduled items go public within half a minute of their time.
    { name: 'publish-scheduled', everyMs: 30_000, run: () => publishDue(deps) },
  ];
}
