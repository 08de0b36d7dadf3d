import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createDb } from '@relance/db/client';
import { createQueues } from '@relance/jobs/enqueue';
import { createRedis } from '@relance/jobs/redis';
import { createApp } from './app';
import type { AppDeps } from './deps';
import type { ApiEnv } from './env-schema';
import type { ApiRegistry } from './http/registry';

export interface RunningApi {
  url: string;
  deps: AppDeps;
  /** every declared route, for the OpenAPI document and the permission tests */
  routes: ApiRegistry['routes'];
  close: () => Promise<void>;
}

/** Builds the dependencies from the environment and listens. Used by main.ts and by tests. */
export async function startApi(env: ApiEnv): Promise<RunningApi> {
  const database = createDb(env.DATABASE_URL, { applicationName: 'relance-api' });
  const redis = createRedis(env.REDIS_URL, 'producer');
  const queues = createQueues(redis, env.QUEUE_PREFIX);
  const deps: AppDeps = { env, database, redis, queues };
  const { api, listener, close: closeApp } = createApp(deps);
  const server = createServer(listener).listen(env.PORT, env.HOST);
  await new Promise<void>((resolve, reject) => {
    server.once('listening', resolve);
    server.once('error', reject);
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    deps,
    routes: api.routes,
    close: async () => {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeIdleConnections();
      });
      await closeApp();
      await queues.close();
      await redis.quit().catch(() => redis.disconnect());
      await database.close();
    },
  };
}
