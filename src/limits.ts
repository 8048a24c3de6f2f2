import Bottleneck from 'bottleneck';
import { createRequire } from 'node:module';

/** How often one platform account may be called. Limits are per channel (account), not per platform. */
export interface LimitRule {
  minTimeMs: number;
  maxConcurrent: number;
}

/** Modest client-side pacing; the platforms' own limits are read from their answers (Graph's usage header). */
export const PLATFORM_LIMITS: Record<string, LimitRule> = {
  facebook: { minTimeMs: 250, maxConcurrent: 1 },
  youtube: { minTimeMs: 1000, maxConcurrent: 1 },
  'zalo-oa': { minTimeMs: 250, maxConcurrent: 1 },
};

export interface ChannelLimits {
  run<T>(channelKey: string, platform: string, job: () => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

/**
 * bottleneck limiters, one per channel: in process by default; with a Redis URL every worker
 * with the same channel shares one limiter (bottleneck's ioredis datastore, Lua in Redis).
 */
export function channelLimits(options: { redisUrl: string | null; rules?: Record<string, LimitRule> }): ChannelLimits {
  const rules = options.rules ?? PLATFORM_LIMITS;
  // ioredis is loaded only for a shared limiter: a single process does not carry it.
  const redis = options.redisUrl ? new (createRequire(import.meta.url)('ioredis') as typeof import('ioredis')).Redis(options.redisUrl, { maxRetriesPerRequest: 3, lazyConnect: false }) : null;
  const connection = redis ? new Bottleneck.IORedisConnection({ client: redis }) : null;
  const limiters = new Map<string, Bottleneck>();
  const limiterFor = (channelKey: string, platform: string) => {
    let limiter = limiters.get(channelKey);
    if (!limiter) {
      const rule = rules[platform] ?? { minTimeMs: 1000, maxConcurrent: 1 };
      limiter = new Bottleneck({
        id: `portal-hub:channel:${channelKey}`,
        maxConcurrent: rule.maxConcurrent,
        minTime: rule.minTimeMs,
        ...(connection ? { datastore: 'ioredis', connection, clearDatastore: false } : {}),
      });
      limiters.set(channelKey, limiter);
    }
    return limiter;
  };
  return {
    run: (channelKey, platform, job) => limiterFor(channelKey, platform).schedule(job),
    async close() {
      await Promise.all([...limiters.values()].map((l) => l.disconnect(false)));
      await connection?.disconnect(false);
      redis?.disconnect();
    },
  };
}
