import { describe, expect, it } from 'vitest';
import { sortSmtpError } from '../../../adapters/mail/errors.js';

/** Errors shaped as nodemailer makes them (code, responseCode, command), never told apart by their wording. */
const smtp = (fields: Record<string, unknown>) => Object.assign(new Error('wording the sorting never reads'), fields);

describe('SMTP failures sorted by code into the outbox vocabulary', () => {
  it.each([
    ['451 at DATA: greylisted, try again', { code: 'EMESSAGE', responseCode: 451, command: 'DATA' }, 'send', 'retryLater'],
    ['421 service closing', { code: 'EPROTOCOL', responseCode: 421, command: 'CONN' }, 'connect', 'retryLater'],
    ['452 mailbox full at RCPT', { code: 'EENVELOPE', responseCode: 452, command: 'RCPT TO' }, 'send', 'retryLater'],
    ['550 no such user', { code: 'EENVELOPE', responseCode: 550, command: 'RCPT TO' }, 'send', 'rejected'],
    ['554 refused as spam after DATA', { code: 'EMESSAGE', responseCode: 554, command: 'DATA' }, 'send', 'rejected'],
    ['535 login refused', { code: 'EAUTH', responseCode: 535, command: 'AUTH PLAIN' }, 'connect', 'needsReauth'],
    ['530 login required', { code: 'EENVELOPE', responseCode: 530, command: 'MAIL FROM' }, 'send', 'needsReauth'],
    ['EAUTH without a reply', { code: 'EAUTH' }, 'connect', 'needsReauth'],
    ['connection refused', { code: 'ESOCKET', originalCode: 'ECONNREFUSED', command: 'CONN' }, 'connect', 'retryLater'],
    ['DNS name not found', { code: 'EDNS', originalCode: 'ENOTFOUND', command: 'CONN' }, 'connect', 'retryLater'],
    ['greeting never came', { code: 'ETIMEDOUT', command: 'CONN' }, 'connect', 'retryLater'],
    ['timeout after DATA', { code: 'ETIMEDOUT', command: 'CONN' }, 'send', 'outcomeUnknown'],
    ['connection dropped while handing over', { code: 'ECONNECTION', command: 'CONN' }, 'send', 'outcomeUnknown'],
    ['an address the client cannot use', { code: 'EENVELOPE', command: 'API' }, 'send', 'rejected'],
  ] as const)('%s → %s/%s', (_what, fields, stage, kind) => {
    expect(sortSmtpError(smtp(fields), stage).kind).toBe(kind);
  });

  it('the reason names the code and the command, for the log and the alert', () => {
    expect(sortSmtpError(smtp({ code: 'EMESSAGE', responseCode: 550, command: 'DATA' }), 'send')).toEqual({ kind: 'rejected', reason: 'SMTP 550: refused (EMESSAGE 550 at DATA)' });
  });
});
