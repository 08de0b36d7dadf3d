import { postgresUrl, redisUrl } from '@relance/domain/env';
import { z } from 'zod';

export const workerEnvSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  DATABASE_URL: postgresUrl,
  REDIS_URL: redisUrl,
  QUEUE_PREFIX: z
    .string()
    .regex(/^[a-zA-Z0-9_-]+$/, { error: 'letters, digits, - and _ only' })
    .default('relance'),
  IMPORT_CONCURRENCY: z.coerce.number().int().min(1).max(16).default(1),
});

export type WorkerEnv = z.infer<typeof workerEnvSchema>;
