import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import nodemailer from 'nodemailer';
import type Mail from 'nodemailer/lib/mailer/index.js';
import { freePort } from '../helpers/service.js';

const DOVECOT = '/usr/sbin/dovecot';

/**
 * A real IMAP server for the mail suites: Debian's dovecot (`apt-get install dovecot-imapd dovecot-lmtpd`).
 * Without it the suites say so and skip; REQUIRE_MAIL=1 (set by CI) turns that into a failure.
 */
export const dovecotPresent = existsSync(DOVECOT) && existsSync('/usr/lib/dovecot/imap') && existsSync('/usr/lib/dovecot/lmtp');
if (!dovecotPresent && process.env.REQUIRE_MAIL === '1') throw new Error(`REQUIRE_MAIL=1 but no dovecot at ${DOVECOT} (apt-get install dovecot-imapd dovecot-lmtpd)`);
if (!dovecotPresent) console.warn(`Mail suites are SKIPPED: no dovecot at ${DOVECOT} (apt-get install dovecot-imapd dovecot-lmtpd)`);

export interface Dovecot {
  /** imap://user:pass@127.0.0.1:port — what MAIL_IMAP_URL holds. */
  imapUrl: string;
  user: string;
  password: string;
  imapPort: number;
  /** Hands a mail over as an MTA does (LMTP): `to` are the envelope recipients; every one lands in the one mailbox. */
  deliver(mail: Mail.Options & { to: string | string[] }): Promise<void>;
  /** Hands raw RFC 5322 bytes over by LMTP. */
  deliverRaw(raw: string | Buffer, envelope: { from: string; to: string[] }): Promise<void>;
  log(): string;
  stop(): Promise<void>;
}

const idOf = (flag: '-u' | '-g', name: string) => Number(execFileSync('id', [flag, name]).toString().trim());

/**
 * A private dovecot per suite: its own configuration in a temporary folder, IMAP and LMTP on free ports of
 * 127.0.0.1, plaintext login, no TLS, one user in a passwd file. Every address it is handed is delivered into
 * that user's maildir, as a portal's aliases (hoidap@, tinbai@) all feed one mailbox.
 */
export async function startDovecot(): Promise<Dovecot> {
  const dir = mkdtempSync(join(tmpdir(), 'portal-hub-dovecot-'));
  // Dovecot's login and mail processes drop root: they must reach the folder.
  chmodSync(dir, 0o755);
  const root = process.getuid?.() === 0;
  const me = userInfo().username;
  const internal = root ? 'dovecot' : me;
  const login = root ? 'dovenull' : me;
  const mailUid = root ? idOf('-u', 'dovecot') : userInfo().uid;
  const mailGid = root ? idOf('-g', 'dovecot') : userInfo().gid;
  const user = 'portal';
  const password = 'mailbox-pass-0451';
  const home = join(dir, 'home');
  mkdirSync(home);
  if (root) chownSync(home, mailUid, mailGid);
  const [imapPort, lmtpPort] = [await freePort(), await freePort()];
  writeFileSync(join(dir, 'passwd'), `${user}:{PLAIN}${password}:${mailUid}:${mailGid}::${home}::\n`);
  const logPath = join(dir, 'dovecot.log');
  const config = [
    `base_dir = ${join(dir, 'run')}`,
    `state_dir = ${join(dir, 'state')}`,
    `log_path = ${logPath}`,
    `info_log_path = ${logPath}`,
    'protocols = imap lmtp',
    'listen = 127.0.0.1',
    'ssl = no',
    'disable_plaintext_auth = no',
    'auth_mechanisms = plain login',
    `default_internal_user = ${internal}`,
    `default_internal_group = ${root ? 'dovecot' : me}`,
    `default_login_user = ${login}`,
    `first_valid_uid = ${Math.min(mailUid, 1)}`,
    `first_valid_gid = ${Math.min(mailGid, 1)}`,
    'mail_location = maildir:~/Maildir',
    // Any recipient's local part is the one portal user.
    'auth_username_format = portal',
    `passdb {\n  driver = passwd-file\n  args = ${join(dir, 'passwd')}\n}`,
    `userdb {\n  driver = static\n  args = uid=${mailUid} gid=${mailGid} home=${home}\n}`,
    `service imap-login {\n  inet_listener imap {\n    address = 127.0.0.1\n    port = ${imapPort}\n  }\n  inet_listener imaps {\n    port = 0\n  }\n}`,
    `service lmtp {\n  inet_listener lmtp {\n    address = 127.0.0.1\n    port = ${lmtpPort}\n  }\n}`,
    'service pop3-login {\n  inet_listener pop3 {\n    port = 0\n  }\n}',
    'service submission-login {\n  inet_listener submission {\n    port = 0\n  }\n}',
    '',
  ].join('\n');
  const configPath = join(dir, 'dovecot.conf');
  writeFileSync(configPath, config);
  const child: ChildProcess = spawn(DOVECOT, ['-F', '-c', configPath], { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout?.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (out += d.toString()));
  const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));
  const log = () => `${out}${existsSync(logPath) ? readFileSync(logPath, 'utf8') : ''}`;
  await listening(imapPort, () => child.exitCode !== null, log);
  await listening(lmtpPort, () => child.exitCode !== null, log);

  const lmtp = nodemailer.createTransport({ lmtp: true, host: '127.0.0.1', port: lmtpPort, name: 'mx.test' });
  return {
    imapUrl: `imap://${user}:${password}@127.0.0.1:${imapPort}`,
    user,
    password,
    imapPort,
    async deliver(mail) {
      await lmtp.sendMail(mail);
    },
    async deliverRaw(raw, envelope) {
      await lmtp.sendMail({ envelope, raw });
    },
    log,
    async stop() {
      lmtp.close();
      if (child.exitCode === null) {
        child.kill('SIGTERM');
        await exited;
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

async function listening(port: number, died: () => boolean, log: () => string): Promise<void> {
  const { connect } = await import('node:net');
  for (let i = 0; i < 200; i += 1) {
    if (died()) throw new Error(`dovecot did not start:\n${log()}`);
    const ok = await new Promise<boolean>((resolve) => {
      const s = connect(port, '127.0.0.1', () => {
        s.end();
        resolve(true);
      });
      s.on('error', () => resolve(false));
    });
    if (ok) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`dovecot is not listening on ${port}:\n${log()}`);
}
