import type { Database } from '@relance/db/client';
import type { Queues } from '@relance/jobs/enqueue';
import { INTAKE_QUEUE, scheduleIntakeSweep } from '@relance/jobs/intake';
import { Worker } from 'bullmq';
import type { Redis } from 'ioredis';
import { intakeProcessor } from './processors/intake';

/**
 * The intake worker: webhook batches turned into events, several at once (each is one set-based transaction;
 * concurrent ones lock rows in a fixed order), and the minute's sweep of batches whose job was lost. Completions
 * are not logged (one job per Twilio callback); failures and batches kept with an error are.
 */
export function startIntakeWorker(options: {
  database: Database;
  connection: Redis;
  prefix: string;
  queues: Queues;
  concurrency?: number;
  sweep?: boolean;
  log: (line: string) => void;
}): { worker: Worker; ready: () => Promise<void> } {
  const { database, connection, prefix, queues, log } = options;
  const worker = new Worker(INTAKE_QUEUE, intakeProcessor(database, queues.intake), {
    connection,
    prefix,
    concurrency: options.concurrency ?? 4,
    lockDuration: 60_000,
  });
  worker.on('error', (err) => log(`${INTAKE_QUEUE} queue error: ${err.message}`));
  worker.on('failed', (job, err) => {
    // drizzle's message is the whole statement: PostgreSQL's reason is its cause's
    const cause = (err as { cause?: { message?: string } }).cause?.message;
    log(`${INTAKE_QUEUE} job ${job?.id} failed (attempt ${job?.attemptsMade}): ${cause ?? err.message}`);
  });
  worker.on('completed', (job, result) => {
    if (result && 'error' in result && result.error)
      log(`${INTAKE_QUEUE} batch ${job.data?.batchId} kept with an error: ${result.error}`);
  });
  return {
    worker,
    ready: async () => {
      await worker.waitUntilReady();
      if (options.sweep !== false) await scheduleIntakeSweep(queues.intake);
    },
  };
}
