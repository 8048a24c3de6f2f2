import { ImapFlow } from 'imapflow';
import type { Mailbox } from '../../src/app/mail/ports.js';
import { mailFromSource } from './mapping.js';

export interface ImapTarget {
  host: string;
  port: number;
  secure: boolean;
  user: string;
  pass: string;
  mailbox: string;
}

/** `imap://user:pass@host:port/Mailbox` (STARTTLS when offered) or `imaps://…`; no path: INBOX. */
export function imapTarget(url: string): ImapTarget {
  const u = new URL(url);
  const secure = u.protocol === 'imaps:';
  return {
    host: u.hostname,
    port: u.port ? Number(u.port) : secure ? 993 : 143,
    secure,
    user: decodeURIComponent(u.username),
    pass: decodeURIComponent(u.password),
    mailbox: decodeURIComponent(u.pathname.replace(/^\/+/, '')) || 'INBOX',
  };
}

/** An IMAP failure in words an operator acts on, sorted by imapflow's codes (never by the server's wording). */
export function mailboxProblem(error: unknown): string {
  const e = (typeof error === 'object' && error !== null ? error : {}) as { authenticationFailed?: unknown; mailboxMissing?: unknown; serverResponseCode?: unknown; code?: unknown };
  if (e.authenticationFailed === true) return 'IMAP login refused (AUTHENTICATIONFAILED): check the user and password in MAIL_IMAP_URL';
  if (e.mailboxMissing === true || e.serverResponseCode === 'NONEXISTENT') return 'IMAP mailbox not found (NONEXISTENT): check the path in MAIL_IMAP_URL';
  if (typeof e.serverResponseCode === 'string') return `IMAP server refused (${e.serverResponseCode})`;
  if (typeof e.code === 'string') return `IMAP server not reachable (${e.code})`;
  return `IMAP failed (${error instanceof Error ? error.message : String(error)})`;
}

export interface MailboxOptions {
  /** A mail larger than this is read by its headers only (MEDIA_MAX_MB times a few: attachments grow a third in transit). */
  maxMailBytes: number;
  timeoutMs?: number;
  log?: { warn: (obj: object, msg: string) => void };
}

/**
 * The portal's mailbox over IMAP (imapflow). A session per read: connect, lock the mailbox, fetch by UID
 * after the cursor one mail at a time (a large attachment is held once, not the whole batch), log out.
 */
export function imapMailbox(url: string, options: MailboxOptions): Mailbox {
  const target = imapTarget(url);
  const timeout = options.timeoutMs ?? 120_000;
  return {
    name: target.mailbox,
    async read(cursor, take, limit) {
      const client = new ImapFlow({
        host: target.host, port: target.port, secure: target.secure, auth: { user: target.user, pass: target.pass },
        logger: false, disableAutoIdle: true, connectionTimeout: timeout, greetingTimeout: timeout, socketTimeout: timeout,
      });
      // A dropped connection is reported here too; the read in progress fails with its own error.
      client.on('error', (error: unknown) => options.log?.warn({ err: error }, 'IMAP connection error'));
      const opened = async () => {
        try {
          await client.connect();
          return await client.getMailboxLock(target.mailbox, { readOnly: false });
        } catch (error) {
          client.close();
          throw new Error(mailboxProblem(error), { cause: error });
        }
      };
      const lock = await opened();
      let handed = 0;
      try {
        if (!client.mailbox) throw new Error(`mailbox ${target.mailbox} did not open`);
        const uidValidity = Number(client.mailbox.uidValidity);
        const after = await cursor(uidValidity);
        // `n:*` names at least the last mail even when its UID is below n: the cursor filters.
        const found = await client.search({ uid: `${after + 1}:*` }, { uid: true });
        const uids = (found || []).filter((uid) => uid > after).sort((a, b) => a - b).slice(0, limit);
        for (const uid of uids) {
          const meta = await client.fetchOne(String(uid), { uid: true, size: true }, { uid: true });
          if (!meta) continue;
          const size = meta.size ?? 0;
          const place = { mailbox: target.mailbox, uidValidity, uid };
          let mail;
          if (size > options.maxMailBytes) {
            const head = await client.fetchOne(String(uid), { uid: true, headers: true }, { uid: true });
            mail = await mailFromSource(head && head.headers ? head.headers : Buffer.alloc(0), place, { bytes: size });
          } else {
            const full = await client.fetchOne(String(uid), { uid: true, source: true }, { uid: true });
            if (!full || !full.source) throw new Error(`mail ${uid} could not be fetched`);
            mail = await mailFromSource(full.source, place);
          }
          await take(mail);
          handed += 1;
          // For people who also read the mailbox: what the hub took is marked read. The cursor, not this flag, is what counts.
          await client.messageFlagsAdd(String(uid), ['\\Seen'], { uid: true }).catch(() => undefined);
        }
      } finally {
        lock.release();
        await client.logout().catch(() => client.close());
      }
      return handed;
    },
  };
}
