import type { Deps } from './app/deps.js';
import { calendarSource } from './app/tickets/calendarSource.js';
import type { TicketEnv } from './app/tickets/env.js';
import { remindAndEscalate } from './app/tickets/deadlines.js';
import { ticketsFromInteractions } from './app/tickets/fromInteractions.js';
import type { Config } from './config.js';
import { ticketLinkKey } from './core/tickets/links.js';
import type { Job } from '../jobs/schedule.js';
import { officeWriter } from '../adapters/office/index.js';
import { closeDue } from './app/consultations/close.js';
import type { ConsultationEnv } from './app/consultations/env.js';
import { consultationFiles } from './store/consultationFiles.js';
import type { MailDeskHooks, MailEnv } from './app/mail/env.js';
import { mailJobs } from './app/mail/jobs.js';

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
  /** The chat desk, told at once of news items that came by mail (without it, its card sweep finds them within a minute). */
  mailDesk?: MailDeskHooks;
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

export async function ticketsFor(config: Config, deps: Deps, hubSecret: string, hooks: TicketHooks): Promise<TicketWiring> {
  const env = ticketEnvFor(config, deps, hubSecret);
  const jobs: Job[] = [];

  // ── tickets: reminders before the answer date, escalation once overdue ──
  jobs.push({ name: 'tickets-deadlines', everyMs: 300_000, firstAfterMs: 15_000, run: () => remindAndEscalate(env) });
  // An interaction a moderator turned into a question becomes a ticket within seconds (after a crash too).
  jobs.push({ name: 'tickets-from-interactions', everyMs: 2_000, run: () => ticketsFromInteractions(env) });

  // ── mail: read the mailbox, send the outbox ──
  const mail = config.mail;
  if (mail && (mail.imapUrl || mail.smtpUrl)) {
    // The mail libraries are loaded only when mail is set up: a service without it does not carry them.
    const [{ imapMailbox }, { addressesIn, smtpSender }] = await Promise.all([import('../adapters/mail/mailbox.js'), import('../adapters/mail/sender.js')]);
    for (const url of [mail.imapUrl, mail.smtpUrl]) {
      if (!url) continue;
      hooks.revealed?.(url);
      const password = decodeURIComponent(new URL(url).password);
      if (password) hooks.revealed?.(password);
    }
    const mailEnv: MailEnv = {
      tickets: env,
      media: { dir: config.mediaDir, maxBytes: config.mediaMaxBytes },
      submissionsAddress: mail.submissionsAddress,
      ownAddresses: [...addressesIn(mail.from), ...(mail.submissionsAddress ? [mail.submissionsAddress] : [])],
      alert: hooks.alert,
      log: hooks.log,
      ...(hooks.mailDesk ? { desk: hooks.mailDesk } : {}),
    };
    jobs.push(
      ...mailJobs(mailEnv, {
        // Attachments grow by a third in transit; a mail of several files at the limit is still read whole.
        mailbox: mail.imapUrl ? imapMailbox(mail.imapUrl, { maxMailBytes: 4 * config.mediaMaxBytes + 1024 * 1024, log: hooks.log }) : null,
        sender: mail.smtpUrl ? smtpSender(mail.smtpUrl, { from: mail.from, mediaDir: config.mediaDir, timeoutMs: mail.smtpTimeoutMs }) : null,
        pollMs: mail.pollMs,
      }),
    );
  }

  // ── consultations: close at the deadline, summary to the agency ──
  const consultations: ConsultationEnv = {
    deps,
    files: consultationFiles({ dir: config.mediaDir, maxBytes: config.mediaMaxBytes }),
    office: officeWriter,
    publicName: config.tickets.publicName,
    portalBaseUrl: config.portalBaseUrl,
    tell: hooks.alert,
  };
  jobs.push({ name: 'consultations-close', everyMs: config.tickets.consultationCloseMs, firstAfterMs: Math.min(5_000, config.tickets.consultationCloseMs), run: () => closeDue(consultations) });

  return { env, jobs };
}
