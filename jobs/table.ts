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

/** The outbox's two clocks: deliver what is due; report what is stuck. */
export interface MirrorJobs {
  dispatch: () => Promise<number>;
  reportStuck: () => Promise<number>;
}

/** The one schedule table: everything portal-hub does on a clock. */
export function scheduleTable(deps: Deps, desks: readonly ChatDeskJobs[] = [], mirrors: MirrorJobs | null = null): Job[] {
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
    ...(mirrors
      ? [
          // Published items reach the mirrors within a second or two; retries wait their back-off. Idle, it is one indexed query.
          { name: 'deliveries', everyMs: 1_000, run: mirrors.dispatch },
          // A delivery past its deadline reaches the admins' chat within a minute, once.
          { name: 'deliveries-stuck', everyMs: 60_000, run: mirrors.reportStuck },
        ]
      : []),
    // Re-delivered updates arrive within minutes; a week of keys is plenty.
    { name: 'prune-inbound-updates', everyMs: 3_600_000, run: () => deps.store.pruneInbound(new Date(deps.clock().getTime() - 7 * DAY)) },
  ];
}
