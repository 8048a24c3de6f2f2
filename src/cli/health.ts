import type { Command } from 'commander';
import { configOrExit } from '../config.js';
import { operatorHealthToken } from '../http/health.js';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { bilingual } from '../core/messages.js';
import { causeCode, NETWORK_CODES } from '../core/errorCause.js';
import { ensureHubSecret } from '../secret.js';

/** A wildcard listen address is reached on the loopback from the same machine. */
const localAddress = (host: string) => (host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host.includes(':') ? `[${host}]` : host);

/**
 * The running service's detailed health (version, uptime, each chat desk's state), which /healthz
 * gives only to a caller presenting the operator token derived from the hub secret.
 */
export function addHealthCommand(program: Command): void {
  program
    .command('health')
    .description('Tình trạng chi tiết của dịch vụ đang chạy / the running service’s detailed health')
    .option('--url <url>', 'địa chỉ dịch vụ / where the service listens (default http://HOST:PORT)')
    .action(async (o: { url?: string }) => {
      const config = configOrExit();
      // Only asks: a data folder named by mistake must not be given a new key (one that opens nothing).
      const keyFile = join(config.dataDir, 'hub-secret');
      if (!config.hubSecret && !existsSync(keyFile)) {
        console.error(bilingual('health_no_key', { file: keyFile }));
        process.exitCode = 1;
        return;
      }
      const token = operatorHealthToken(ensureHubSecret(config.dataDir, config.hubSecret).secret);
      const base = (o.url ?? `http://${localAddress(config.host)}:${config.port}`).replace(/\/+$/, '');
      let response: Response;
      try {
        response = await fetch(`${base}/healthz`, { headers: { Authorization: `Bearer ${token}` }, signal: AbortSignal.timeout(10_000) });
      } catch (error) {
        console.error(bilingual('health_no_answer', { base, why: causeCode(error, NETWORK_CODES) ?? (error instanceof Error ? error.name : 'no answer') }));
        process.exitCode = 1;
        return;
      }
      console.log(JSON.stringify(await response.json(), null, 2));
      if (!response.ok) process.exitCode = 1;
    });
}
