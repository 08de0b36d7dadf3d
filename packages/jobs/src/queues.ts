import { z } from 'zod';

/** Queue names. No `:` in names or job ids: BullMQ uses it as its key separator. */
export const QUEUES = {
  imports: 'imports',
} as const;
export type QueueName = (typeof QUEUES)[keyof typeof QUEUES];

export const importJobSchema = z.object({ importId: z.uuid() });
export type ImportJob = z.infer<typeof importJobSchema>;

/** One job per import, so that enqueuing twice (a retried request, a restarted API) runs it once. */
export const importJobId = (importId: string): string => `import-${importId}`;

export const DEFAULT_JOB_OPTIONS = {
  attempts: 3,
  backoff: { type: 'exponential', delay: 2_000 },
  removeOnComplete: { count: 1_000, age: 7 * 24 * 3600 },
  removeOnFail: { count: 5_000, age: 30 * 24 * 3600 },
} as const;
