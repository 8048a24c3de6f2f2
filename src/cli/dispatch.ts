import { InvalidArgumentError, type Command } from 'commander';
import { createDispatcher } from '../app/dispatch.js';
import { resealLegacyCredentials } from '../app/credentials.js';
import { sealingKey } from '../core/sealing.js';
import { problemAlert, storedAlert } from '../app/mirrors.js';
import { configOrExit } from '../config.js';
import { channelLimits } from '../limits.js';
import { dispatchEnvFor } from '../mirrorSetup.js';
import { configSecrets, rememberHubSecret } from '../knownSecrets.js';
import { ensureHubSecret } from '../secret.js';
import { cliClock, openStore } from './common.js';

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
      const store = await openStore(config);
      const deps = { store, clock: cliClock(config), timeZone: config.timeZone };
      // A worker may start before the service did after an upgrade: it re-seals old values too.
      await resealLegacyCredentials(deps, sealingKey(ensureHubSecret(config.dataDir, config.hubSecret).secret));
      const limits = channelLimits({ redisUrl: config.redisUrl });
      // A worker has no chat: its alerts go through the database to the process that holds the desk.
      // What it prints passes the same redactor as the service's log (src/redaction.ts).
      const secrets = configSecrets(config);
      const hubSecret = ensureHubSecret(config.dataDir, config.hubSecret).secret;
      rememberHubSecret(secrets, hubSecret);
      const say = (text: string) => console.error(secrets.scrub(text));
      const alert = storedAlert(deps, (text, error) => say(error ? `alert not stored (${error instanceof Error ? error.message : String(error)}): ${text}` : text));
      const env = dispatchEnvFor(config, deps, hubSecret, {
        leaseMs: o.leaseMs,
        limits,
        hooks: {
          onProblem: (p) => {
            const text = problemAlert(p);
            if (text) alert(text);
            else say(`${p.kind}: ${p.code} ${p.channel}`);
          },
          onBug: (error, d) => say(`delivery ${d.code} failed unexpectedly: ${error instanceof Error ? error.message : String(error)}`),
          onMiss: (m) => say(`delivery ${m.code} to ${m.channel} not made (${m.kind}${m.reason ? `: ${m.reason}` : ''}), attempt ${m.attempts}`),
          revealed: (credentials) => secrets.rememberCredentials(credentials),
        },
      });
      let stopping = false;
      const stop = () => (stopping = true);
      process.on('SIGTERM', stop);
      process.on('SIGINT', stop);
      console.log(`dispatch: ready (pid ${process.pid})`);
      // Lanes per channel run side by side; a channel whose lane still runs (a hung call) is skipped by the next tick.
      const dispatcher = createDispatcher(env);
      while (!stopping) {
        const given = await dispatcher.tick();
        if (given > 0) continue;
        const idle = dispatcher.busy().length === 0;
        if (o.once && idle) break;
        // Nothing new is due: wait the pause, or less when a lane ends (its channel may have more).
        const pause = new Promise((r) => setTimeout(r, o.everyMs));
        await (idle ? pause : Promise.race([pause, dispatcher.laneEnded()]));
      }
      const settled = await dispatcher.idle();
      console.log(`dispatch: settled ${settled}`);
      await limits.close();
      await store.close();
    });
}
