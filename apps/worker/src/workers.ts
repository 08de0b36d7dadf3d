import { parseProviderConfig } from '@relance/channels/provider-config';
import type { Database } from '@relance/db/client';
import { createQueues, scheduleCallbacksFeed, scheduleNightlyIndicators } from '@relance/jobs/enqueue';
import { CALLBACKS_QUEUE, QUEUES } from '@relance/jobs/queues';
import { type Processor, Worker } from 'bullmq';
import type { Redis } from 'ioredis';
import { type DispatchWorkerOptions, startDispatchWorkers } from './dispatch-workers';
import { startFollowUpsWorker } from './follow-ups-worker';
import { startIntakeWorker } from './intake-worker';
import { callbacksProcessor } from './processors/callbacks';
import { importProcessor } from './processors/imports';
import { indicatorsProcessor } from './processors/indicators';
import { startSurveysWorker } from './surveys-worker';

/** No provider at all (every channel off but phone tasks): what a worker started without dispatch options uses. */
function noProviders(): DispatchWorkerOptions['providers'] {
  const parsed = parseProviderConfig({});
  if (!parsed.ok) throw new Error(parsed.problems.join('; '));
  return parsed.config;
}

export interface RunningWorkers {
  /** waits for the active jobs to finish, then stops taking new ones */
  close: () => Promise<void>;
}

export async function startWorkers(options: {
  database: Database;
  connection: Redis;
  prefix: string;
  importConcurrency: number;
  /** the dispatch engine's providers and paces; left out, sends wait (no provider) */
  dispatch?: DispatchWorkerOptions;
  /** webhook batches processed at once (default 4) */
  intakeConcurrency?: number;
  log?: (line: string) => void;
}): Promise<RunningWorkers> {
  const log = options.log ?? ((line: string) => console.log(`[worker] ${line}`));
  const queues = createQueues(options.connection, options.prefix);

  const start = (name: string, processor: Processor, concurrency: number) => {
    const worker = new Worker(name, processor, {
      connection: options.connection,
      prefix: options.prefix,
      concurrency,
      // an import or a refresh of a million contacts takes tens of seconds: a long lock, renewed on the way
      lockDuration: 60_000,
    });
    worker.on('error', (err) => log(`${name} queue error: ${err.message}`));
    worker.on('failed', (job, err) =>
      log(`${name} job ${job?.id} failed (attempt ${job?.attemptsMade}): ${err.message}`),
    );
    worker.on('completed', (job) => log(`${name} job ${job.id} completed`));
    return worker;
  };
  const workers = [
    start(QUEUES.imports, importProcessor(options.database, queues), options.importConcurrency),
    // one at a time: each refresh recomputes everything
    start(QUEUES.indicators, indicatorsProcessor(options.database, queues), 1),
    start(CALLBACKS_QUEUE, callbacksProcessor(options.database), 1),
  ];
  const dispatch = startDispatchWorkers({
    database: options.database,
    connection: options.connection,
    prefix: options.prefix,
    queues,
    dispatch: options.dispatch ?? { providers: noProviders() },
    log,
  });
  workers.push(...dispatch.workers);
  const intake = startIntakeWorker({
    database: options.database,
    connection: options.connection,
    prefix: options.prefix,
    queues,
    log,
    ...(options.intakeConcurrency ? { concurrency: options.intakeConcurrency } : {}),
  });
  workers.push(intake.worker);
  const surveys = startSurveysWorker({ ...options, queues, log });
  workers.push(surveys.worker);
  const followUps = startFollowUpsWorker({ ...options, log });
  await Promise.all(workers.map((w) => w.waitUntilReady()));
  await scheduleNightlyIndicators(queues);
  await scheduleCallbacksFeed(queues);
  await dispatch.ready();
  await intake.ready();
  await surveys.ready();
  await followUps.ready();
  return {
    close: async () => {
      // batches in progress hand their rest back to the queue instead of holding the shutdown
      dispatch.stopping();
      await Promise.all([...workers.map((w) => w.close()), followUps.close()]);
      await queues.close();
    },
  };
}
