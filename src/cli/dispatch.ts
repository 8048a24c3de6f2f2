import { InvalidArgumentError, type Command } from 'commander';
import { dispatchDue } from '../app/dispatch.js';
import { problemAlert } from '../app/mirrors.js';
import { configOrExit } from '../config.js';
import { channelLimits } from '../limits.js';
import { dispatchEnvFor } from '../mirrorSetup.js';
import { ensureHubSecret } from '../secret.js';
import { migrate } from '../store/migrate.js';
import { createPrismaStore } from '../store/prismaStore.js';

function ms(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 10) throw new InvalidArgumentError('cần số mili giây ≥ 10 / milliseconds, at least 10');
  return n;
}

/**
 * A delivery worker on its own: at scale several run beside the web processes, each claiming rows
 * with a conditional update, so no two send the same post.
 */
export function addDispatchCommand(program: Command): void {
  program
    .command('dispatch')
    .description('Chạy tiến trình đăng lên các kênh / run a delivery worker')
    .option('--every-ms <ms>', 'nghỉ giữa hai lần khi không có gì / pause when nothing is due', ms, 2000)
    .option('--lease-ms <ms>', 'thời hạn giữ một lượt đăng / how long a claim holds', ms, 5 * 60_000)
    .option('--once', 'chạy đến khi hết việc rồi thoát / run until nothing is due, then exit')
    .action(async (o: { everyMs: number; leaseMs: number; once?: boolean }) => {
      const config = configOrExit();
      await migrate(config.databaseUrl);
      const store = createPrismaStore(config.databaseUrl);
      const deps = { store, clock: () => new Date(), timeZone: config.timeZone };
      const limits = channelLimits({ redisUrl: config.redisUrl });
      const env = dispatchEnvFor(config, deps, ensureHubSecret(config.dataDir, config.hubSecret).secret, {
        leaseMs: o.leaseMs,
        limits,
        hooks: {
          onProblem: (p) => console.error(problemAlert(p) ?? `${p.kind}: ${p.code} ${p.channel}`),
          onBug: (error, d) => console.error(`delivery ${d.code} failed unexpectedly:`, error instanceof Error ? error.message : error),
        },
      });
      let stopping = false;
      const stop = () => (stopping = true);
      process.on('SIGTERM', stop);
      process.on('SIGINT', stop);
      console.log(`dispatch: ready (pid ${process.pid})`);
      while (!stopping) {
        const settled = await dispatchDue(env);
        if (settled > 0) console.log(`dispatch: settled ${settled}`);
        if (settled === 0) {
          if (o.once) break;
          await new Promise((r) => setTimeout(r, o.everyMs));
        }
      }
      await limits.close();
      await store.close();
    });
}
