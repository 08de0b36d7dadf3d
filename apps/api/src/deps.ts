import type { Database } from '@relance/db/client';
import type { Queues } from '@relance/jobs/enqueue';
import type { Redis } from 'ioredis';
import type { ApiEnv } from './env-schema';

/** Everything a request handler may use, built once at boot (or by a test). */
export interface AppDeps {
  env: ApiEnv;
  database: Database;
  redis: Redis;
  queues: Queues;
}
