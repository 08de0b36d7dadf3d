import type { Database } from '@relance/db/client';
import { QUEUES } from '@relance/jobs/queues';
import { Worker } from 'bullmq';
import type { Redis } from 'ioredis';
import { importProcessor } from './processors/imports';

export interface RunningWorkers {
  /** waits for the active jobs to finish, then stops taking new ones */
  close: () => Promise<void>;
}

export async function startWorkers(options: {
  database: Database;
  connection: Redis;
  prefix: string;
  importConcurrency: number;
  log?: (line: string) => void;
}): Promise<RunningWorkers> {
  const log = options.log ?? ((line: string) => console.log(`[worker] ${line}`));
  const imports = new Worker(QUEUES.imports, importProcessor(options.database), {
    connection: options.connection,
    prefix: options.prefix,
    concurrency: options.importConcurrency,
    // a 1M-row import takes tens of seconds: renew the lock often enough that a busy event loop never loses it
    lockDuration: 60_000,
  });
  imports.on('error', (err) => log(`imports queue error: ${err.message}`));
  imports.on('failed', (job, err) =>
    log(`import job ${job?.id} failed (attempt ${job?.attemptsMade}): ${err.message}`),
  );
  imports.on('completed', (job) => log(`import job ${job.id} completed`));
  await imports.waitUntilReady();
  return {
    close: async () => {
      await imports.close();
    },
  };
}
