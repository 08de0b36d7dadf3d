import type { Database } from '@relance/db/client';
import { AppError } from '@relance/domain/errors';
import { runImport } from '@relance/imports/run-import';
import { enqueueIndicatorsAfterImport, type Queues } from '@relance/jobs/enqueue';
import { importJobSchema } from '@relance/jobs/queues';
import { type Job, UnrecoverableError } from 'bullmq';

/** Thin: check the payload, run the import (all logic in @relance/imports), report progress to BullMQ, and
 * ask for the customer indicators to be recomputed when the import changed anything. */
export function importProcessor(database: Database, queues: Queues) {
  return async (job: Job): Promise<void> => {
    const payload = importJobSchema.safeParse(job.data);
    if (!payload.success)
      throw new UnrecoverableError(`Invalid import job payload: ${payload.error.message}`);
    let summary: Awaited<ReturnType<typeof runImport>>;
    try {
      summary = await runImport(database, payload.data.importId, {
        onProgress: (progress) => {
          void job.updateProgress(progress).catch(() => {});
        },
      });
    } catch (err) {
      // an import that no longer exists (deleted meanwhile) will not exist on the next attempt either
      if (err instanceof AppError && err.code === 'not_found') throw new UnrecoverableError(err.message);
      throw err;
    }
    // the file changed: the customer indicators follow
    if (summary.status === 'completed' && summary.rowsInserted + summary.rowsUpdated > 0) {
      await enqueueIndicatorsAfterImport(queues, payload.data.importId);
    }
  };
}
