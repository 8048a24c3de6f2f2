import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { imapMailbox } from '../../adapters/mail/mailbox.js';
import { smtpSender } from '../../adapters/mail/sender.js';
import type { MailEnv } from '../../src/app/mail/env.js';
import { calendarSource } from '../../src/app/tickets/calendarSource.js';
import { ticketLinkKey } from '../../src/core/tickets/links.js';
import { startDovecot } from '../fakes/dovecot.js';
import { startSmtpSink } from '../fakes/smtpSink.js';
import { seedDesk, TEST_HUB_SECRET } from './desk.js';

export const PORTAL = 'https://portal.test';
/** The portal's mailbox takes mail for these: questions to the first, news items to the second. */
export const QUESTIONS = 'hoidap@portal.test';
export const NEWS = 'tinbai@portal.test';
export const FROM = `Cổng TTĐT tỉnh <${QUESTIONS}>`;

export type MailFixture = Awaited<ReturnType<typeof mailFixture>>;

/**
 * The mail use cases over a seeded desk, a private dovecot (the portal's mailbox) and an SMTP sink (the
 * world's mail servers), wired as src/ticketSetup.ts wires them.
 */
export async function mailFixture(databaseUrl: string, options: { maxBytes?: number; maxMailBytes?: number; sendTimeoutMs?: number } = {}) {
  const desk = await seedDesk(databaseUrl);
  const [dovecot, sink] = await Promise.all([startDovecot(), startSmtpSink()]);
  const mediaDir = mkdtempSync(join(tmpdir(), 'portal-hub-mail-media-'));
  const alerts: string[] = [];
  const logged: { level: string; msg: string; obj: object }[] = [];
  const log = (level: string) => (obj: object, msg: string) => void logged.push({ level, msg, obj });
  const maxBytes = options.maxBytes ?? 2 * 1024 * 1024;
  const env: MailEnv = {
    tickets: {
      deps: desk.deps,
      calendar: calendarSource(desk.deps, null),
      settings: { answerWorkingDays: 15, remindWorkingDays: 3, publicName: 'initials', linkDays: 90 },
      portalBaseUrl: PORTAL,
      linkKey: ticketLinkKey(TEST_HUB_SECRET),
    },
    media: { dir: mediaDir, maxBytes },
    submissionsAddress: NEWS,
    ownAddresses: [QUESTIONS],
    alert: (text) => void alerts.push(text),
    log: { info: log('info'), warn: log('warn'), error: log('error') },
    random: () => 0.5,
  };
  const mailbox = imapMailbox(dovecot.imapUrl, { maxMailBytes: options.maxMailBytes ?? 4 * maxBytes + 1024 * 1024 });
  const sender = smtpSender(sink.url, { from: FROM, mediaDir, timeoutMs: options.sendTimeoutMs ?? 2_000 });
  return {
    desk,
    deps: desk.deps,
    store: desk.store,
    time: desk.time,
    dovecot,
    sink,
    mediaDir,
    env,
    mailbox,
    sender,
    alerts,
    logged,
    async close() {
      await Promise.all([dovecot.stop(), sink.stop()]);
      await desk.store.close();
      rmSync(mediaDir, { recursive: true, force: true });
    },
  };
}
