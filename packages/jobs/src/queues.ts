import { SEND_PHASES } from '@relance/domain/dispatch/sends';
import type { Channel } from '@relance/domain/vocabulary';
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

// ── dispatch ────────────────────────────────────────────────────────────────

/**
 * The dispatch engine's queues: `dispatch` schedules (a phase's members written, a later step's wave when it is
 * due, the end of a test, the sweep of stale claims); one send queue per channel carries batches of send ids, so
 * that each provider has its own pace and concurrency.
 */
export const DISPATCH_QUEUE = 'dispatch';
export const SEND_QUEUES = {
  email: 'send-email',
  sms: 'send-sms',
  voice: 'send-voice',
  postal: 'send-postal',
  phone: 'send-phone',
} as const satisfies Record<Channel, string>;

/** `generation`: the campaign's version when scheduled (the jobs' ids carry it, see below). */
const generation = z.string().regex(/^[a-z0-9]+$/);
export const dispatchJobSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('phase'), campaignId: z.uuid(), phase: z.enum(SEND_PHASES), generation }),
  z.object({ kind: z.literal('wave'), waveId: z.uuid(), generation }),
  z.object({ kind: z.literal('test-end'), campaignId: z.uuid(), generation }),
  z.object({ kind: z.literal('sweep') }),
]);
export type DispatchJob = z.infer<typeof dispatchJobSchema>;

/** At most this many send ids a job: one SendGrid request's worth of personalizations. */
export const MAX_SEND_BATCH = 1000;
/**
 * Send ids per job by channel: a provider request's worth for batch providers; fewer for one-call-per-message
 * providers, whose jobs last as long as their pace allows (100 SMS at 30 a second: 3 s), so that several
 * workers share a wave and a shutdown never waits long for a job.
 */
export const SEND_BATCH_SIZE = {
  email: 1000,
  postal: 500,
  phone: 1000,
  sms: 100,
  voice: 50,
} as const satisfies Record<Channel, number>;
export const sendBatchJobSchema = z.object({
  campaignId: z.uuid(),
  waveId: z.uuid(),
  sendIds: z.array(z.number().int().positive()).min(1).max(MAX_SEND_BATCH),
});
export type SendBatchJob = z.infer<typeof sendBatchJobSchema>;

/**
 * Job ids are deterministic (the same launch enqueued twice runs once) and carry a generation: a wave, a test's
 * end or a batch is scheduled again after a pause (its earlier job ran and found the campaign paused, and BullMQ
 * keeps a finished job's id for a while), so the generation is the campaign's version when scheduled, or a
 * retry's attempt.
 */
export const phaseJobId = (campaignId: string, phase: string, generation: string): string =>
  `phase-${campaignId}-${phase}-${generation}`;
export const waveJobId = (waveId: string, generation: string): string => `wave-${waveId}-${generation}`;
export const testEndJobId = (campaignId: string, generation: string): string =>
  `test-end-${campaignId}-${generation}`;
export const sendBatchJobId = (waveId: string, firstSendId: number, generation: string): string =>
  `send-${waveId}-${firstSendId}-${generation}`;

export const DISPATCH_SWEEP = { id: 'dispatch-sweep', every: 120_000 } as const;

/** Send batches: a million sends make a thousand jobs; finished ones are removed soon so Redis stays small. */
export const SEND_JOB_OPTIONS = {
  attempts: 5,
  backoff: { type: 'exponential', delay: 5_000 },
  removeOnComplete: { count: 200, age: 3600 },
  removeOnFail: { count: 1_000, age: 7 * 24 * 3600 },
} as const;

// ── callbacks ───────────────────────────────────────────────────────────────

/**
 * The telemarketers' callback queues are fed from the win-back state and the tracking events (callback-feed.ts):
 * every quarter of an hour, and after each indicators refresh (the nightly one included).
 */
export const CALLBACKS_QUEUE = 'callbacks';
export const callbacksJobSchema = z.object({ reason: z.enum(['repeat', 'after-refresh', 'manual']) });
export type CallbacksJob = z.infer<typeof callbacksJobSchema>;
export const CALLBACKS_FEED = { id: 'callbacks-feed', every: 15 * 60_000 } as const;
