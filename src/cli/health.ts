import type { Command } from 'commander';
import { configOrExit } from '../config.js';
import { operatorHealthToken } from '../http/health.js';
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
      const token = operatorHealthToken(ensureHubSecret(config.dataDir, config.hubSecret).secret);
      const base = (o.url ?? `http://${localAddress(config.host)}:${config.port}`).replace(/\/+$/, '');
      let response: Response;
      try {
        response = await fetch(`${base}/healthz`, { headers: { Authorization: `Bearer ${token}` }, signal: AbortSignal.timeout(10_000) });
      } catch (error) {
        console.error(`Dịch vụ không trả lời / the service does not answer at ${base}: ${error instanceof Error ? error.message : String(error)}`);
        process.exitCode = 1;
        return;
      }
      console.log(JSON.stringify(await response.json(), null, 2));
      if (!response.ok) process.exitCode = 1;
    });
}
