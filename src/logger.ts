import { pino, type Logger } from 'pino';
import type { Config } from './config.js';

/** JSON lines for machines; the same lines made readable when a person watches a terminal. */
export function createLogger(config: Pick<Config, 'logLevel' | 'logFormat'>): Logger {
  const options = {
    level: config.logLevel,
    base: { service: 'portal-hub' },
    // Defence in depth: nothing secret should reach a log call, but if it does it is masked.
    redact: { paths: ['*.hubSecret', '*.token', '*.password', '*.secret', 'hubSecret', 'secret', 'token'], censor: '[redacted]' },
  };
  if (config.logFormat === 'pretty') {
    return pino({ ...options, transport: { target: 'pino-pretty', options: { colorize: true, translateTime: 'SYS:standard' } } });
  }
  return pino(options);
}
