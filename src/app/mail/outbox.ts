import { randomUUID } from 'node:crypto';
import { backoffMs } from '../../core/delivery.js';
import { bilingual } from '../../core/messages.js';
import type { MailEnv } from './env.js';
import type { MailSender, OutgoingMailRecord } from './ports.js';

/** Attempts before a mail that keeps failing for passing reasons is given up (with back-off up to 30 min: about four hours). */
export const MAX_MAIL_ATTEMPTS = 12;
/** On the wire, by default: longer than a sender's timeouts for one mail (connect, login, DATA), so a live worker's claim never runs out. */
export const MAIL_LEASE_MS = 10 * 60_000;
/**
 * Claimed but not yet on the wire: a worker killed with a batch in hand frees the rest this soon (the job never
 * overlaps itself in a process, so only another process could take them, and it then holds the claim).
 */
export const MAIL_CLAIM_MS = 60_000;
const BATCH = 10;

/** Login refused: said once until a mail goes through again (every waiting mail would say it otherwise). */
const loginAlerted = new WeakSet<MailSender>();

/**
 * Sends what is due, one mail at a time. Each mail is claimed with a lease, marked `sending` just before it
 * goes on the wire, and settled by what the server answered (adapters/mail/errors.ts sorts it by code):
 * - delivered: sent;
 * - retryLater (4xx, server unreachable): pending again after a back-off; given up after MAX_MAIL_ATTEMPTS;
 * - rejected (5xx, a missing attachment): failed at once;
 * - needsReauth (login refused): pending with back-off, the admins told once;
 * - outcomeUnknown (the connection broke or timed out while the mail was handed over: the server may
 *   have it): pending again with back-off and sent again with the SAME Message-ID, so a reader whose
 *   server took the first copy sees one mail (clients thread and de-duplicate by Message-ID). The log
 *   says so each time. The same holds after a crash: a mail left `sending` under a lease that ran out is
 *   sent again when the lease ends; one only claimed (never on the wire) is simply sent.
 * A mail given up raises an alert in both languages, so nothing is lost without a person knowing.
 */
export async function sendOutbox(env: MailEnv, sender: MailSender): Promise<number> {
  const { deps } = env.tickets;
  const token = randomUUID();
  const claimed = await deps.store.claimDueMails(deps.clock(), BATCH, token, MAIL_CLAIM_MS);
  let sent = 0;
  for (const mail of claimed) {
    if (mail.state === 'sending') env.log.warn({ purpose: mail.purpose, messageId: mail.messageId, attempts: mail.attempts }, 'a mail was on the wire when its worker stopped: sent again with the same Message-ID');
    if (!(await deps.store.startMail(mail.id, token, new Date(deps.clock().getTime() + (sender.onWireMs ?? MAIL_LEASE_MS))))) continue;
    if (await sendOne(env, sender, mail, token)) sent += 1;
  }
  return sent;
}

async function sendOne(env: MailEnv, sender: MailSender, mail: OutgoingMailRecord, token: string): Promise<boolean> {
  const { deps } = env.tickets;
  const attempts = mail.attempts + 1;
  const result = await sender.send(mail);
  const now = deps.clock();
  const later = (reason: string) => ({ state: 'pending' as const, nextAttemptAt: new Date(now.getTime() + backoffMs(attempts, (env.random ?? Math.random)())), lastError: reason });
  const giveUp = async (reason: string) => {
    if (await deps.store.settleMail(mail.id, token, { state: 'failed', lastError: reason })) {
      env.log.error({ purpose: mail.purpose, to: mail.to, reason, attempts }, 'mail given up');
      env.alert(bilingual('mail_alert_failed', { to: mail.to, subject: mail.subject, reason, purpose: mail.purpose }));
    }
  };
  switch (result.kind) {
    case 'delivered':
      loginAlerted.delete(sender);
      await deps.store.settleMail(mail.id, token, { state: 'sent', at: now });
      env.log.info({ purpose: mail.purpose, messageId: mail.messageId, attempts }, 'mail sent');
      return true;
    case 'rejected':
      await giveUp(result.reason);
      return false;
    case 'needsReauth':
      if (!loginAlerted.has(sender)) {
        loginAlerted.add(sender);
        env.alert(bilingual('mail_alert_login', { reason: result.reason }));
      }
      await deps.store.settleMail(mail.id, token, later(result.reason));
      return false;
    case 'outcomeUnknown':
    case 'retryLater':
      if (result.kind === 'outcomeUnknown') env.log.warn({ purpose: mail.purpose, messageId: mail.messageId, reason: result.reason }, 'mail outcome unknown: it goes again with the same Message-ID');
      if (attempts >= MAX_MAIL_ATTEMPTS) await giveUp(`${result.reason} (${attempts} attempts)`);
      else await deps.store.settleMail(mail.id, token, later(result.reason));
      return false;
  }
}
