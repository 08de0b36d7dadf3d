import path from 'node:path';
import { assertNoEviction, createRedis } from '@relance/jobs/redis';
import { type ResolvedRedis, resolveRedis } from './local-redis';

/**
 * The launcher's Redis: REDIS_URL, else one answering on 127.0.0.1:6379, else a redis-server we start with
 * its data under `<dataDir>/redis`. Refuses a Redis that may evict keys (BullMQ would lose jobs).
 */
export async function resolveLauncherRedis(options: {
  url?: string;
  dataDir: string;
  port: number;
  probe?: { host: string; port: number };
  env?: NodeJS.ProcessEnv;
}): Promise<ResolvedRedis> {
  const redis = await resolveRedis({
    url: options.url,
    dataDir: path.join(options.dataDir, 'redis'),
    port: options.port,
    probe: options.probe,
    env: options.env,
  });
  try {
    await checkRedis(redis.url);
  } catch (err) {
    await redis.stop?.();
    throw err;
  }
  return redis;
}

/** Connects once, and refuses a Redis whose maxmemory-policy is not noeviction. */
export async function checkRedis(url: string): Promise<void> {
  const client = createRedis(url, 'producer', {
    lazyConnect: true,
    connectTimeout: 3000,
    retryStrategy: () => null,
  });
  client.removeAllListeners('error');
  client.on('error', () => {});
  try {
    try {
      await client.connect();
    } catch (err) {
      throw new Error(
        `Redis at ${redactUrl(url)} does not answer (${(err as Error).message}). Check REDIS_URL.`,
      );
    }
    await assertNoEviction(client);
  } finally {
    client.disconnect();
  }
}

/** A URL without its password, for messages. */
export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return url;
  }
}
