import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { ROOT } from '../helpers/cli.js';

/** deploy/: the files an operator copies must agree with each other and with what the service accepts. */
const read = (file: string) => readFileSync(join(ROOT, 'deploy', file), 'utf8');

function envFile(text: string): Record<string, string> {
  return Object.fromEntries(
    text
      .split('\n')
      .filter((line) => line.trim() !== '' && !line.trimStart().startsWith('#'))
      .map((line) => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1)]),
  );
}

describe('deploy files', () => {
  it('the example environment passes the service’s own checks, behind a proxy on the loopback, with HTTPS addresses', () => {
    const env = envFile(read('portal-hub.env.example'));
    const loaded = loadConfig(env, false);
    if (!loaded.ok) throw new Error(loaded.problems.join('\n'));
    expect(loaded.config.host).toBe('127.0.0.1');
    expect(loaded.config.portalBaseUrl).toMatch(/^https:\/\//);
    expect(loaded.config.portalBaseUrlSet).toBe(true);
    expect(loaded.config.databaseUrl).toBe(`file:${env.DATA_DIR}/portal-hub.db`);
  });

  it('the unit runs the compiled service with node, reads that environment and may write only the data folder', () => {
    const unit = read('portal-hub.service');
    const env = envFile(read('portal-hub.env.example'));
    expect(unit).toMatch(/^ExecStart=\/usr\/bin\/node [^\n]*dist\/service\.js$/m);
    expect(unit.split('\n').find((line) => line.startsWith('ExecStart='))).not.toMatch(/npm|tsx/);
    expect(readFileSync(join(ROOT, 'scripts', 'build.mjs'), 'utf8')).toContain("service: 'src/main.ts'");
    expect(unit).toContain(`ReadWritePaths=${env.DATA_DIR}`);
    expect(unit).toContain(`StateDirectory=${env.DATA_DIR!.split('/').pop()}`);
    expect(unit).toMatch(/^EnvironmentFile=\/etc\/portal-hub\/portal-hub\.env$/m);
  });

  it('both proxy examples send the portal’s host to the port the example environment names', () => {
    const env = envFile(read('portal-hub.env.example'));
    const host = new URL(env.PORTAL_BASE_URL!).host;
    for (const file of ['Caddyfile', 'nginx.conf']) {
      const text = read(file);
      expect(text, file).toContain(host);
      expect(text, file).toContain(`127.0.0.1:${env.PORT}`);
    }
  });
});
