import type { Database } from '@relance/db/client';
import { FOLLOW_UPS_QUEUE, followUpsQueue, scheduleFollowUpsSweep } from '@relance/jobs/follow-ups';
import { Worker } from 'bullmq';
import type { Redis } from 'ioredis';
import { followUpsProcessor } from './processors/follow-ups';

/**
 * The follow-ups worker: the quarter-hourly sweep of reminders (one at a time). Logs what a sweep changed, so that
 * overdue reminders show in the worker's log too.
 */
export function startFollowUpsWorker(options: {
  database: Database;
  connection: Redis;
  prefix: string;
  log: (line: string) => void;
}): { worker: Worker; ready: () => Promise<void>; close: () => Promise<void> } {
  const { connection, prefix, log } = options;
  const queue = followUpsQueue(connection, prefix);
  const worker = new Worker(FOLLOW_UPS_QUEUE, followUpsProcessor(options.database), {
    connection,
    prefix,
    concurrency: 1,
    lockDuration: 60_000,
  });
  worker.on('error', (err) => log(`${FOLLOW_UPS_QUEUE} queue error: ${err.message}`));
  worker.on('failed', (job, err) =>
    log(`${FOLLOW_UPS_QUEUE} job ${job?.id} failed (attempt ${job?.attemptsMade}): ${err.message}`),
  );
  worker.on('completed', (_job, result: { scheduled: number; flagged: number } | null) => {
    if (result && (result.scheduled > 0 || result.flagged > 0))
      log(`follow-ups: ${result.scheduled} reminder(s) scheduled, ${result.flagged} newly overdue`);
  });
  return {
    worker,
    ready: async () => {
      await worker.waitUntilReady();
      await scheduleFollowUpsSweep(queue);
    },
    close: async () => {
      await worker.close();
      await queue.close();
    },
  };
}
