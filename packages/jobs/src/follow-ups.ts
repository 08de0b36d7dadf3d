import { type JobsOptions, Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import { z } from 'zod';

/**
 * The follow-up reminders' sweep (queries/follow-up-reminders.ts `sweepReminders`): every quarter of an hour, open
 * follow-ups left without a reminder get one and reminders gone past due are flagged overdue. One repeatable job,
 * declared idempotently by every worker at start.
 */
export const FOLLOW_UPS_QUEUE = 'follow-ups';
export const followUpsJobSchema = z.object({ kind: z.literal('sweep') });
export type FollowUpsJob = z.infer<typeof followUpsJobSchema>;
export const FOLLOW_UPS_SWEEP = { id: 'follow-ups-sweep', every: 15 * 60_000 } as const;

export const FOLLOW_UPS_JOB_OPTIONS = {
  attempts: 3,
  backoff: { type: 'exponential', delay: 5_000 },
  removeOnComplete: { count: 100, age: 24 * 3600 },
  removeOnFail: { count: 1_000, age: 7 * 24 * 3600 },
} as const satisfies JobsOptions;

export function followUpsQueue(connection: Redis, prefix: string): Queue<FollowUpsJob> {
  const queue = new Queue<FollowUpsJob>(FOLLOW_UPS_QUEUE, {
    connection,
    prefix,
    defaultJobOptions: FOLLOW_UPS_JOB_OPTIONS,
  });
  queue.on('error', (err) => console.error(`[queue ${FOLLOW_UPS_QUEUE}] ${err.message}`));
  return queue;
}

/** Declares the quarter-hourly sweep (the first one runs at once: a worker that starts catches up). */
export async function scheduleFollowUpsSweep(queue: Queue<FollowUpsJob>): Promise<void> {
  await queue.upsertJobScheduler(
    FOLLOW_UPS_SWEEP.id,
    { every: FOLLOW_UPS_SWEEP.every },
    { name: 'sweep', data: { kind: 'sweep' } },
  );
}
