import { Redis, type RedisOptions } from 'ioredis';

/**
 * Producers (the API) fail fast when Redis is away; workers wait for it forever
 * (`maxRetriesPerRequest: null`), as BullMQ requires.
 */
export function createRedis(url: string, role: 'producer' | 'worker', options: RedisOptions = {}): Redis {
  const redis = new Redis(url, {
    // a producer's command fails after one reconnection attempt instead of waiting for Redis to come back
    maxRetriesPerRequest: role === 'worker' ? null : 1,
    lazyConnect: false,
    ...options,
  });
  redis.on('error', (err) => {
    if (process.env.NODE_ENV !== 'test') console.error(`[redis] ${err.message}`);
  });
  return redis;
}

/** BullMQ silently loses jobs when Redis evicts keys. Refuse to run on such a Redis. */
export async function assertNoEviction(redis: Redis): Promise<void> {
  const reply = (await redis.config('GET', 'maxmemory-policy')) as string[];
  const policy = reply[1];
  if (policy && policy !== 'noeviction') {
    throw new Error(
      `Redis maxmemory-policy is "${policy}": queued jobs could be evicted and lost. ` +
        'Set it to "noeviction" (redis-cli CONFIG SET maxmemory-policy noeviction, or maxmemory-policy noeviction in redis.conf).',
    );
  }
}
