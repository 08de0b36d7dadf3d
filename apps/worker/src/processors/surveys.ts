import type { Database } from '@relance/db/client';
import { type MomentRun, runSurveyMoments } from '@relance/dispatch/survey-moments';
import type { Queues } from '@relance/jobs/enqueue';
import { surveysJobSchema } from '@relance/jobs/surveys';
import { type Job, UnrecoverableError } from 'bullmq';

/** Thin: check the payload, then write and deliver the day's survey invitations. */
export function surveysProcessor(database: Database, queues: Queues) {
  return async (job: Job): Promise<MomentRun[]> => {
    const payload = surveysJobSchema.safeParse(job.data);
    if (!payload.success)
      throw new UnrecoverableError(`Invalid surveys job payload: ${payload.error.message}`);
    return runSurveyMoments({ db: database.db, queues });
  };
}
