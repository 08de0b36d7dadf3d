import type { Channel } from '@relance/domain/vocabulary';
import { type JobsOptions, Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import { INTAKE_JOB_OPTIONS, INTAKE_QUEUE, type IntakeJob } from './intake';
import {
  CALLBACKS_FEED,
  CALLBACKS_QUEUE,
  type CallbacksJob,
  DEFAULT_JOB_OPTIONS,
  DISPATCH_QUEUE,
  DISPATCH_SWEEP,
  type DispatchJob,
  type ImportJob,
  INDICATORS_NIGHTLY,
  type IndicatorsJob,
  importJobId,
  indicatorsJobId,
  QUEUES,
  SEND_JOB_OPTIONS,
  SEND_QUEUES,
  type SendBatchJob,
} from './queues';

export interface Queues {
  imports: Queue<ImportJob>;
  indicators: Queue<IndicatorsJob>;
  /** the dispatch engine's scheduling: phases, waves, test ends, sweeps */
  dispatch: Queue<DispatchJob>;
  /** batches of send ids, one queue per channel */
  sends: Record<Channel, Queue<SendBatchJob>>;
  /** feeding the telemarketers' callback queues */
  callbacks: Queue<CallbacksJob>;
  /** verified webhooks kept in inbound_batches, turned into events */
  intake: Queue<IntakeJob>;
  close: () => Promise<void>;
}

function queue<T>(
  name: string,
  connection: Redis,
  prefix: string,
  options: JobsOptions = DEFAULT_JOB_OPTIONS,
): Queue<T> {
  const q = new Queue<T>(name, { connection, prefix, defaultJobOptions: options });
  q.on('error', (err) => console.error(`[queue ${name}] ${err.message}`));
  return q;
}

export function createQueues(connection: Redis, prefix: string): Queues {
  const imports = queue<ImportJob>(QUEUES.imports, connection, prefix);
  const indicators = queue<IndicatorsJob>(QUEUES.indicators, connection, prefix);
  const dispatch = queue<DispatchJob>(DISPATCH_QUEUE, connection, prefix);
  const callbacks = queue<CallbacksJob>(CALLBACKS_QUEUE, connection, prefix);
  const intake = queue<IntakeJob>(INTAKE_QUEUE, connection, prefix, INTAKE_JOB_OPTIONS);
  const sends = Object.fromEntries(
    Object.entries(SEND_QUEUES).map(([channel, name]) => [
      channel,
      queue<SendBatchJob>(name, connection, prefix, SEND_JOB_OPTIONS),
    ]),
  ) as Record<Channel, Queue<SendBatchJob>>;
  return {
    imports,
    indicators,
    dispatch,
    sends,
    callbacks,
    intake,
    close: async () => {
      await Promise.all([
        imports.close(),
        intake.close(),
        callbacks.close(),
        indicators.close(),
        dispatch.close(),
        ...Object.values(sends).map((q) => q.close()),
      ]);
    },
  };
}

export async function enqueueImport(queues: Queues, job: ImportJob): Promise<void> {
  await queues.imports.add('import', job, { jobId: importJobId(job.importId) });
}

export async function enqueueIndicatorsAfterImport(queues: Queues, importId: string): Promise<void> {
  await queues.indicators.add(
    'refresh',
    { reason: 'import', importId },
    { jobId: indicatorsJobId(importId) },
  );
}

/** After the settings changed; several saves in the same minute make one refresh. */
export async function enqueueIndicatorsAfterSettings(queues: Queues, now = new Date()): Promise<void> {
  const minute = now.toISOString().slice(0, 16).replace(/\D/g, '');
  await queues.indicators.add('refresh', { reason: 'settings' }, { jobId: `indicators-settings-${minute}` });
}

/** The nightly refresh, declared idempotently: every worker may call this at start. */
export async function scheduleNightlyIndicators(queues: Queues): Promise<void> {
  await queues.indicators.upsertJobScheduler(
    INDICATORS_NIGHTLY.id,
    { pattern: INDICATORS_NIGHTLY.pattern, tz: INDICATORS_NIGHTLY.tz },
    { name: 'refresh', data: { reason: 'nightly' } },
  );
}

/** A dispatch scheduling job, `delayMs` from now (0: at once), under its deterministic id. */
export async function enqueueDispatch(
  queues: Queues,
  job: DispatchJob,
  jobId: string,
  delayMs = 0,
): Promise<void> {
  await queues.dispatch.add(job.kind, job, { jobId, delay: Math.max(0, Math.round(delayMs)) });
}

/** Batches of send ids for a channel, in one round trip; each under its deterministic id. */
export async function enqueueSendBatches(
  queues: Queues,
  channel: Channel,
  batches: readonly { job: SendBatchJob; jobId: string; delayMs?: number }[],
): Promise<void> {
  if (batches.length === 0) return;
  await queues.sends[channel].addBulk(
    batches.map((b) => ({
      name: 'batch',
      data: b.job,
      opts: { jobId: b.jobId, delay: Math.max(0, Math.round(b.delayMs ?? 0)) },
    })),
  );
}

/** The minute's sweep of stale claims and late waves, declared idempotently by every worker at start. */
export async function scheduleDispatchSweep(queues: Queues): Promise<void> {
  await queues.dispatch.upsertJobScheduler(
    DISPATCH_SWEEP.id,
    { every: DISPATCH_SWEEP.every },
    { name: 'sweep', data: { kind: 'sweep' } },
  );
}

/** The quarter-hourly feed of the callback queues, declared idempotently by every worker at start. */
export async function scheduleCallbacksFeed(queues: Queues): Promise<void> {
  await queues.callbacks.upsertJobScheduler(
    CALLBACKS_FEED.id,
    { every: CALLBACKS_FEED.every },
    { name: 'feed', data: { reason: 'repeat' } },
  );
}

/** A feed of the callback queues now (after a refresh, or asked for); one per minute whatever asks for it. */
export async function enqueueCallbacksFeed(
  queues: Queues,
  reason: CallbacksJob['reason'],
  now = new Date(),
): Promise<void> {
  const minute = now.toISOString().slice(0, 16).replace(/\D/g, '');
  await queues.callbacks.add('feed', { reason }, { jobId: `callbacks-${reason}-${minute}` });
}
