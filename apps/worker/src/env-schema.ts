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
  // dispatch; the providers' own variables are read by @relance/channels (provider-config.ts)
  // paces in messages per second per channel, shared by every worker (0: no limit)
  SEND_RATE_EMAIL: z.coerce.number().min(0).default(0),
  SEND_RATE_SMS: z.coerce.number().min(0).default(30),
  SEND_RATE_VOICE: z.coerce.number().min(0).default(5),
  SEND_RATE_POSTAL: z.coerce.number().min(0).default(0),
  EMAIL_CONCURRENCY: z.coerce.number().int().min(1).max(16).default(2),
});

export type WorkerEnv = z.infer<typeof workerEnvSchema>;
