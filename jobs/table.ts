import { endLapsedDelegations } from '../src/app/delegation.js';
import { publishDue } from '../src/app/items.js';
import type { Deps } from '../src/app/deps.js';
import type { RefusalLog } from '../src/app/refusals.js';
import type { Job } from './schedule.js';

/** What a chat desk does on the clock: tell people about scheduled publications, restore missing cards. */
export interface ChatDeskJobs {
  name: string;
  published: (codes: string[]) => Promise<void>;
  sweep: () => Promise<number>;
  /** Desks that read outcomes from the audit trail (Zalo) tell senders on the clock. */
  tellOutcomes?: () => Promise<number>;
  /** Desks signed in with a personal account try again once a person has signed in anew. */
  checkSession?: () => Promise<void>;
  /** The desk that reaches the admins sends the alerts any process stored. */
  sendAlerts?: () => Promise<number>;
}

const DAY = 86_400_000;

/** The outbox's two clocks: deliver what is due; report what is stuck. */
export interface MirrorJobs {
  dispatch: () => Promise<number>;
  reportStuck: () => Promise<number>;
}

/** The audit trail's clock: anchor its head outside the database. */
export interface AuditJobs {
  toFile: () => Promise<unknown>;
  toChat: () => Promise<unknown>;
}

/** The one schedule table: everything portal-hub does on a clock. */
export function scheduleTable(
  deps: Deps,
  desks: readonly ChatDeskJobs[] = [],
  mirrors: MirrorJobs | null = null,
  refusals: Pick<RefusalLog, 'flush'> | null = null,
  audit: AuditJobs | null = null,
): Job[] {
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
    // A sender hears an outcome within seconds of the decision, whichever desk took it.
    ...desks.flatMap((desk) => (desk.tellOutcomes ? [{ name: `${desk.name}-outcomes`, everyMs: 3_000, run: desk.tellOutcomes }] : [])),
    // An alert raised by any process (a `dispatch` worker too) reaches the admins' chat within seconds, once.
    ...desks.flatMap((desk) => (desk.sendAlerts ? [{ name: `${desk.name}-alerts`, everyMs: 2_000, run: desk.sendAlerts }] : [])),
    // After `zalo login` on the server, the running service signs in within half a minute.
    ...desks.flatMap((desk) => (desk.checkSession ? [{ name: `${desk.name}-session`, everyMs: 30_000, run: desk.checkSession }] : [])),
    ...(mirrors
      ? [
          // Published items reach the mirrors within a second or two; retries wait their back-off. Idle, it is one indexed query.
          // Each run starts lanes for idle channels and returns: a hung call holds only its own channel.
          { name: 'deliveries', everyMs: 1_000, run: mirrors.dispatch },
          // A delivery past its deadline reaches the admins' chat within a minute, once.
          { name: 'deliveries-stuck', everyMs: 60_000, run: mirrors.reportStuck },
        ]
      : []),
    // A delegation whose giver's or holder's role ran out on its date is ended on record within ten minutes.
    { name: 'delegations-lapsed', everyMs: 600_000, run: () => endLapsedDelegations(deps) },
    // Refused attempts repeated within a minute are written as one counted row once the minute is over.
    ...(refusals ? [{ name: 'security-refusals', everyMs: 60_000, run: () => refusals.flush() }] : []),
    // The audit head is signed into data/audit-checkpoints within five minutes of moving, and into the admins'
    // chat soon after a start and then hourly: rows cut from the end since an anchor show up in `audit verify`.
    ...(audit
      ? [
          { name: 'audit-checkpoint', firstAfterMs: 5_000, everyMs: 300_000, run: audit.toFile },
          { name: 'audit-checkpoint-chat', firstAfterMs: 6_000, everyMs: 3_600_000, run: audit.toChat },
        ]
      : []),
    // Re-delivered updates arrive within minutes; a week of keys is plenty.
    { name: 'prune-inbound-updates', everyMs: 3_600_000, run: () => deps.store.pruneInbound(new Date(deps.clock().getTime() - 7 * DAY)) },
  ];
}
