import { createChannelAdapters } from '@relance/channels/create-adapters';
import type { ProviderConfig } from '@relance/channels/provider-config';
import type { Database } from '@relance/db/client';
import { savePostalBatch } from '@relance/db/queries/postal-batches';
import { ContentCache } from '@relance/dispatch/content-cache';
import { createRateLimiter, type Pace } from '@relance/dispatch/rate-limiter';
import type { Scheduler } from '@relance/dispatch/schedule';
import type { DispatchRuntime } from '@relance/dispatch/send-batch';
import { channelSenders } from '@relance/dispatch/senders';
import { CHANNELS, type Channel } from '@relance/domain/vocabulary';
import { type Queues, scheduleDispatchSweep } from '@relance/jobs/enqueue';
import { DISPATCH_QUEUE, SEND_QUEUES } from '@relance/jobs/queues';
import { Worker } from 'bullmq';
import type { Redis } from 'ioredis';
import { dispatchProcessor } from './processors/dispatch';
import { sendBatchProcessor } from './processors/sends';

export interface DispatchWorkerOptions {
  /** the providers (channels' provider-config.ts: each live, the sandbox, or off) */
  providers: ProviderConfig;
  /** messages per second per channel (0: no limit), shared by every worker process through Redis */
  paces?: Partial<Record<Channel, Pace>>;
  /** batches processed at once per channel in this process */
  concurrency?: Partial<Record<Channel, number>>;
  /** contacts per transaction when writing a rollout or a later step */
  chunkSize?: number;
  retryDelay?: DispatchRuntime['retryDelay'];
  maxPaceWaitMs?: number;
  /** the compiled contents (tests read how many compilations there were) */
  content?: ContentCache;
  /** skip the two-minute sweep's scheduler (tests that run it by hand) */
  sweep?: boolean;
  /** a send job's lock, renewed while it runs; a killed worker's job is taken over once it expires */
  lockDurationMs?: number;
  /** how often workers look for jobs whose lock expired */
  stalledIntervalMs?: number;
}

const DEFAULT_CONCURRENCY: Record<Channel, number> = { email: 2, sms: 1, voice: 1, postal: 1, phone: 1 };

/**
 * The dispatch engine's workers: the scheduling queue (phases, waves, test ends, sweeps) and one send queue per
 * channel. Nothing is coordinated in memory: claims are in PostgreSQL, paces in Redis, so any number of these
 * processes can run on any number of machines.
 */
export function startDispatchWorkers(options: {
  database: Database;
  connection: Redis;
  prefix: string;
  queues: Queues;
  dispatch: DispatchWorkerOptions;
  log: (line: string) => void;
}): { workers: Worker[]; ready: () => Promise<void>; stopping: () => void } {
  const { database, connection, prefix, queues, dispatch, log } = options;
  let closing = false;
  const senders = channelSenders(
    createChannelAdapters(dispatch.providers, {
      postalArtifacts: { save: (files) => savePostalBatch(database.db, files) },
    }),
  );
  const paces: Record<string, Pace | undefined> = {};
  for (const channel of CHANNELS) {
    const sender = senders[channel];
    if (sender) paces[sender.provider] = dispatch.paces?.[channel];
  }
  const scheduler: Scheduler = { db: database.db, queues };
  const runtime: DispatchRuntime = {
    db: database.db,
    senders,
    content: dispatch.content ?? new ContentCache(),
    limiter: createRateLimiter(connection, prefix, paces),
    publicUrl: dispatch.providers.publicUrl ?? 'http://localhost:3000',
    ...(dispatch.retryDelay ? { retryDelay: dispatch.retryDelay } : {}),
    ...(dispatch.maxPaceWaitMs !== undefined ? { maxPaceWaitMs: dispatch.maxPaceWaitMs } : {}),
    stopping: () => closing,
  };
  const listen = (worker: Worker, name: string) => {
    worker.on('error', (err) => log(`${name} queue error: ${err.message}`));
    worker.on('failed', (job, err) =>
      log(`${name} job ${job?.id} failed (attempt ${job?.attemptsMade}): ${err.message}`),
    );
    return worker;
  };
  const workers = [
    listen(
      new Worker(
        DISPATCH_QUEUE,
        dispatchProcessor(scheduler, dispatch.chunkSize ? { chunkSize: dispatch.chunkSize } : {}),
        // writing a million sends takes tens of seconds: a long lock, renewed on the way
        { connection, prefix, concurrency: 2, lockDuration: 120_000 },
      ),
      DISPATCH_QUEUE,
    ),
    ...CHANNELS.map((channel) =>
      listen(
        new Worker(SEND_QUEUES[channel], sendBatchProcessor(runtime, scheduler, channel), {
          connection,
          prefix,
          concurrency: dispatch.concurrency?.[channel] ?? DEFAULT_CONCURRENCY[channel],
          lockDuration: dispatch.lockDurationMs ?? 60_000,
          ...(dispatch.stalledIntervalMs ? { stalledInterval: dispatch.stalledIntervalMs } : {}),
        }),
        SEND_QUEUES[channel],
      ),
    ),
  ];
  const modes = dispatch.providers;
  const sandboxed = (['email', 'sms', 'voice', 'postal'] as const).filter((c) => modes[c].mode === 'sandbox');
  if (sandboxed.length) log(`dispatch: ${sandboxed.join(', ')} go to the provider sandbox`);
  return {
    workers,
    ready: async () => {
      await Promise.all(workers.map((w) => w.waitUntilReady()));
      if (dispatch.sweep !== false) await scheduleDispatchSweep(queues);
    },
    stopping: () => {
      closing = true;
    },
  };
}
