import { pino, type Logger } from 'pino';
import type { Config } from './config.js';
import { Secrets } from './redaction.js';

/**
 * JSON lines for machines; the same lines made readable when a person watches a terminal. Every
 * line passes through `secrets` once it is text and before it is written anywhere: the composition
 * root tells it the secret values as it learns them (this module reads no environment).
 */
export function createLogger(config: Pick<Config, 'logLevel' | 'logFormat'>, secrets: Secrets = new Secrets()): Logger {
  const options = {
    level: config.logLevel,
    base: { service: 'portal-hub' },
    // Masks by key before serialisation; `secrets` catches what no key names (a token inside an error's text).
    redact: { paths: ['*.hubSecret', '*.token', '*.password', '*.secret', 'hubSecret', 'secret', 'token'], censor: '[redacted]' },
    hooks: { streamWrite: (line: string) => secrets.scrub(line) },
  };
  if (config.logFormat === 'pretty') {
    return pino({ ...options, transport: { target: 'pino-pretty', options: { colorize: true, translateTime: 'SYS:standard' } } });
  }
  return pino(options);
}
