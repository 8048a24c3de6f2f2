import { bilingual } from '../../core/messages.js';
import type { MailEnv } from './env.js';
import { tellMailOutcomes } from './outcomes.js';
import { sendOutbox } from './outbox.js';
import type { Mailbox, MailSender } from './ports.js';
import { readMailbox } from './read.js';

/** Failed reads in a row before the admins hear the mailbox cannot be read (one failure is a passing network fault). */
const READ_FAILURES_BEFORE_ALERT = 3;

/** The schedule rows for mail: read the mailbox every `pollMs`, send the outbox every 2 s, mail news senders their outcomes every 3 s. */
export function mailJobs(env: MailEnv, parts: { mailbox: Mailbox | null; sender: MailSender | null; pollMs: number }): { name: string; everyMs: number; firstAfterMs?: number; run: () => Promise<unknown> }[] {
  const jobs = [];
  const { mailbox, sender } = parts;
  if (mailbox) {
    let failures = 0;
    jobs.push({
      name: 'mail-read',
      everyMs: parts.pollMs,
      firstAfterMs: Math.min(parts.pollMs, 3_000),
      run: async () => {
        try {
          const taken = await readMailbox(env, mailbox);
          failures = 0;
          return taken;
        } catch (error) {
          failures += 1;
          // The adapter words its errors for an operator (adapters/mail/mailbox.ts).
          if (failures === READ_FAILURES_BEFORE_ALERT) env.alert(bilingual('mail_alert_mailbox', { reason: error instanceof Error ? error.message : String(error) }));
          throw error;
        }
      },
    });
  }
  if (sender) {
    jobs.push({ name: 'mail-send', everyMs: 2_000, run: () => sendOutbox(env, sender) });
    jobs.push({ name: 'mail-outcomes', everyMs: 3_000, run: () => tellMailOutcomes(env) });
  }
  return jobs;
}
