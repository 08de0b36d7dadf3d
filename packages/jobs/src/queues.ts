import { z } from 'zod';

/** Queue names. No `:` in names or job ids: BullMQ uses it as its key separator. */
export const QUEUES = {
  imports: 'imports',
  indicators: 'indicators',
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

/** Why the customer indicators are recomputed: every night, after new settings, or because an import changed the file. */
export const indicatorsJobSchema = z.discriminatedUnion('reason', [
  z.object({ reason: z.literal('nightly') }),
  z.object({ reason: z.literal('settings') }),
  z.object({ reason: z.literal('import'), importId: z.uuid() }),
]);
export type IndicatorsJob = z.infer<typeof indicatorsJobSchema>;

/** One refresh per finished import, whatever retries enqueue it. */
export const indicatorsJobId = (importId: string): string => `indicators-import-${importId}`;

export const INDICATORS_NIGHTLY = {
  id: 'indicators-nightly',
  pattern: '0 3 * * *',
  tz: 'Europe/Paris',
} as const;
