import { createDemoUsers } from '@relance/db/demo-users';
import { createRedis } from '@relance/jobs/redis';
import { apiEnvSchema } from '../../apps/api/src/env-schema';
import { type RunningApi, startApi } from '../../apps/api/src/server';
import type { DispatchWorkerOptions } from '../../apps/worker/src/dispatch-workers';
import { startWorkers } from '../../apps/worker/src/workers';
import { createTestDatabase, type TestDatabase, testKeyPrefix, testRedisUrl } from './test-database';

export interface TestApp {
  url: string;
  database: TestDatabase;
  routes: RunningApi['routes'];
  /** the Redis key prefix of its queues */
  prefix: string;
  close: () => Promise<void>;
}

/**
 * The real API (serving apps/web/dist when built) and an in-process worker, on a fresh database with the
 * four demo users (password relance-demo) and a Redis key prefix of their own.
 */
export async function startTestApp(
  options: { env?: Record<string, string>; worker?: boolean; dispatch?: DispatchWorkerOptions } = {},
): Promise<TestApp> {
  const database = await createTestDatabase();
  await createDemoUsers(database.db);
  const prefix = testKeyPrefix();
  const env = apiEnvSchema.parse({
    NODE_ENV: 'test',
    DATABASE_URL: database.url,
    REDIS_URL: testRedisUrl(),
    PORT: '0',
    HOST: '127.0.0.1',
    QUEUE_PREFIX: prefix,
    ...options.env,
  });
  const api = await startApi(env);
  const connection = options.worker === false ? null : createRedis(env.REDIS_URL, 'worker');
  const workers = connection
    ? await startWorkers({
        database,
        connection,
        prefix,
        importConcurrency: 1,
        ...(options.dispatch ? { dispatch: options.dispatch } : {}),
        log: process.env.TEST_WORKER_LOG ? (l: string) => console.log(l) : () => {},
      })
    : null;
  return {
    url: api.url,
    database,
    routes: api.routes,
    prefix,
    close: async () => {
      await workers?.close();
      await connection?.quit().catch(() => connection.disconnect());
      await api.close();
      await database.drop();
    },
  };
}
