import { randomBytes } from 'node:crypto';
import os from 'node:os';
import path from 'node:path';
import { dropDatabase, ensureDatabase, runMigrations } from '@relance/db/migrate';
import { Redis } from 'ioredis';
import type { TestProject } from 'vitest/node';
import { freePort, type ResolvedRedis, resolveRedis } from '../../scripts/lib/local-redis';
import { resolvePostgresServer } from '../../scripts/lib/postgres-server';

declare module 'vitest' {
  export interface ProvidedContext {
    adminDatabaseUrl: string;
    templateDatabase: string;
    redisUrl: string;
    keyPrefix: string;
  }
}

/**
 * One run = one migrated template database (each test file clones its own from it) and one Redis key
 * prefix. DATABASE_URL / REDIS_URL are used when set (only as servers: `postgres` itself is never written);
 * otherwise an embedded PostgreSQL and the same Redis resolution as `pnpm start`.
 */
export default async function setup(project: TestProject) {
  const runId = `${Date.now().toString(36)}${randomBytes(3).toString('hex')}`;
  const server = await resolvePostgresServer(process.env.DATABASE_URL, 'test');
  const adminUrl = server.adminUrl;
  const template = `relance_test_${runId}`;
  const templateUrl = await ensureDatabase(adminUrl, template);
  await runMigrations(templateUrl);

  const redis: ResolvedRedis = await resolveRedis({
    url: process.env.REDIS_URL,
    dataDir: path.join(os.tmpdir(), `relance-test-redis-${runId}`),
    port: await freePort(),
  });
  const keyPrefix = `relance-test-${runId}`;

  project.provide('adminDatabaseUrl', adminUrl);
  project.provide('templateDatabase', template);
  project.provide('redisUrl', redis.url);
  project.provide('keyPrefix', keyPrefix);

  return async () => {
    const client = new Redis(redis.url, { maxRetriesPerRequest: 1 });
    try {
      let cursor = '0';
      do {
        const [next, keys] = await client.scan(cursor, 'MATCH', `${keyPrefix}*`, 'COUNT', 1000);
        cursor = next;
        if (keys.length) await client.unlink(...keys);
      } while (cursor !== '0');
    } finally {
      client.disconnect();
    }
    const admin = (await import('postgres')).default(adminUrl, { max: 1, onnotice: () => {} });
    const leftovers = await admin<{ datname: string }[]>`
      SELECT datname FROM pg_database WHERE datname LIKE ${`${template}%`}`;
    await admin.end();
    for (const { datname } of leftovers) await dropDatabase(adminUrl, datname);
    await redis.stop?.();
    await server.stop();
  };
}
