import type { Queue } from 'bullmq';
import { z } from 'zod';

/**
 * The intake queue: one job per verified webhook kept in `inbound_batches`, turning it into events. The job id is
 * the batch's (enqueuing it twice runs it once); the minute's sweep re-enqueues batches whose job Redis lost, under
 * an id of the sweep's minute (a finished or failed job keeps its id for a while), which is harmless: processing a
 * batch again records nothing new.
 */
export const INTAKE_QUEUE = 'intake';
export const intakeJobSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('batch'), batchId: z.number().int().positive() }),
  z.object({ kind: z.literal('sweep') }),
]);
export type IntakeJob = z.infer<typeof intakeJobSchema>;

export const intakeJobId = (batchId: number): string => `intake-${batchId}`;
const sweptJobId = (batchId: number, minute: string): string => `intake-${batchId}-swept-${minute}`;

/** A batch left unprocessed this long after it came is re-enqueued by the sweep. */
export const INTAKE_STALE_MS = 60_000;
export const INTAKE_SWEEP = { id: 'intake-sweep', every: 60_000 } as const;

/** Many small jobs (one per Twilio callback): finished ones go soon. */
export const INTAKE_JOB_OPTIONS = {
  attempts: 5,
  backoff: { type: 'exponential', delay: 1_000 },
  removeOnComplete: { count: 1_000, age: 3600 },
  removeOnFail: { count: 5_000, age: 7 * 24 * 3600 },
} as const;

export async function enqueueIntake(queue: Queue<IntakeJob>, batchId: number): Promise<void> {
  await queue.add('batch', { kind: 'batch', batchId }, { jobId: intakeJobId(batchId) });
}

/** The sweep's re-enqueuing of batches whose job was lost, in one round trip. */
export async function enqueueSweptIntake(
  queue: Queue<IntakeJob>,
  batchIds: readonly number[],
  now = new Date(),
): Promise<void> {
  if (batchIds.length === 0) return;
  const minute = now.toISOString().slice(0, 16).replace(/\D/g, '');
  await queue.addBulk(
    batchIds.map((batchId) => ({
      name: 'batch',
      data: { kind: 'batch' as const, batchId },
      opts: { jobId: sweptJobId(batchId, minute) },
    })),
  );
}

/** The minute's sweep, declared idempotently by every worker at start. */
export async function scheduleIntakeSweep(queue: Queue<IntakeJob>): Promise<void> {
  await queue.upsertJobScheduler(
    INTAKE_SWEEP.id,
    { every: INTAKE_SWEEP.every },
    { name: 'sweep', data: { kind: 'sweep' } },
  );
}
