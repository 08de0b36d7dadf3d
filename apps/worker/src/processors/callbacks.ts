import type { Database } from '@relance/db/client';
import { feedCallbackQueues } from '@relance/db/queries/callback-feed';
import { getCallingRules } from '@relance/db/queries/calling-rules';
import { callbacksJobSchema } from '@relance/jobs/queues';
import { type Job, UnrecoverableError } from 'bullmq';

/**
 * Thin: check the payload, then feed the callback queues from the win-back state and the tracking events with
 * the workspace's calling rules (set-based, idempotent: a re-run adds only what is new).
 */
export function callbacksProcessor(database: Database) {
  return async (job: Job) => {
    const payload = callbacksJobSchema.safeParse(job.data);
    if (!payload.success)
      throw new UnrecoverableError(`Invalid callbacks job payload: ${payload.error.message}`);
    return feedCallbackQueues(database.db, await getCallingRules(database.db));
  };
}
