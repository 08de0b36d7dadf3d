import type { Database } from '@relance/db/client';
import type { MomentRun } from '@relance/dispatch/survey-moments';
import type { Queues } from '@relance/jobs/enqueue';
import { SURVEYS_QUEUE, scheduleDailySurveyMoments } from '@relance/jobs/surveys';
import { Worker } from 'bullmq';
import type { Redis } from 'ioredis';
import { surveysProcessor } from './processors/surveys';

/** The survey moments worker: every morning (and on request), the day's invitations, one run at a time. */
export function startSurveysWorker(options: {
  database: Database;
  connection: Redis;
  prefix: string;
  queues: Queues;
  log: (line: string) => void;
}): { worker: Worker; ready: () => Promise<void> } {
  const { connection, prefix, log } = options;
  const worker = new Worker(SURVEYS_QUEUE, surveysProcessor(options.database, options.queues), {
    connection,
    prefix,
    concurrency: 1,
    lockDuration: 120_000,
  });
  worker.on('error', (err) => log(`${SURVEYS_QUEUE} queue error: ${err.message}`));
  worker.on('failed', (job, err) =>
    log(`${SURVEYS_QUEUE} job ${job?.id} failed (attempt ${job?.attemptsMade}): ${err.message}`),
  );
  worker.on('completed', (_job, runs: MomentRun[] | null) => {
    for (const run of runs ?? [])
      if (run.invited > 0) log(`surveys: wave ${run.waveId}: ${run.invited} invited`);
  });
  return {
    worker,
    ready: async () => {
      await worker.waitUntilReady();
      await scheduleDailySurveyMoments(connection, prefix);
    },
  };
}
