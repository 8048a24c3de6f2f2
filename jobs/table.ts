import { endLapsedDelegations } from '../src/app/delegation.js';
import { publishDue } from '../src/app/items.js';
import { buildDueSheets } from '../src/app/royalties/sheets.js';
import type { Deps } from '../src/app/deps.js';
import type { RefusalLog } from '../src/app/refusals.js';
import type { Job } from './schedule.js';
import type { AdBook } from '../src/app/ads/book.js';
import type { AdCounter } from '../src/app/ads/counter.js';
import type { PageViewCounter } from '../src/app/analytics/pageViewCounter.js';
import { hourOf } from '../src/core/ads/rules.js';
import { localDay } from '../src/core/dates.js';
import { HEARTBEAT_MS } from '../src/core/reports/uptime.js';

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
  /** Royalty sheets waiting for a step reach the editorial chat as cards. */
  royaltyCards?: () => Promise<number>;
  /** The 60-day rule's weekly list to the editorial chat (it sends once a week, from Monday 08:00). */
  royaltyDue?: () => Promise<number>;
  /** Sites with nothing published for too long: the weekly list (it sends once a week, from Monday 08:00). */
  staleSites?: () => Promise<number>;
  /** Media-service contracts waiting for approval reach the editorial chat as cards. */
  serviceCards?: () => Promise<number>;
  /** Readers' reports on ads reach the editorial chat. */
  adReports?: () => Promise<number>;
}

const DAY = 86_400_000;

/**
 * The periodic reports (issue 20.8): each minute the calendar is read against the province's clock; a period's
 * reports are made once, from 08:00 on the day REPORT_AFTER_DAYS after it closed, or at the first start after that.
 */
export const periodicReportsJob = (run: () => Promise<number>): Job => ({ name: 'periodic-reports', everyMs: 60_000, firstAfterMs: 20_000, run });

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

/** Interactions on the clock: read what webhooks stored, tell moderators, send what they decided, poll platforms. */
export interface InteractionJobs {
  /** Webhook events waiting in the inbox become interactions (and cards). */
  drain: () => Promise<unknown>;
  /** Replies and hidings moderators asked for, sent once. */
  actions: () => Promise<unknown>;
  /** New interactions reach the moderators' chat as cards; the daily digest of what waits. */
  announce?: () => Promise<unknown>;
  digest?: () => Promise<unknown>;
  /** Platform pollers, each its own row. */
  polls: readonly Job[];
}

/** The one schedule table: everything portal-hub does on a clock. */
export function scheduleTable(
  deps: Deps,
  desks: readonly ChatDeskJobs[] = [],
  mirrors: MirrorJobs | null = null,
  refusals: Pick<RefusalLog, 'flush'> | null = null,
  audit: AuditJobs | null = null,
  interactions: InteractionJobs | null = null,
  /** Rows each feature's setup adds (tickets, mail, consultations: src/ticketSetup.ts). */
  more: readonly Job[] = [],
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
    ...desks.flatMap((desk) => (desk.royaltyCards ? [{ name: `${desk.name}-royalty-cards`, everyMs: 15_000, firstAfterMs: 10_000, run: desk.royaltyCards }] : [])),
    ...desks.flatMap((desk) => (desk.royaltyDue ? [{ name: `${desk.name}-royalty-due`, everyMs: 600_000, firstAfterMs: 60_000, run: desk.royaltyDue }] : [])),
    ...desks.flatMap((desk) => (desk.staleSites ? [{ name: `${desk.name}-stale-sites`, everyMs: 600_000, firstAfterMs: 60_000, run: desk.staleSites }] : [])),
    ...desks.flatMap((desk) => (desk.serviceCards ? [{ name: `${desk.name}-service-cards`, everyMs: 15_000, firstAfterMs: 10_000, run: desk.serviceCards }] : [])),
    // A reader's report on an ad reaches the editorial chat within a quarter of a minute, once.
    ...desks.flatMap((desk) => (desk.adReports ? [{ name: `${desk.name}-ad-reports`, everyMs: 15_000, firstAfterMs: 5_000, run: desk.adReports }] : [])),
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
    // chat soon after a start and then at most hourly (tried each minute until it goes): rows cut from the end since an anchor show up in `audit verify`.
    ...(audit
      ? [
          { name: 'audit-checkpoint', firstAfterMs: 5_000, everyMs: 300_000, run: audit.toFile },
          { name: 'audit-checkpoint-chat', firstAfterMs: 6_000, everyMs: 60_000, run: audit.toChat },
        ]
      : []),
    ...(interactions
      ? [
          // A webhook's event is an interaction within a second or two of the platform's call.
          { name: 'interactions-inbox', everyMs: 1_000, run: interactions.drain },
          // A moderator's reply is on the platform within seconds; retries wait their back-off.
          { name: 'interactions-actions', everyMs: 2_000, run: interactions.actions },
          // A new interaction reaches the moderators' chat within seconds of arriving.
          ...(interactions.announce ? [{ name: 'interactions-cards', everyMs: 1_000, run: interactions.announce }] : []),
          // What is still unanswered is listed once a day, oldest first (the job checks the hour itself).
          ...(interactions.digest ? [{ name: 'interactions-digest', everyMs: 300_000, firstAfterMs: 10_000, run: interactions.digest }] : []),
          ...interactions.polls,
        ]
      : []),
    ...more,
    // Re-delivered updates arrive within minutes; a week of keys is plenty.
    // Royalty sheets of the month that ended, for the secretary to check (built once; rebuilt only on demand).
    { name: 'royalty-sheets', everyMs: 3_600_000, firstAfterMs: 60_000, run: () => buildDueSheets(deps) },
    // Ad counts older than two days are kept by the day (the province's), not the hour: the hour table stays small.
    { name: 'ads-rollup', everyMs: 3_600_000, firstAfterMs: 120_000, run: () => deps.store.rollUpAdHours(hourOf(new Date(deps.clock().getTime() - 2 * DAY)), (hour) => localDay(new Date(`${hour}:00:00Z`), deps.timeZone)) },
    // Page views older than two days are kept by the province's day: the hour table stays small.
    { name: 'page-views-rollup', everyMs: 3_600_000, firstAfterMs: 150_000, run: () => deps.store.rollUpPageViewHours(hourOf(new Date(deps.clock().getTime() - 2 * DAY)), (hour) => localDay(new Date(`${hour}:00:00Z`), deps.timeZone)) },
    { name: 'prune-inbound-updates', everyMs: 3_600_000, run: () => deps.store.pruneInbound(new Date(deps.clock().getTime() - 7 * DAY)) },
    // The query planner's statistics follow the archive as it grows (SQLite; PostgreSQL's autovacuum does it itself):
    // taken again for a table grown 25 times over, within an hour of it, and once soon after a start.
    { name: 'planner-statistics', everyMs: 3_600_000, firstAfterMs: 180_000, run: () => deps.store.keepPlannerStatistics() },
  ];
}

/**
 * The clock of every process that serves the portal (not only the desk's): the ads it serves are read
 * from the database into memory, and what it counted is added to the hour rows.
 */
export function webProcessJobs(deps: Deps, ads: { book: AdBook; counter: AdCounter }, views: PageViewCounter | null = null, run: string | null = null): Job[] {
  return [
    // This process's run, opened at once and marked each minute: the periodic report's uptime (issue 20.6).
    ...(run ? [{ name: 'uptime', everyMs: HEARTBEAT_MS, firstAfterMs: 0, run: () => deps.store.markUptimeRun(run, deps.clock()) }] : []),
    // Page views reach the database within ten seconds; a refused write keeps them for the next run.
    ...(views ? [{ name: 'page-views', everyMs: 10_000, run: () => views.flush(deps.store) }] : []),
    // A new, stopped or expired ad shows or goes within half a minute, without a query per page view.
    { name: 'ads-book', everyMs: 30_000, firstAfterMs: 0, run: () => ads.book.refresh() },
    // Counts reach the database within ten seconds; a refused write keeps them for the next run.
    { name: 'ads-counts', everyMs: 10_000, run: () => ads.counter.flush(deps.store) },
  ];
}
