import { describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config.js';

describe('configuration', () => {
  it('runs on its embedded defaults', () => {
    const result = loadConfig({}, false);
    expect(result).toEqual({
      ok: true,
      config: { port: 3000, host: '0.0.0.0', databaseUrl: 'file:./data/portal-hub.db', dataDir: './data', logLevel: 'info', logFormat: 'json', hubSecret: null, timeZone: 'Asia/Ho_Chi_Minh' },
    });
  });

  it('reports every problem at once', () => {
    const result = loadConfig({ PORT: 'eighty', DATABASE_URL: 'mysql://x', LOG_LEVEL: 'loud', HUB_SECRET: 'short', TIMEZONE: 'Mars/Olympus' }, false);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems.map((p) => p.split(':')[0])).toEqual(['PORT', 'DATABASE_URL', 'LOG_LEVEL', 'HUB_SECRET', 'TIMEZONE']);
    expect(result.problems.join('\n')).not.toContain('short');
  });

  it('a postgres URL switches to PostgreSQL; a terminal gets readable logs', () => {
    const result = loadConfig({ DATABASE_URL: 'postgres://u:p@127.0.0.1/db', PORT: '8080' }, true);
    expect(result).toMatchObject({ ok: true, config: { databaseUrl: 'postgres://u:p@127.0.0.1/db', port: 8080, logFormat: 'pretty' } });
  });
});
