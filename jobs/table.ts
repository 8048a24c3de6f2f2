import { publishDue } from '../src/app/items.js';
import type { Deps } from '../src/app/deps.js';
import type { Job } from './schedule.js';

/** What a chat desk does on the clock: tell people about scheduled publications, restore missing cards. */
export interface ChatDeskJobs {
  name: string;
  published: (codes: string[]) => Promise<void>;
  sweep: () => Promise<number>;
}

const DAY = 86_400_000;

/** The one schedule table: everything portal-hub does on a clock. */
export function scheduleTable(deps: Deps, desks: readonly ChatDeskJobs[] = []): Job[] {
  return [
    // Scheduled items go public within half a minute of their time.
    {
      name: 'publish-scheduled',
      everyMs: 30_000,
      run: async () => {
        const codes = await publishDue(deps);
        for (const desk of desks) await desk.published(codes);
        return codes;
      },
    },
    // A card lost to a restart or a failed send is sent again within a minute.
    ...desks.map((desk) => ({ name: `${desk.name}-cards`, everyMs: 60_000, run: desk.sweep })),
    // Re-delivered updates arrive within minutes; a week of keys is plenty.
    { name: 'prune-inbound-updates', everyMs: 3_600_000, run: () => deps.store.pruneInbound(new Date(deps.clock().getTime() - 7 * DAY)) },
  ];
}
