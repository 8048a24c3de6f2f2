import { createRequire } from 'node:module';
import { pino, type Logger } from 'pino';
import type PinoPretty from 'pino-pretty';
import type { Config } from './config.js';
import { Secrets } from './redaction.js';

/**
 * JSON lines for machines; the same lines made readable when a person watches a terminal. Every
 * line passes through `secrets` once it is text and before it is written anywhere: the composition
 * root tells it the secret values as it learns them (this module reads no environment).
 */
export function createLogger(config: Pick<Config, 'logLevel' | 'logFormat' | 'timeZone'>, secrets: Secrets = new Secrets()): Logger {
  const options = {
    level: config.logLevel,
    base: { service: 'portal-hub' },
    // Masks by key before serialisation; `secrets` catches what no key names (a token inside an error's text).
    redact: { paths: ['*.hubSecret', '*.token', '*.password', '*.secret', 'hubSecret', 'secret', 'token'], censor: '[redacted]' },
    hooks: { streamWrite: (line: string) => secrets.scrub(line) },
  };
  if (config.logFormat === 'pretty') {
    // In this process, not a transport's worker: its time is the province's, whatever zone the machine is set to
    // (a worker takes options as data, not a function). Loaded only here: the JSON log never needs it.
    const pretty = createRequire(import.meta.url)('pino-pretty') as typeof PinoPretty;
    const shown = new Intl.DateTimeFormat('vi-VN', { timeZone: config.timeZone, hourCycle: 'h23', hour: '2-digit', minute: '2-digit', second: '2-digit', day: '2-digit', month: '2-digit', year: 'numeric' });
    return pino(options, pretty({ colorize: true, sync: true, translateTime: false, customPrettifiers: { time: (time) => `[${shown.format(new Date(Number(time)))}]` } }));
  }
  return pino(options);
}
