import type { DeliveryResult } from '../../src/core/delivery.js';

/** How far a send got: before the mail was handed over (`connect`: connect, TLS, login) or while it was (`send`). */
export type SmtpStage = 'connect' | 'send';

/** Nodemailer's codes for a connection that broke or never was (its errors.ts), and the system's own. */
const CONNECTION_CODES: ReadonlySet<string> = new Set(['ECONNECTION', 'ETIMEDOUT', 'ESOCKET', 'EDNS', 'ETLS', 'EPROXY', 'ECONNREFUSED', 'ECONNRESET', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EAI_AGAIN', 'EPIPE']);

interface SmtpErrorShape {
  code?: unknown;
  originalCode?: unknown;
  responseCode?: unknown;
  command?: unknown;
  message?: unknown;
}

const shape = (error: unknown): SmtpErrorShape => (typeof error === 'object' && error !== null ? (error as SmtpErrorShape) : {});

/**
 * An SMTP failure in the outbox's words, sorted by code, never by the server's wording:
 * - a reply code: 4xx is a temporary refusal (retryLater), 5xx a refusal for good (rejected), except
 *   530/535 (login needed or refused: the account, not the mail, is wrong → needsReauth);
 * - no reply, the connection broke or timed out: before the mail was handed over it simply was not sent
 *   (retryLater); while it was, the server may have taken it (outcomeUnknown) — DATA may have gone through
 *   and only its answer was lost;
 * - the login refused (EAUTH, ENOAUTH): needsReauth; an address the client itself cannot use (EENVELOPE
 *   without a reply code): rejected.
 */
export function sortSmtpError(error: unknown, stage: SmtpStage): DeliveryResult {
  const e = shape(error);
  const code = typeof e.code === 'string' ? e.code : '';
  const reply = typeof e.responseCode === 'number' ? e.responseCode : null;
  const command = typeof e.command === 'string' ? ` at ${e.command}` : '';
  const reason = `${code || 'error'}${reply ? ` ${reply}` : ''}${command}`;
  if (reply !== null && reply >= 400 && reply < 600) {
    if (reply === 530 || reply === 535) return { kind: 'needsReauth', reason: `SMTP login refused (${reason})` };
    return reply < 500 ? { kind: 'retryLater', reason: `SMTP ${reply}: try again later (${reason})` } : { kind: 'rejected', reason: `SMTP ${reply}: refused (${reason})` };
  }
  if (code === 'EAUTH' || code === 'ENOAUTH') return { kind: 'needsReauth', reason: `SMTP login refused (${reason})` };
  if (code === 'EENVELOPE') return { kind: 'rejected', reason: `address not usable (${reason})` };
  const original = typeof e.originalCode === 'string' ? e.originalCode : '';
  const broken = CONNECTION_CODES.has(code) || CONNECTION_CODES.has(original);
  if (stage === 'connect') return { kind: 'retryLater', reason: broken ? `SMTP server not reachable (${reason}${original ? `/${original}` : ''})` : `SMTP failed before sending (${reason})` };
  return { kind: 'outcomeUnknown', reason: `SMTP connection lost while the mail was handed over (${reason}${original ? `/${original}` : ''})` };
}
