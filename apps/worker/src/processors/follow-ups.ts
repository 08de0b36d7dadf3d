import type { Database } from '@relance/db/client';
import { sweepReminders } from '@relance/db/queries/follow-up-reminders';
import { followUpsJobSchema } from '@relance/jobs/follow-ups';
import { type Job, UnrecoverableError } from 'bullmq';

/** Thin: check the payload, sweep the reminders (schedule the missing ones, flag the overdue ones). */
export function followUpsProcessor(database: Database) {
  return async (job: Job): Promise<{ scheduled: number; flagged: number }> => {
    const payload = followUpsJobSchema.safeParse(job.data);
    if (!payload.success)
      throw new UnrecoverableError(`Invalid follow-ups job payload: ${payload.error.message}`);
    return sweepReminders(database.db);
  };
}
