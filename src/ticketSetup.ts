import type { Deps } from './app/deps.js';
import { calendarSource } from './app/tickets/calendarSource.js';
import type { TicketEnv } from './app/tickets/env.js';
import { remindAndEscalate } from './app/tickets/deadlines.js';
import { ticketsFromInteractions } from './app/tickets/fromInteractions.js';
import type { Config } from './config.js';
import { ticketLinkKey } from './core/tickets/links.js';
import type { Job } from '../jobs/schedule.js';

/** Questions and complaints, mail, consultations: what the service runs for them. */
export interface TicketWiring {
  env: TicketEnv;
  /** Rows of the schedule table. */
  jobs: Job[];
}

export interface TicketHooks {
  /** Something a person must act on reaches the admins' chat. */
  alert: (text: string) => void;
  log: { info: (obj: object, msg: string) => void; warn: (obj: object, msg: string) => void; error: (obj: object, msg: string) => void };
  /** Told each secret as it is read, so the log never shows it. */
  revealed?: (secret: string) => void;
}

/** What the ticket use cases need, for the service and the CLI alike. */
export function ticketEnvFor(config: Config, deps: Deps, hubSecret: string): TicketEnv {
  return {
    deps,
    calendar: calendarSource(deps, config.tickets.calendarFile),
    settings: { answerWorkingDays: config.tickets.answerWorkingDays, remindWorkingDays: config.tickets.remindWorkingDays, publicName: config.tickets.publicName, linkDays: config.tickets.linkDays },
    portalBaseUrl: config.portalBaseUrl,
    linkKey: ticketLinkKey(hubSecret),
  };
}

export function ticketsFor(config: Config, deps: Deps, hubSecret: string, hooks: TicketHooks): TicketWiring {
  const env = ticketEnvFor(config, deps, hubSecret);
  const jobs: Job[] = [];
  void hooks;

  // ── tickets: reminders before the answer date, escalation once overdue ──
  jobs.push({ name: 'tickets-deadlines', everyMs: 300_000, firstAfterMs: 15_000, run: () => remindAndEscalate(env) });
  // An interaction a moderator turned into a question becomes a ticket within seconds (after a crash too).
  jobs.push({ name: 'tickets-from-interactions', everyMs: 2_000, run: () => ticketsFromInteractions(env) });

  // ── mail: read the mailbox, send the outbox ──

  // ── consultations: close at the deadline, summary to the agency ──

  return { env, jobs };
}
