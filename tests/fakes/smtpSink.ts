import type { AddressInfo } from 'node:net';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';

/** A mail as it arrived at the sink: the envelope and the parsed message. */
export interface SunkMail {
  from: string;
  to: string[];
  raw: Buffer;
  parsed: ParsedMail;
  subject: string;
  text: string;
  messageId: string;
  inReplyTo: string | null;
  references: string[];
}

/**
 * What the next message meets: `refuse` answers its DATA with this SMTP code (451 try later, 550 refused);
 * `hang` takes the DATA and never answers (the sender cannot know whether it went).
 */
export type SinkFault = { kind: 'refuse'; code: number; message?: string } | { kind: 'hang' };

/** A real SMTP server on 127.0.0.1 that keeps what arrives, for the tests to read back. */
export class SmtpSink {
  readonly mails: SunkMail[] = [];
  /** Mails that reached DATA but were refused or hung: the raw text, so a test can see what was tried. */
  readonly attempts: Buffer[] = [];
  private faults: SinkFault[] = [];
  private server: SMTPServer;
  private waiting = new Set<() => void>();
  port = 0;

  constructor() {
    this.server = new SMTPServer({
      authOptional: true,
      allowInsecureAuth: true,
      disabledCommands: ['STARTTLS'],
      logger: false,
      // A hung connection is cut at once when the suite stops, not after smtp-server's 30 s.
      closeTimeout: 200,
      onAuth: (_auth, _session, callback) => callback(null, { user: 'portal' }),
      onData: (stream, session, callback) => {
        const chunks: Buffer[] = [];
        stream.on('data', (c: Buffer) => chunks.push(c));
        stream.on('end', () => {
          const raw = Buffer.concat(chunks);
          const fault = this.faults.shift();
          if (fault) {
            this.attempts.push(raw);
            this.wake();
            if (fault.kind === 'hang') return;
            return callback(Object.assign(new Error(fault.message ?? 'refused by the sink'), { responseCode: fault.code }));
          }
          void simpleParser(raw).then((parsed) => {
            const refs = parsed.references;
            this.mails.push({
              from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
              to: session.envelope.rcptTo.map((r) => r.address),
              raw,
              parsed,
              subject: parsed.subject ?? '',
              text: parsed.text ?? '',
              messageId: parsed.messageId ?? '',
              inReplyTo: parsed.inReplyTo ?? null,
              references: refs === undefined ? [] : Array.isArray(refs) ? refs : [refs],
            });
            this.wake();
            callback();
          }, callback);
        });
      },
    });
  }

  async start(): Promise<this> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.port = (this.server.server.address() as AddressInfo).port;
    return this;
  }

  /** MAIL_SMTP_URL for the service. */
  get url(): string {
    return `smtp://portal:sink-pass@127.0.0.1:${this.port}`;
  }

  /** The next messages meet these faults, in order. */
  fault(...faults: SinkFault[]): void {
    this.faults.push(...faults);
  }

  /** Waits until `probe` finds something (checked on every arrival and every 200 ms). */
  async waitFor<T>(probe: () => T | undefined | null | false, timeoutMs = 60_000): Promise<T> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = probe();
      if (found) return found;
      if (Date.now() > deadline) throw new Error(`the SMTP sink did not see it within ${timeoutMs} ms; it holds: ${this.mails.map((m) => `${m.to.join(',')}: ${m.subject}`).join(' | ')}`);
      await new Promise<void>((resolve) => {
        const wake = () => {
          clearTimeout(timer);
          this.waiting.delete(wake);
          resolve();
        };
        const timer = setTimeout(wake, 200);
        this.waiting.add(wake);
      });
    }
  }

  /** Mails sent to this address. */
  to(address: string): SunkMail[] {
    return this.mails.filter((m) => m.to.includes(address.toLowerCase()) || m.to.includes(address));
  }

  private wake(): void {
    for (const w of [...this.waiting]) w();
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}

export const startSmtpSink = (): Promise<SmtpSink> => new SmtpSink().start();
