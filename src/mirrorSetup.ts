import { facebookChannel } from '../adapters/facebook/channel.js';
import type { Deps } from './app/deps.js';
import type { DispatchEnv } from './app/dispatch.js';
import type { Config } from './config.js';
import { sealingKey } from './core/sealing.js';

/** Every channel adapter this build knows, configured; shared by the service and the `dispatch` worker. */
export function dispatchEnvFor(config: Config, deps: Deps, hubSecret: string, options: { leaseMs: number; hooks?: Pick<DispatchEnv, 'onProblem' | 'onBug'> }): DispatchEnv {
  return {
    deps,
    adapters: { facebook: facebookChannel({ baseUrl: config.facebook.graphBase, videoBaseUrl: config.facebook.graphVideoBase, version: config.facebook.graphVersion, timeoutMs: 30_000 }) },
    sealingKey: sealingKey(hubSecret),
    portalBaseUrl: config.portalBaseUrl,
    mediaDir: config.mediaDir,
    // Longer than any call can take (30 s timeout): a row is only taken back from a worker that is gone.
    leaseMs: options.leaseMs,
    random: Math.random,
    ...options.hooks,
  };
}
