import { Redis } from 'ioredis';

/**
 * The machine's Redis (127.0.0.1:6379, or PORTAL_HUB_TEST_REDIS). Where it is not reachable the
 * Redis suites say so and skip; REQUIRE_REDIS=1 (set by CI) turns that into a failure.
 */
export const REDIS_URL = process.env.PORTAL_HUB_TEST_REDIS ?? 'redis://127.0.0.1:6379';

async function probe(): Promise<boolean> {
  const client = new Redis(REDIS_URL, { lazyConnect: true, connectTimeout: 1000, maxRetriesPerRequest: 0, retryStrategy: () => null });
  try {
    await client.connect();
    return (await client.ping()) === 'PONG';
  } catch {
    return false;
  } finally {
    client.disconnect();
  }
}

const reachable = await probe();
if (!reachable && process.env.REQUIRE_REDIS === '1') throw new Error(`REQUIRE_REDIS=1 but Redis at ${REDIS_URL} is not reachable`);
if (!reachable) console.warn(`Redis suites are SKIPPED: nothing answers at ${REDIS_URL}`);
export const NO_REDIS = !reachable;
