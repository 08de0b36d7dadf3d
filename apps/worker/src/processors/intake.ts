import type { Database } from '@relance/db/client';
import { staleInboundBatches } from '@relance/db/queries/inbound-batches';
import { type IntakeReport, processInboundBatch } from '@relance/dispatch/intake';
import { enqueueSweptIntake, INTAKE_STALE_MS, type IntakeJob, intakeJobSchema } from '@relance/jobs/intake';
import { type Job, type Queue, UnrecoverableError } from 'bullmq';

/**
 * Thin: a kept webhook batch turned into events (dispatch/intake.ts), or the minute's sweep that re-enqueues the
 * batches whose job Redis lost.
 */
export function intakeProcessor(database: Database, queue: Queue<IntakeJob>) {
  return async (job: Job): Promise<IntakeReport | { swept: number } | null> => {
    const payload = intakeJobSchema.safeParse(job.data);
    if (!payload.success)
      throw new UnrecoverableError(`Invalid intake job payload: ${payload.error.message}`);
    const data = payload.data;
    if (data.kind === 'sweep') {
      const stale = await staleInboundBatches(database.db, INTAKE_STALE_MS);
      await enqueueSweptIntake(queue, stale);
      return { swept: stale.length };
    }
    const report = await processInboundBatch(database.db, data.batchId);
    // the counts are the batch's; the events themselves stay in the database
    return report && { ...report, events: [] };
  };
}
