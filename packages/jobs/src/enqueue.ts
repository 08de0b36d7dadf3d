import { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import { DEFAULT_JOB_OPTIONS, type ImportJob, importJobId, QUEUES } from './queues';

export interface Queues {
  imports: Queue<ImportJob>;
  close: () => Promise<void>;
}

export function createQueues(connection: Redis, prefix: string): Queues {
  const imports = new Queue<ImportJob>(QUEUES.imports, {
    connection,
    prefix,
    defaultJobOptions: DEFAULT_JOB_OPTIONS,
  });
  imports.on('error', (err) => console.error(`[queue imports] ${err.message}`));
  return {
    imports,
    close: async () => {
      await imports.close();
    },
  };
}

export async function enqueueImport(queues: Queues, job: ImportJob): Promise<void> {
  await queues.imports.add('import', job, { jobId: importJobId(job.importId) });
}
