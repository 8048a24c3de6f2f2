import type { Deps } from './app/deps.js';
import { calendarSource } from './app/tickets/calendarSource.js';
import type { TicketEnv } from './app/tickets/env.js';
import type { Config } from './config.js';
import { ticketLinkKey } from './core/tickets/links.js';
import type { Job } from '../jobs/schedule.js';
import { imapMailbox } from '../adapters/mail/mailbox.js';
import { addressesIn, smtpSender } from '../adapters/mail/sender.js';
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

export function ticketsFor(config: Config, deps: Deps, hubSecret: string, hooks: TicketHooks): TicketWiring {
  const env: TicketEnv = {
    deps,
    calendar: calendarSource(deps, config.tickets.calendarFile),
    settings: { answerWorkingDays: config.tickets.answerWorkingDays, remindWorkingDays: config.tickets.remindWorkingDays, publicName: config.tickets.publicName, linkDays: config.tickets.linkDays },
    portalBaseUrl: config.portalBaseUrl,
    linkKey: ticketLinkKey(hubSecret),
  };
  const jobs: Job[] = [];
  void hooks;

  // ── tickets: reminders before the answer date, escalation once overdue ──

  // ── mail: read the mailbox, send the outbox ──
  const mail = config.mail;
  if (mail && (mail.imapUrl || mail.smtpUrl)) {
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
        sender: mail.smtpUrl ? smtpSender(mail.smtpUrl, { from: mail.from, mediaDir: config.mediaDir }) : null,
        pollMs: mail.pollMs,
      }),
    );
  }

  // ── consultations: close at the deadline, summary to the agency ──

  return { env, jobs };
}
